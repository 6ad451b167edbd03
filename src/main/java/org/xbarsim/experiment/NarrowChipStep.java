package org.xbarsim.experiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.xbarsim.data.Split;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.report.ComparisonReport;
import org.xbarsim.report.FileDigests;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.RunDirectory;
import org.xbarsim.run.ImageInputs;
import org.xbarsim.run.SimulationJob;

/**
 * A fewer-bits model on a chip built for its weights: the experiment's chip with
 * {@code chip.tile.weights.bits} lowered to the model's bits (a config file in the step folder whose
 * {@code base} is the experiment's chip), so each weight takes fewer cell columns and a crossbar
 * holds more weights. The compressed model is simulated there; the baseline's report is the one of
 * the seed's main comparison (8-bit weights, 8-bit chip), so the ratios show what the narrower
 * weights buy on top of pruning.
 */
final class NarrowChipStep {
    static final String CONFIG = "chip.conf";

    private final ExperimentSettings settings;
    private final int threads;
    private final ProgressOutput.Style style;

    NarrowChipStep(ExperimentSettings settings, int threads, ProgressOutput.Style style) {
        this.settings = settings;
        this.threads = threads;
        this.style = style;
    }

    /** Writes a chip config that is {@code base} with {@code chip.tile.weights.bits = bits}. */
    static void writeChipConfig(Path file, Path base, int bits) {
        AtomicFiles.writeString(file, String.format(Locale.ROOT,
                "# the experiment's chip with %d-bit weights (written by experiment paper)%nbase = \"%s\"%n"
                        + "chip.tile.weights.bits = %d%n", bits,
                base.toAbsolutePath().normalize().toString().replace("\\", "/"), bits));
    }

    void run(Path dir, Path compressed, Path mainComparison, int bits, Consumer<String> reuse, Consumer<String> announce,
             PrintWriter err) {
        SortedMap<String, String> inputs = new TreeMap<>();
        inputs.put("compressed-sha256", FileDigests.sha256(compressed));
        inputs.put("main-comparison-sha256", FileDigests.sha256(mainComparison));
        inputs.put("config-sha256", FileDigests.sha256(settings.config()));
        inputs.put("weight-bits", Integer.toString(bits));
        inputs.put("dataset", settings.dataset());
        inputs.put("data-dir", String.valueOf(settings.dataDir()));
        inputs.put("images", Integer.toString(settings.images()));
        String name = dir.getFileName().toString();
        StepRecord record = StepRecord.of(name, inputs);
        if (record.matches(dir)) {
            reuse.accept(name);
            return;
        }
        announce.accept(name);
        try (OutputDirectory od = OutputDirectory.prepare(dir, true)) {
            Path config = od.resolve(CONFIG);
            writeChipConfig(config, settings.config(), bits);
            Path sim = od.resolve("compressed");
            new SimulationJob(compressed, config, sim).shownAs(dir.resolve("compressed")) // the final folder's names
                    .configRecordedAs(dir.resolve(CONFIG))
                    .images(ImageInputs.Source.dataSet(settings.dataset(), settings.dataDir(), Split.TEST, 0, settings.images()))
                    .threads(threads).progress(style).commandLine(List.of("experiment", "paper", "step " + name)).run(err);
            ComparisonReport main = ReportJson.readComparison(mainComparison);
            ComparisonReport report = ComparisonReport.of(RunDirectory.open(sim).report(), main.baseline(), null, List.of(),
                    new ComparisonReport.PowerOverTime(List.of(), List.of()));
            Path cmp = od.resolve(CompareOutputs.FOLDER);
            org.xbarsim.io.OutputPaths.refuseProtectedFolder(cmp);
            try {
                java.nio.file.Files.createDirectories(cmp);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ReportJson.write(cmp.resolve("report.json"), report);
            record.writeInto(od.path());
            od.commit();
        }
    }
}
