package org.xbarsim.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.xbarsim.Limits;
import org.xbarsim.UserInputException;
import org.xbarsim.sweep.PointRunner;
import org.xbarsim.sweep.cluster.NodeAddress;
import org.xbarsim.sweep.cluster.SweepWorker;
import org.xbarsim.sweep.cluster.WorkerNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Join the Pekko Cluster of a sweep (started by ./xbarsim sweep --cluster) and run its points until the sweep is "
                + "done. Points arrive with their model and config files, so no shared disk is needed; the data set must "
                + "be installed here too.",
        },
        footer = {"", "Example:", "  ./xbarsim worker --join 127.0.0.1:25520 --name adc-x-size --jobs 2"})
final class WorkerCommand implements Callable<Integer> {
    /** A day: a worker started well before its sweep still waits, and a typo still ends. */
    static final int MAX_JOIN_SECONDS = 86_400;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT", description = "The coordinator's address (its --bind).")
    String join;

    @Option(names = "--name", required = true, paramLabel = "SWEEP",
            description = "The sweep's name (its name key): the cluster accepts only workers of its sweep.")
    String name;

    @Option(names = "--jobs", paramLabel = "N", description = "Points run at once, 1 to " + Limits.MAX_THREADS
            + " (default: all processors).")
    Integer jobs;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "The address this worker listens on (default: ${DEFAULT-VALUE}, a free port of this machine only).")
    String bind;

    @Option(names = "--pekko-config", paramLabel = "FILE",
            description = "Pekko settings layered on top of xbarsim's, e.g. TLS between machines (docs/sweeps.md).")
    Path pekkoConfig;

    @Option(names = "--join-timeout", paramLabel = "SECONDS",
            description = "How long to keep trying to join the coordinator before giving up, 1 to " + MAX_JOIN_SECONDS
                + " s (default: 60, or the --pekko-config file's pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes).")
    Integer joinTimeout;

    @Option(names = "--quiet", description = "Accepted for scripts that pass it to every command: this command shows no progress.")
    boolean quiet;

    @Override
    public Integer call() {
        if (!org.xbarsim.sweep.SweepFile.validName(name)) {
            throw new UserInputException("--name '" + name + "': must be a sweep name (letters, digits, '-' or '_')");
        }
        int n = Limits.threads(jobs, "--jobs");
        if (joinTimeout != null && (joinTimeout < 1 || joinTimeout > MAX_JOIN_SECONDS)) {
            throw new UserInputException("--join-timeout " + joinTimeout + ": must be between 1 and " + MAX_JOIN_SECONDS
                    + " seconds");
        }
        NodeAddress seed = NodeAddress.parse(join, "--join");
        NodeAddress self = NodeAddress.parse(bind, "--bind");
        var err = spec.commandLine().getErr();
        long started = System.nanoTime();
        WorkerNode node = WorkerNode.start(name, seed, self, n, PointRunner.simulation(), pekkoConfig,
                joinTimeout == null ? null : Duration.ofSeconds(joinTimeout));
        Duration patience = node.joinTimeout();
        err.println("worker of sweep '" + name + "' joining " + seed + " with " + n + " job(s); " + (patience == null
                ? "it keeps trying until stopped (the Pekko settings turn the join timeout off)"
                : "it gives up if it cannot join within " + seconds(patience) + " (--join-timeout)"));
        err.flush();
        SweepWorker.End end = node.await();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        err.println(endMessage(end, seed, patience, waited));
        err.flush();
        return end.finished() ? 0 : 1;
    }

    private String endMessage(SweepWorker.End end, NodeAddress seed, Duration patience, Duration waited) {
        if (end.finished()) {
            return "sweep '" + name + "' is done; this worker ran " + end.pointsRun() + " point(s)";
        }
        if (end.metCoordinator()) {
            return "worker stopped before the sweep was done (its coordinator at " + seed + " was lost, or the worker was"
                    + " stopped); it ran " + end.pointsRun() + " point(s)";
        }
        if (patience == null || waited.compareTo(patience) < 0) {
            return "worker stopped before it reached the coordinator at " + seed;
        }
        return "worker could not join the coordinator of sweep '" + name + "' at " + seed + " within " + seconds(patience)
                + ": is ./xbarsim sweep --cluster running there with --bind " + seed + " and this sweep's name, and can"
                + " this machine reach it? (--join-timeout waits longer)";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1e3);
    }
}
