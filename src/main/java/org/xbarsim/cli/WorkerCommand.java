package org.xbarsim.cli;

import java.nio.file.Path;
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

    @Option(names = "--quiet", description = "Accepted for scripts that pass it to every command: this command shows no progress.")
    boolean quiet;

    @Override
    public Integer call() {
        if (!org.xbarsim.sweep.SweepFile.validName(name)) {
            throw new UserInputException("--name '" + name + "': must be a sweep name (letters, digits, '-' or '_')");
        }
        int n = Limits.threads(jobs, "--jobs");
        NodeAddress seed = NodeAddress.parse(join, "--join");
        NodeAddress self = NodeAddress.parse(bind, "--bind");
        var err = spec.commandLine().getErr();
        WorkerNode node = WorkerNode.start(name, seed, self, n, PointRunner.simulation(), pekkoConfig);
        err.println("worker of sweep '" + name + "' joining " + seed + " with " + n + " job(s)");
        err.flush();
        SweepWorker.End end = node.await();
        err.println(end.finished() ? "sweep '" + name + "' is done; this worker ran " + end.pointsRun() + " point(s)"
                : "worker stopped before the sweep was done (coordinator unreachable, or it could not join " + seed
                        + "); it ran " + end.pointsRun() + " point(s)");
        err.flush();
        return end.finished() ? 0 : 1;
    }
}
