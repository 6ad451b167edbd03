package org.xbarsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xbarsim.Limits;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.sweep.LocalExecutor;
import org.xbarsim.sweep.PointRunner;
import org.xbarsim.sweep.SweepRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run a sweep of chip configurations and collect one results table. The sweep file (docs/sweeps.md) names a base "
                + "chip config, axes over config keys and model files, constraints and the images; every point is validated "
                + "before any runs.",
            "Each point is simulated (or compared with its baseline) into DIR/points/ID/; then DIR/summary.csv, "
                + "DIR/summary.json and DIR/summary.html. Run again with the same arguments, an interrupted sweep skips its "
                + "finished points. Exit status 1 when some point failed.",
            "With --cluster this process is the seed node and coordinator of a Pekko Cluster; workers join it with "
                + "./xbarsim worker."
        },
        footer = {"", "Examples:", "  ./xbarsim sweep --sweep sim-configs/sweeps/adc-x-size.conf --out runs/adc \\",
            "      --jobs 2",
            "  ./xbarsim sweep --sweep sim-configs/sweeps/adc-x-size.conf --out runs/adc \\",
            "      --cluster --bind 127.0.0.1:25520",
            "  ./xbarsim worker --join 127.0.0.1:25520 --name adc-x-size --jobs 2"})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sweep", required = true, paramLabel = "FILE", description = "Sweep file (sim-configs/sweeps/*.conf).")
    Path sweep;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Sweep folder: made on the first run, resumed by the next ones of the same sweep.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Points run at once on this machine, 1 to " + Limits.MAX_THREADS + " (default: all processors; "
                    + "with --cluster: 0, this node only coordinates).")
    Integer jobs;

    @Option(names = "--force", description = "Start again: replace DIR (only when an earlier xbarsim run made it).")
    boolean force;

    @Option(names = "--retry-failed", description = "Run again the points that failed in an earlier run into DIR.")
    boolean retryFailed;

    @Option(names = "--cluster", description = "Run the points on a Pekko Cluster of workers (./xbarsim worker); this node "
            + "is its seed and coordinator.")
    boolean cluster;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:25520",
            description = "With --cluster: the address to listen on (default: ${DEFAULT-VALUE}, this machine only; "
                    + "docs/sweeps.md says how to open it to other machines with TLS).")
    String bind;

    @Option(names = "--pekko-config", paramLabel = "FILE",
            description = "With --cluster: Pekko settings layered on top of xbarsim's, e.g. TLS between machines (docs/sweeps.md).")
    Path pekkoConfig;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Override
    public Integer call() {
        if (!cluster && (pekkoConfig != null || spec.commandLine().getParseResult().hasMatchedOption("--bind"))) {
            // without --cluster no node listens: a --bind or a TLS settings file given by mistake would do nothing
            throw new org.xbarsim.UserInputException("--bind and --pekko-config apply to --cluster only");
        }
        SweepRun run = new SweepRun(sweep, out).force(force).retryFailed(retryFailed)
                .progress(ProgressOutput.Style.forStderr(quiet));
        SweepRun.Result r;
        if (cluster) {
            int local = jobs == null ? 0 : jobs == 0 ? 0 : Limits.threads(jobs, "--jobs");
            var address = org.xbarsim.sweep.cluster.NodeAddress.parse(bind, "--bind");
            // read before the sweep folder is made: a missing or broken file left a new, empty sweep folder behind
            org.xbarsim.sweep.cluster.ClusterSettings.node(address, pekkoConfig);
            r = run.run(plan -> new org.xbarsim.sweep.cluster.ClusterExecutor(plan.sweep().name(), address, local,
                    PointRunner.simulation(), spec.commandLine().getErr()).pekkoSettings(pekkoConfig), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        } else {
            int n = Limits.threads(jobs, "--jobs");
            r = run.checkImagesHere(true).run(plan -> new LocalExecutor(n, PointRunner.simulation()), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        return r.summary().unfinished() > 0 ? 1 : 0;
    }
}
