package org.xbarsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.io.Installation;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.run.Recosting;
import org.xbarsim.run.RequestReplay;
import org.xbarsim.run.RunVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
            "Re-cost or verify a recorded simulate run, or stream timed requests into the simulated chip (docs/replay.md).",
            "Three modes:",
            "  --run DIR --config C --out DIR2: re-price the run's trace with C's cost tables (energy per action, "
                + "leakage, area) without simulating again; C must resolve every chip.* key that decides timing the same "
                + "(else the first differing key is named). Writes DIR2/report.json, report.md and recost.json.",
            "  --verify DIR: re-run the simulation from DIR/run.json (model and config by path and SHA-256, inputs, "
                + "options) and check that outputs, report and trace are byte-identical; names the first differing "
                + "file and key, line or record. Exit 0 when verified, 1 when not.",
            "  --requests FILE --model M --config C --out DIR: stream the timed requests of FILE (JSON lines, "
                + "docs/replay.md) into the simulated chip, each at its arrival cycle; the host queues what the chip "
                + "cannot take yet. Writes DIR/replay.json, replay.md (latency percentiles, throughput, queue length over "
                + "time, utilisation, energy), requests.jsonl (every request once), report.json and the trace."
        },
        footer = {"", "Examples:",
            "  ./xbarsim replay --requests traces/poisson-lenet5.jsonl \\",
            "      --model docs/results/lenet5-compressed.json \\",
            "      --config sim-configs/isaac.conf --out runs/poisson",
            "  ./xbarsim replay --run runs/m --config my-adc.conf --out runs/m-my-adc",
            "  ./xbarsim replay --verify runs/m"})
final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", paramLabel = "DIR", description = "A simulate output directory to re-cost.")
    Path run;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "With --run: the chip config whose costs re-price the run. With --requests: the chip config.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR",
            description = "With --run or --requests: output directory, made when the command succeeds. An existing one is replaced only with "
                    + "--force and only when an earlier xbarsim command made it.")
    Path out;

    @Option(names = "--force", description = "Replace --out when it holds the output of an earlier xbarsim command.")
    boolean force;

    @Option(names = "--verify", paramLabel = "DIR", description = "A simulate output directory to re-run and compare.")
    Path verify;

    @Option(names = "--requests", paramLabel = "FILE", description = "A request trace to replay (docs/replay.md); a relative path "
            + "that does not exist here is looked up in the installation, as --config is (traces/*.jsonl).")
    Path requests;

    @Option(names = "--model", paramLabel = "FILE", description = "With --requests: integer model file.")
    Path model;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "With --requests: wire the chip from this mapping file (map --out) instead of mapping the model "
                    + "(docs/mapping.md).")
    Path mapping;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "With --requests: folder of the data set the trace's header names (default: the data set's own).")
    Path dataDir;

    @Option(names = "--queue-limit", paramLabel = "N",
            description = "With --requests: at most N requests wait at the host; one arriving to a full queue is rejected "
                    + "and recorded as such (default: no limit).")
    Integer queueLimit;

    @Option(names = "--in-flight", paramLabel = "K",
            description = "With --requests: at most K images in the chip at once (admitted, last logit not back); "
                    + "default: one per weighted layer of the model; 0: no limit, the first layer alone paces admission, "
                    + "as in simulate.")
    Integer inFlight;

    @Option(names = "--ideal-adc", description = "With --requests: convert every column sum exactly, whatever the ADC bits.")
    boolean idealAdc;

    @Option(names = "--threads", paramLabel = "T",
            description = "With --verify or --requests: dispatcher threads, 1 to " + org.xbarsim.Limits.MAX_THREADS
                    + " (default: all processors but one). Results do not depend on it.")
    Integer threads;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Override
    public Integer call() {
        if (requests != null) {
            return replayRequests();
        }
        if (model != null || mapping != null || dataDir != null || queueLimit != null || inFlight != null || idealAdc) {
            throw new UserInputException("--model, --mapping, --data-dir, --queue-limit, --in-flight and --ideal-adc apply to "
                    + "--requests only");
        }
        if ((run == null) == (verify == null)) {
            throw new UserInputException("give either --run DIR --config FILE --out DIR (re-cost a run), --verify DIR "
                    + "(re-run and compare) or --requests FILE --model M --config C --out DIR (replay a request stream)" + (run == null ? "" : ", not both"));
        }
        var results = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (run != null) {
            if (config == null || out == null) {
                throw new UserInputException("--run needs --config FILE (the costs to apply) and --out DIR");
            }
            if (threads != null) {
                throw new UserInputException("--threads applies to --verify and --requests: re-costing does not simulate");
            }
            OutputDirectory.checkTarget(out, force);
            Path runAbs = run.toAbsolutePath().normalize();
            Path outAbs = out.toAbsolutePath().normalize();
            if (outAbs.startsWith(runAbs) || runAbs.startsWith(outAbs)) {
                throw new UserInputException("--out " + out + " would replace the run it re-costs (--run " + run
                        + "): choose an --out outside it");
            }
            new Recosting(run, Installation.resolveBundled(config), out).force(force).quiet(quiet).run(results, err);
            return 0;
        }
        if (config != null || out != null || force) {
            throw new UserInputException("--verify takes no --config, --out or --force: it re-runs with what the run recorded "
                    + "and writes nothing");
        }
        int t = org.xbarsim.Limits.simulationThreads(threads, "--threads");
        RunVerification.Verdict v = new RunVerification(verify).threads(t)
                .progress(ProgressOutput.Style.forStderr(quiet)).run(err);
        err.flush();
        if (v.verified()) {
            results.println("verified: " + verify + " re-runs byte-identical (" + String.join(", ", v.files()) + ")");
            results.flush();
            return 0;
        }
        results.println("NOT verified: " + v.difference());
        results.flush();
        return 1;
    }

    private int replayRequests() {
        if (run != null || verify != null) {
            throw new UserInputException("--requests replays a request stream: it takes no --run or --verify");
        }
        if (model == null || config == null || out == null) {
            throw new UserInputException("--requests needs --model FILE, --config FILE and --out DIR");
        }
        int t = org.xbarsim.Limits.simulationThreads(threads, "--threads");
        OutputDirectory.checkTarget(out, force);
        RequestReplay.Summary s = new RequestReplay(Installation.resolveBundled(requests), model, Installation.resolveBundled(config), out)
                .dataDir(dataDir)
                .mapping(mapping)
                .queueLimit(queueLimit)
                .maxInFlight(inFlight)
                .idealAdc(idealAdc)
                .threads(t)
                .force(force)
                .progress(ProgressOutput.Style.forStderr(quiet))
                .commandLine(spec.commandLine().getParseResult().originalArgs())
                .run(spec.commandLine().getOut(), spec.commandLine().getErr());
        return s.bitExactExpected() && s.bitExact() < s.completed() ? 1 : 0;
    }
}
