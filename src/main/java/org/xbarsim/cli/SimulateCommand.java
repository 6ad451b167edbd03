package org.xbarsim.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.data.Split;
import org.xbarsim.report.RunDirectory;
import org.xbarsim.run.ImageInputs;
import org.xbarsim.run.SimulationJob;
import org.xbarsim.trace.TimelineDetail;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
            "Simulate inference cycle by cycle on the actor model of a chip: every crossbar, ADC bank, "
                + "shift-add unit, buffer and the network is a Pekko actor exchanging timed messages with the real "
                + "data (input bit-planes, column sums, ADC codes, partial sums, activations).",
            "Writes DIR/report.json, report.md, run.json, run-info.json, outputs.jsonl and trace.xbt (and with --timeline "
                + "DIR/timeline.json); compares every "
                + "image with the golden integer engine and names the first layer and position that differs."
        },
        footer = {"", "Example:", "  ./xbarsim simulate --model docs/results/lenet5-compressed.json \\",
            "      --config sim-configs/isaac.conf --images 100 --ideal-adc --out runs/m"})
final class SimulateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Integer model file (docs/model-format.md).")
    Path model;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Chip config (sim-configs/*.conf).")
    Path config;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
            description = "Data set of the images: fashion-mnist, mnist, cifar10, synthetic, or fashion-mnist-32 / mnist-32 (padded to 32x32) (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the data set files (default for fashion-mnist: /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "test or train (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--first", defaultValue = "0", paramLabel = "I", description = "Index of the first image (default: ${DEFAULT-VALUE}).")
    int first;

    @Option(names = "--images", defaultValue = "1", paramLabel = "N",
            description = "Images to run back to back (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Instead of a data set: a JSON file with one image ([v, ...]) or several ([[v, ...], ...]) of raw "
                    + "values 0..255 in CHW order; no labels. Every image of the file runs (not with --dataset, --data-dir, "
                    + "--split, --first or --images).")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory, made when the run succeeds. An existing one is replaced only with --force and only "
                    + "when an earlier xbarsim run made it; '.', '/', the home folder and the installation are always refused.")
    Path out;

    @Option(names = "--force", description = "Replace --out when it holds the output of an earlier xbarsim run.")
    boolean force;

    @Option(names = "--threads", paramLabel = "T",
            description = "Dispatcher threads, 1 to " + org.xbarsim.Limits.MAX_THREADS + " (default: all processors but one). Results do not depend on it.")
    Integer threads;

    @CommandLine.Mixin
    ReplicationOptions replication = new ReplicationOptions();

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Wire the chip from this mapping file (map --out) instead of mapping the model: crossbars, copies, "
                    + "reducers and routes come from the file, weights from --model. Not with --replicate. Docs: docs/mapping.md")
    Path mapping;

    @Option(names = "--ideal-adc", description = "Convert every column sum exactly, whatever the ADC bits (bit-exact mode).")
    boolean idealAdc;

    @Option(names = "--trace-gzip", description = "Compress the trace (trace.xbt.gz).")
    boolean traceGzip;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Option(names = "--timeline", description = "Also write DIR/timeline.json, the Chrome Trace Event timeline of the run "
            + "at normal detail (as export-trace --run DIR).")
    boolean timeline;

    @Override
    public Integer call() {
        if (images < 1) {
            throw new UserInputException("--images = " + images + ": must be at least 1");
        }
        if (first < 0) {
            throw new UserInputException("--first = " + first + ": must be >= 0");
        }
        if (input != null) {
            DataSetOptions.refuseBesideInput(spec, java.util.List.of("--dataset", "--data-dir", "--split", "--first", "--images"),
                    "chooses images of a data set", "every image of the file runs");
        }
        int t = org.xbarsim.Limits.simulationThreads(threads, "--threads");
        org.xbarsim.report.OutputDirectory.checkTarget(out, force);
        ImageInputs.Source source = input != null ? ImageInputs.Source.file(input)
                : ImageInputs.Source.dataSet(dataset, dataDir, split(), first, images);
        SimulationJob job = new SimulationJob(model, org.xbarsim.io.Installation.resolveBundled(config), out)
                .force(force)
                .images(source)
                .threads(t)
                .idealAdc(idealAdc)
                .replicate(replication.replicate, replication.budget)
                .mapping(mapping)
                .traceGzip(traceGzip)
                .progress(org.xbarsim.io.ProgressOutput.Style.forStderr(quiet))
                .commandLine(spec.commandLine().getParseResult().originalArgs())
                .jvmStartPhase();
        if (Main.actorsLeftToExit) {
            job.leaveActorsToJvmExit();
        }
        SimulationJob.Summary s = job.run(spec.commandLine().getOut(), spec.commandLine().getErr());
        if (timeline) {
            RunDirectory dir = RunDirectory.open(out);
            ExportTraceCommand.export(dir, out.resolve("timeline.json"),
                    ExportTraceCommand.options(dir, TimelineDetail.NORMAL, null, null, null, null, null),
                    spec.commandLine().getOut(), spec.commandLine().getErr(), org.xbarsim.io.ProgressOutput.Style.forStderr(quiet));
        }
        return s.bitExactExpected() && s.matching() < s.compared() ? 1 : 0;
    }

    private Split split() {
        try {
            return Split.valueOf(split.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--split = '" + split + "': must be test or train");
        }
    }
}
