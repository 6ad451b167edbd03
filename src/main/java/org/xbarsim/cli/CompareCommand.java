package org.xbarsim.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.data.Split;
import org.xbarsim.run.CompareJob;
import org.xbarsim.run.ImageInputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare a compressed model against its unpruned baseline on one chip: simulates both on the same images "
                + "(as simulate does, into DIR/compressed and DIR/baseline) and writes DIR/report.json (both reports, "
                + "the ratios baseline / compressed and the accuracy difference), DIR/report.md and a self-contained "
                + "DIR/report.html with charts.",
            "With a data set, both models are also evaluated with the golden integer engine on its whole test split."
        },
        footer = {"", "Example:", "  ./xbarsim compare --model docs/results/vgg-small-compressed.json \\",
            "      --baseline docs/results/vgg-small-baseline.json \\",
            "      --config sim-configs/isaac.conf --images 10 --out runs/cmp"})
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The compressed integer model.")
    Path model;

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "The unpruned baseline of the same network.")
    Path baseline;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Chip config (sim-configs/*.conf).")
    Path config;

    @Option(names = "--baseline-config", paramLabel = "FILE",
            description = "Simulate the baseline on this chip instead (default: --config), e.g. one with "
                    + "chip.tile.weights.bits = 16 for a 16-bit baseline.")
    Path baselineConfig;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Wire the compressed model's chip from this mapping file (map --out) instead of mapping it. "
                    + "Not with --replicate. Docs: docs/mapping.md")
    Path mapping;

    @Option(names = "--baseline-mapping", paramLabel = "FILE",
            description = "The same for the baseline (map --model BASELINE --out FILE).")
    Path baselineMapping;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
            description = "Data set of the images: fashion-mnist, mnist, cifar10, synthetic, or fashion-mnist-32 / mnist-32 (padded to 32x32) (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the data set files.")
    Path dataDir;

    @Option(names = "--images", defaultValue = "1", paramLabel = "N",
            description = "Test images to simulate for each model (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Instead of a data set: a JSON file of raw images, as for simulate (no labels, no test-set accuracy).")
    Path input;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N",
            description = "Golden-engine accuracy on the first N test images only (default 0: the whole test split).")
    int testLimit;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory, made when the run succeeds. An existing one is replaced only with --force and only "
                    + "when an earlier xbarsim run made it.")
    Path out;

    @Option(names = "--force", description = "Replace --out when it holds the output of an earlier xbarsim run.")
    boolean force;

    @Option(names = "--threads", paramLabel = "T", description = "Dispatcher threads of the simulations (default: all processors but one) and worker threads of "
            + "the test-set evaluation (default: all processors). Results do not depend on it.")
    Integer threads;

    @CommandLine.Mixin
    ReplicationOptions replication = new ReplicationOptions();

    @Option(names = "--ideal-adc", description = "Convert every column sum exactly, whatever the ADC bits.")
    boolean idealAdc;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Override
    public Integer call() {
        if (images < 1) {
            throw new UserInputException("--images = " + images + ": must be at least 1");
        }
        if (testLimit < 0) {
            throw new UserInputException("--test-limit = " + testLimit + ": must be >= 0");
        }
        if (input != null) {
            DataSetOptions.refuseBesideInput(spec, java.util.List.of("--dataset", "--data-dir", "--images", "--test-limit"),
                    "applies to a data set", "every image of the file runs and there is no test set");
        }
        int t = org.xbarsim.Limits.simulationThreads(threads, "--threads");
        CompareJob job = new CompareJob(model, baseline, org.xbarsim.io.Installation.resolveBundled(config), out)
                .images(input != null ? ImageInputs.Source.file(input)
                        : ImageInputs.Source.dataSet(dataset.toLowerCase(Locale.ROOT), dataDir, Split.TEST, 0, images))
                .threads(t)
                .evaluationThreads(org.xbarsim.Limits.threads(threads, "--threads"))
                .idealAdc(idealAdc)
                .replicate(replication.replicate, replication.budget)
                .force(force)
                .progress(org.xbarsim.io.ProgressOutput.Style.forStderr(quiet))
                .quiet(quiet)
                .commandLine(spec.commandLine().getParseResult().originalArgs());
        job.mappings(mapping, baselineMapping);
        if (baselineConfig != null) {
            job.baselineConfig(org.xbarsim.io.Installation.resolveBundled(baselineConfig));
        }
        if (input == null) {
            job.testSet(dataset.toLowerCase(Locale.ROOT), dataDir, testLimit);
        }
        job.run(spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }
}
