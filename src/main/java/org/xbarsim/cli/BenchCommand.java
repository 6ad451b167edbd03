package org.xbarsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.bench.BenchCase;
import org.xbarsim.bench.BenchOptions;
import org.xbarsim.bench.BenchRegistry;
import org.xbarsim.bench.BenchReport;
import org.xbarsim.bench.BenchResult;
import org.xbarsim.bench.BenchRunner;
import org.xbarsim.bench.PeerFigures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xbarsim bench}: runs benchmark cases and prints the median (min, max) of each measurement. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Run reproducible benchmarks (golden engine, training, simulation) and print medians.",
            "Without --case it runs every quick case; --list shows them all.",
            "When every case given simulates (sim-vgg16, sim-vgg16-p88, recost, replay),",
            "the launcher runs it on simulate's Java (25 where installed) and options,",
            "so it times what simulate runs. The runtime is printed with the results.",
        },
        footer = {"", "Example:", "  ./xbarsim bench --case golden --repeat 5 --warmup 1 --json out/bench.json"})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--case", paramLabel = "NAME", description = "Case to run (repeatable; default: all quick cases).")
    List<String> cases = new ArrayList<>();

    @Option(names = "--list", description = "List the cases and their parameters, run nothing.")
    boolean list;

    @Option(names = "--repeat", defaultValue = "5", paramLabel = "N",
            description = "Measured repeats per case (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "Unmeasured warm-up repeats before them (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "Then more warm-up repeats until S seconds have passed, so the JIT has compiled a fast "
                    + "case's loops (0 to 600; default: ${DEFAULT-VALUE}).")
    double warmupSeconds = BenchOptions.DEFAULT_WARMUP_SECONDS;

    @Option(names = "--threads", paramLabel = "T",
            description = "Thread count for the all-threads measurements (default: all processors).")
    Integer threads;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the Fashion-MNIST files, refused if unreadable (default: Debian's folder; where that is "
                + "missing, the cases use synthetic data and say so).")
    Path dataDir;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Case parameter (repeatable); see --list.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--peer", paramLabel = "FILE",
            description = "A peer's figures for the same measurements (bench/peers/pytorch_peer.py writes them): "
                    + "prints our median as a multiple of the peer's (above 1: faster).")
    Path peerFile;

    @Option(names = "--force", description = "Replace the --json file when it exists.")
    boolean force;

    /** The most repetitions (and warm-up runs) of a case. */
    static final int MAX_REPEAT = 1000;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (BenchCase c : BenchRegistry.all()) {
                out.println(c.name() + (c.quick() ? "" : " (slow; run with --case)") + ": " + c.description());
                c.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> out.println("    --param " + e.getKey() + "=...  " + e.getValue()));
            }
            out.flush();
            return 0;
        }
        if (repeat < 1) {
            throw new UserInputException("--repeat " + repeat + ": must be at least 1");
        }
        if (warmup < 0) {
            throw new UserInputException("--warmup " + warmup + ": must be at least 0");
        }
        if (repeat > MAX_REPEAT) {
            throw new UserInputException("--repeat " + repeat + ": must be at most " + MAX_REPEAT);
        }
        if (warmup > MAX_REPEAT) {
            throw new UserInputException("--warmup " + warmup + ": must be at most " + MAX_REPEAT);
        }
        if (!(warmupSeconds >= 0 && warmupSeconds <= BenchOptions.MAX_WARMUP_SECONDS)) {
            throw new UserInputException("--warmup-seconds " + warmupSeconds + ": must be in [0, "
                    + (int) BenchOptions.MAX_WARMUP_SECONDS + "]");
        }
        int t = org.xbarsim.Limits.threads(threads, "--threads");
        if (json != null) {
            org.xbarsim.io.OutputPaths.checkFileTarget(json, force, "--json");
        }
        PeerFigures peer = peerFile == null ? null : PeerFigures.read(peerFile);
        List<BenchCase> selected = new ArrayList<>();
        if (cases.isEmpty()) {
            BenchRegistry.all().stream().filter(BenchCase::quick).forEach(selected::add);
        } else {
            for (String name : cases) {
                BenchCase c = BenchRegistry.byName(name);
                if (selected.stream().anyMatch(x -> x.name().equals(name))) {
                    throw new UserInputException("--case " + name + ": given twice (a case runs once, --repeat times)");
                }
                selected.add(c);
            }
        }
        checkParams(selected);
        BenchOptions options = new BenchOptions(repeat, warmup, warmupSeconds, t, dataDir, params);
        org.xbarsim.io.ProgressOutput display = new org.xbarsim.io.ProgressOutput(err,
                org.xbarsim.io.ProgressOutput.Style.forStderr(quiet));
        BenchRunner runner = new BenchRunner(options, msg -> display.show("bench: " + msg, false));
        List<BenchResult> results = new ArrayList<>();
        for (BenchCase c : selected) {
            results.add(runner.run(c));
        }
        display.clear();
        out.print(BenchReport.text(results, options, peer));
        out.flush();
        if (json != null) {
            BenchReport.writeJson(json, results, options, peer);
            out.println();
            out.println("wrote " + json);
            out.flush();
        }
        return 0;
    }

    /** Every {@code --param} must be a parameter of a case that runs (a misspelt one would be ignored). */
    private void checkParams(List<BenchCase> selected) {
        java.util.Set<String> known = new java.util.TreeSet<>();
        selected.forEach(c -> known.addAll(c.parameters().keySet()));
        for (String key : params.keySet()) {
            if (!known.contains(key)) {
                String hint = org.xbarsim.DidYouMean.hint(key, known);
                throw new UserInputException("--param " + key + "=" + params.get(key) + ": not a parameter of "
                        + (selected.size() == 1 ? "case " : "cases ")
                        + String.join(", ", selected.stream().map(BenchCase::name).toList())
                        + (!hint.isEmpty() ? hint : " (" + (selected.size() == 1 ? "it takes " : "they take ")
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")") + "; bench --list shows each case's parameters");
            }
        }
    }
}
