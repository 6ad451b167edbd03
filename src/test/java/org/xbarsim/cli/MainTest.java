package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    /** Exit status, stdout and stderr of {@code args} on {@code cl}. */
    private static List<Object> run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return List.of(exit, out.toString(), err.toString());
    }

    private static List<String> subcommandNames() {
        List<String> names = new ArrayList<>();
        for (Class<?> c : Main.class.getAnnotation(CommandLine.Command.class).subcommands()) {
            names.add(c.getAnnotation(CommandLine.Command.class).name());
        }
        return names;
    }

    @Test
    void onlyASimulateRunByMainLeavesItsActorsToTheJvmsExit() {
        assertTrue(Main.leavesActorsToExit(new String[] {"simulate", "--model", "m.json"}));
        // commands that simulate and then go on in the same JVM stop their actors
        for (String command : List.of("demo", "compare", "replay", "sweep", "worker", "experiment", "bench", "export-trace")) {
            assertFalse(Main.leavesActorsToExit(new String[] {command, "simulate"}), command);
        }
        assertFalse(Main.leavesActorsToExit(new String[0]));
        assertFalse(Main.actorsLeftToExit, "set only by main, which tests do not run");
    }

    @Test
    void aMisspeltOptionIsReportedBeforeTheRequiredOneItLeftMissing() {
        String[] args = {"simulate", "--modle", "m.json"};
        List<Object> r = run(Main.commandLineFor(args), args);
        assertEquals(Main.EXIT_BAD_INPUT, r.get(0));
        assertEquals("xbarsim simulate: Unknown options: '--modle', 'm.json'\nPossible solutions: --model\n", r.get(2));
        String[] missing = {"simulate", "--model", "m.json"};
        r = run(Main.commandLineFor(missing), missing);
        assertEquals(Main.EXIT_BAD_INPUT, r.get(0));
        assertTrue(((String) r.get(2)).startsWith("xbarsim simulate: Missing required options: '--config=FILE', '--out=DIR'\n"
                + "Usage: xbarsim simulate"), (String) r.get(2));
        String[] param = {"bench", "--param", "foo"};
        r = run(Main.commandLineFor(param), param);
        assertTrue(((String) r.get(2)).startsWith("xbarsim bench: Value for option '--param' (KEY=VALUE) should be in KEY=VALUE"
                + " format but was foo\n"), "picocli's 'option option' said once: " + r.get(2));
    }

    /** Every command a user runs, by name (experiment's is its paper subcommand), without help. */
    private static java.util.Map<String, CommandLine> commands() {
        CommandLine cl = Main.newCommandLine();
        java.util.Map<String, CommandLine> commands = new java.util.TreeMap<>();
        for (String name : subcommandNames()) {
            CommandLine sub = cl.getSubcommands().get(name);
            if (!name.equals("help")) {
                commands.put(name, name.equals("experiment") ? sub.getSubcommands().get("paper") : sub);
            }
        }
        return commands;
    }

    @Test
    void everyCommandTakesQuietSoAScriptCanPassItToAll() {
        commands().forEach((name, sub) ->
                assertTrue(sub.getCommandSpec().findOption("--quiet") != null, name + " takes --quiet"));
    }

    @Test
    void everyHelpExampleFitsEightyColumnsSoItPastesAsPrinted() {
        // found by a user trial: simulate's example wrapped onto a second line, and pasted it ran without --config
        for (var command : commands().entrySet()) {
            String name = command.getKey();
            String help = command.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
            int at = help.indexOf("\nExample");
            if (at < 0) {
                continue;
            }
            List<String> lines = help.substring(at + 1).lines().skip(1).toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                assertTrue(line.isEmpty() || line.startsWith("  "), name + ": a wrapped example line: " + line);
                assertTrue(line.length() <= 80, name + ": longer than 80 columns: " + line);
                if (i > 0 && line.startsWith("      ")) {
                    assertTrue(lines.get(i - 1).endsWith(" \\"), name + ": a continued line without '\\': " + lines.get(i - 1));
                }
            }
        }
    }

    @Test
    void noCommandIsBadInputWithTheUsageOnStandardError() {
        List<Object> r = run(Main.commandLineFor(new String[0]));
        assertEquals(Main.EXIT_BAD_INPUT, r.get(0));
        assertEquals("", r.get(1));
        assertTrue(((String) r.get(2)).startsWith("Usage: xbarsim"), (String) r.get(2));
        assertTrue(((String) r.get(2)).endsWith("xbarsim: give a command (xbarsim --help lists them)\n"), (String) r.get(2));
        List<Object> help = run(Main.commandLineFor(new String[] {"--help"}), "--help");
        assertEquals(0, help.get(0));
        assertTrue(((String) help.get(1)).startsWith("Usage: xbarsim"));
    }

    @Test
    void aSubcommandAloneAnswersAsTheWholeCommandLine() {
        List<String> names = subcommandNames();
        assertEquals(15, names.size());
        for (String name : names) {
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"},
                    new String[] {name, "-V"})) {
                assertEquals(run(Main.newCommandLine(), args), run(Main.commandLineFor(args), args), String.join(" ", args));
            }
        }
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        CommandLine cl = Main.commandLineFor(new String[] {"simulate", "--help"});
        assertEquals(List.of("simulate"), List.copyOf(cl.getSubcommands().keySet()));
        assertNotEquals(1, Main.commandLineFor(new String[] {"help"}).getSubcommands().size());
        assertEquals(Main.newCommandLine().getSubcommands().keySet(),
                Main.commandLineFor(new String[] {"no-such-command"}).getSubcommands().keySet());
        assertEquals(run(Main.newCommandLine(), "--version"), run(Main.commandLineFor(new String[] {"--version"}), "--version"));
    }

    @Test
    void everyCommandsLineInTheTopLevelHelpIsASentence() {
        for (Class<?> c : Main.class.getAnnotation(CommandLine.Command.class).subcommands()) {
            CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
            String first = command.description()[0];
            assertTrue(first.endsWith("."), command.name() + ": the top-level help shows '" + first + "'");
        }
    }

    @Test
    void everyChipConfigOptionAlsoAnswersToMinusC() {
        List<String> withConfig = new ArrayList<>();
        Main.newCommandLine().getSubcommands().forEach((name, sub) -> {
            CommandLine.Model.OptionSpec config = sub.getCommandSpec().findOption("--config");
            if (config != null) {
                withConfig.add(name);
                assertTrue(List.of(config.names()).contains("-c"), name + ": " + List.of(config.names()));
            }
        });
        assertTrue(withConfig.containsAll(List.of("simulate", "compare", "map", "replay", "cost", "validate", "train")),
                withConfig.toString());
    }
}
