package org.xbarsim.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbarsim.UserInputException;
import org.xbarsim.train.NativeBuild;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code xbarsim} command line: one subcommand per pipeline stage. */
@Command(
        name = Main.NAME,
        mixinStandardHelpOptions = true,
        version = Main.VERSION,
        description = {
            "Hardware/software co-simulator for crossbar in-memory-computing DNN accelerators: compress "
                + "(crossbar-aligned pruning, power-of-two integer quantization), map onto crossbars, simulate "
                + "cycle by cycle with actors, and report power, energy, latency and area."
        },
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            MapCommand.class,
            SimulateCommand.class,
            CompareCommand.class,
            SweepCommand.class,
            WorkerCommand.class,
            ReplayCommand.class,
            ExportTraceCommand.class,
            ValidateCommand.class,
            CostCommand.class,
            BenchCommand.class,
            DemoCommand.class,
            ExperimentCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements java.util.concurrent.Callable<Integer> {
    /** The command's name and version, shared by {@link Main} and {@link Root}. */
    static final String NAME = "xbarsim";
    static final String VERSION = "xbarsim 0.1.0";
    /**
     * True when {@link #main} runs {@code simulate}: the JVM then ends with {@code System.exit} as soon
     * as that one simulation's command returns, so it may leave its actors to the exit
     * ({@link SimulateCommand}). False for any other command, even one that simulates and goes on
     * ({@code demo}, {@code compare}), and in tests, which run commands in a JVM that goes on.
     */
    static volatile boolean actorsLeftToExit;

    /** Whether {@link #main} on {@code args} runs a command that may leave its actors to the JVM's exit. */
    static boolean leavesActorsToExit(String[] args) {
        return args.length > 0 && args[0].equals("simulate");
    }
    /** Exit status for bad input (file, option, data set). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand: the usage on stderr and status 2, so a script that lost its arguments does not pass. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("xbarsim: give a command (xbarsim --help lists them)");
        spec.commandLine().getErr().flush();
        return EXIT_BAD_INPUT;
    }

    public static void main(String[] args) {
        // ND4J and Pekko both log through SLF4J. It is bound (Logback read and configured: 19 ms of a
        // VGG-16 simulate's start in a profile) on a thread of its own while the command line is built,
        // and waited for before any command runs: nothing logs before that, and binding it before an
        // ActorSystem starts avoids a replay-logger race (SLF4J's substitute loggers otherwise).
        Thread logging = new Thread(() -> {
            Logger log = LoggerFactory.getLogger(Main.class);
            log.debug("xbarsim starting");
        }, "logging-start");
        logging.start();
        try {
            // before anything loads ND4J: its native build is fixed at load time
            NativeBuild.select();
        } catch (UserInputException e) {
            System.err.println("xbarsim: " + e.getMessage());
            System.exit(EXIT_BAD_INPUT);
        }
        StandardOutput stdout = StandardOutput.install();
        actorsLeftToExit = leavesActorsToExit(args);
        CommandLine cl = commandLineFor(args);
        awaitLogging(logging);
        int status = execute(cl, args, System.err);
        boolean written = resultsWritten(cl, stdout, System.err);
        System.exit(written || status != 0 ? status : EXIT_RESULTS_NOT_WRITTEN); // a failure's own status stays
    }

    /** Waits for {@code logging} (SLF4J's binding) to end, however long it takes. */
    private static void awaitLogging(Thread logging) {
        boolean interrupted = false;
        while (true) {
            try {
                logging.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exit status when the results could not be written to standard output (a full disk). */
    static final int EXIT_RESULTS_NOT_WRITTEN = 1;

    /**
     * False, after one line on {@code err}, when writing the results to standard output failed: a script
     * that sends them to a full disk must not see exit status 0 and an empty file. A reader that closed
     * the pipe ({@code xbarsim validate ... | head -1}) is no failure: it took what it wanted.
     */
    static boolean resultsWritten(CommandLine cl, StandardOutput stdout, java.io.PrintStream err) {
        cl.getOut().flush();
        cl.getSubcommands().values().forEach(sub -> sub.getOut().flush());
        if (!System.out.checkError() || stdout.pipeClosed()) {
            return true;
        }
        java.io.IOException why = stdout.failure();
        err.println(NAME + ": could not write the results to standard output"
                + (why != null && why.getMessage() != null ? " (" + why.getMessage() + ")" : ""));
        err.flush();
        return false;
    }

    /**
     * Runs {@code cl} on {@code args}; running out of heap on this thread (which picocli passes on as an
     * error, not to the handler below) prints the same advice as on a worker thread.
     */
    static int execute(CommandLine cl, String[] args, java.io.PrintStream err) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            String command = args.length > 0 && cl.getSubcommands().containsKey(args[0]) ? args[0] : NAME;
            err.println((command.equals(NAME) ? NAME : NAME + " " + command) + ": " + OutOfMemoryAdvice.message(command));
            return OutOfMemoryAdvice.EXIT_OUT_OF_MEMORY;
        }
    }

    /** The configured command line, also used by tests. */
    public static CommandLine newCommandLine() {
        return configured(new CommandLine(new Main()));
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, a root with only
     * that subcommand (picocli builds every command's model up front: about 80 ms more for the fifteen
     * of them than for {@code simulate} alone, without the class-data archive); otherwise (help, no or an unknown command) the whole command line.
     */
    static CommandLine commandLineFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
                if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0])) {
                    CommandLine cl = new CommandLine(new Root());
                    cl.addSubcommand(c);
                    return configured(cl);
                }
            }
        }
        return newCommandLine();
    }

    /** {@link Main} without its subcommands, for {@link #commandLineFor}: the same name and version. */
    @Command(name = NAME, mixinStandardHelpOptions = true, version = VERSION)
    static final class Root implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("the root command runs only on the whole command line");
        }
    }

    /**
     * The exit status for a command that threw {@code ex}, after one line on its standard error: bad input
     * (2) and running out of memory (3, also on a worker thread and passed on) are explained; anything
     * else is a bug and goes on to picocli with its stack trace.
     */
    static int failed(Exception ex, CommandLine cmd) throws Exception {
        PrintWriter err = cmd.getErr();
        if (ex instanceof UserInputException || ex instanceof java.io.UncheckedIOException) {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (org.xbarsim.OutOfMemory.causedBy(ex)) {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + OutOfMemoryAdvice.message(cmd.getCommandSpec().name()));
            err.flush();
            return OutOfMemoryAdvice.EXIT_OUT_OF_MEMORY;
        }
        throw ex;
    }

    /** Sets the handlers on {@code cl} and the subcommands it has. */
    private static CommandLine configured(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> failed(ex, cmd));
        cl.setParameterExceptionHandler(Main::badArguments);
        return cl;
    }

    /**
     * picocli's own report of bad arguments (the message, then suggestions or the usage), except that a
     * misspelt option comes first: {@code simulate --modle m.json} is told "Unknown options: '--modle',
     * 'm.json'" with "Possible solutions: --model", not that --model is missing (its misspelling is why).
     */
    static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        CommandLine.ParameterException shown = ex;
        if (ex instanceof CommandLine.MissingParameterException && !cmd.getUnmatchedArguments().isEmpty()) {
            shown = new CommandLine.UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        PrintWriter err = cmd.getErr();
        // picocli names an option "option '--x'" inside messages that say "option" already
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + shown.getMessage().replace("option option '", "option '"));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(shown, err)) {
            cmd.usage(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
