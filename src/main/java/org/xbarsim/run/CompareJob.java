package org.xbarsim.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xbarsim.Limits;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.mapping.ActionEstimate;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingCost;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.ParallelEvaluation;
import org.xbarsim.model.Shape;
import org.xbarsim.report.Comparison;
import org.xbarsim.report.ComparisonHtml;
import org.xbarsim.report.ComparisonMarkdown;
import org.xbarsim.report.ComparisonReport;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.RunDirectory;
import org.xbarsim.report.SimulationReport;
import org.xbarsim.trace.TraceSummarizer;
import org.xbarsim.trace.WindowPower;

/**
 * One {@code compare} run: checks that the two models share an architecture, runs a
 * {@link SimulationJob} for each on the same chip and images (into {@code OUT/compressed} and
 * {@code OUT/baseline}), then writes the comparison ({@code report.json}, {@code report.md},
 * {@code report.html}) from the two reports. The whole folder appears at once, or not at all.
 */
public final class CompareJob {
    /** Power-over-time windows per run in the report. */
    private static final long POWER_POINTS = 200;

    private final Path compressed;
    private final Path baseline;
    private final Path config;
    private Path baselineConfig;
    private Path mapping;
    private Path baselineMapping;
    private final Path out;
    private ImageInputs.Source source = ImageInputs.Source.dataSet("fashion-mnist", null, Split.TEST, 0, 1);
    private String testSet;
    private Path testSetDir;
    private int testLimit;
    private int threads = 1;
    private int evaluationThreads = Limits.threads(null, "threads");
    private boolean idealAdc;
    private ProgressOutput.Style progress = ProgressOutput.Style.OFF;
    private boolean quiet;
    private Path shownAs;
    private Path baselineConfigRecordedAs;
    private boolean force;
    private List<String> commandLine = List.of();
    private String replicate;
    private Long replicateBudget;

    public CompareJob(Path compressed, Path baseline, Path config, Path out) {
        this.compressed = compressed;
        this.baseline = baseline;
        this.config = config;
        this.baselineConfig = config;
        this.out = out;
    }

    /**
     * Simulate the baseline on another chip (default: the compressed model's), e.g. one with 16-bit weights for a
     * 16-bit baseline; the ratios then compare the two chips as well as the two models.
     */
    public CompareJob baselineConfig(Path baselineConfig) {
        this.baselineConfig = baselineConfig;
        return this;
    }

    /**
     * The baseline's config as its run.json records it, when {@link #baselineConfig} lies in a caller's
     * temporary folder that becomes {@code finalPath} once committed.
     */
    public CompareJob baselineConfigRecordedAs(Path finalPath) {
        this.baselineConfigRecordedAs = finalPath;
        return this;
    }

    /** The simulated images, the same for both models. */
    public CompareJob images(ImageInputs.Source source) {
        this.source = source;
        return this;
    }

    /** Also evaluate both models with the golden engine on this data set's test split ({@code limit} 0 = all of it). */
    public CompareJob testSet(String dataset, Path dir, int limit) {
        this.testSet = dataset;
        this.testSetDir = dir;
        this.testLimit = limit;
        return this;
    }

    /**
     * Wire each chip from a mapping file ({@code map --out}) instead of mapping the model: the compressed model's
     * and the baseline's (either may be null: mapped as usual). Not with {@link #replicate}.
     */
    public CompareJob mappings(Path mapping, Path baselineMapping) {
        this.mapping = mapping;
        this.baselineMapping = baselineMapping;
        return this;
    }

    /** Dispatcher threads of both simulations; results do not depend on them. */
    public CompareJob threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** Worker threads of the golden engine's test-set accuracy (default: all processors). */
    public CompareJob evaluationThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be at least 1");
        }
        this.evaluationThreads = threads;
        return this;
    }

    /** Weight duplication for both simulations ({@link SimulationJob#replicate}). */
    public CompareJob replicate(String replicate, Long budget) {
        this.replicate = replicate;
        this.replicateBudget = budget;
        return this;
    }

    public CompareJob idealAdc(boolean idealAdc) {
        this.idealAdc = idealAdc;
        return this;
    }

    /** Replace the output directory when an earlier xbarsim run made it (the user's {@code --force}). */
    public CompareJob force(boolean force) {
        this.force = force;
        return this;
    }

    /** How each simulation shows progress on the error stream (default: not at all). */
    public CompareJob progress(ProgressOutput.Style progress) {
        this.progress = progress;
        return this;
    }

    /** The name to print for the output folder (a caller writing into a folder renamed later gives the final name). */
    public CompareJob shownAs(Path shownAs) {
        this.shownAs = shownAs;
        return this;
    }

    /**
     * Leave out the steps' headings and the two simulations' summaries on the error stream (the user's
     * {@code --quiet}); warnings still show. A sweep point keeps them in its log.
     */
    public CompareJob quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    public CompareJob commandLine(List<String> commandLine) {
        this.commandLine = List.copyOf(commandLine);
        return this;
    }

    /** {@link #run(PrintWriter, PrintWriter)} with the table on {@code err} too. */
    public ComparisonReport run(PrintWriter err) {
        return run(err, err);
    }

    /**
     * Runs both simulations and writes the comparison; prints the table and the files written to
     * {@code results}, and each simulation's summary, progress and warnings to {@code err}.
     */
    public ComparisonReport run(PrintWriter results, PrintWriter err) {
        IntModel c = ModelFile.read(compressed);
        IntModel b = ModelFile.read(baseline);
        String difference = architectureDifference(c, b);
        if (difference != null) {
            throw new UserInputException(compressed + " and " + baseline + " are not the same network, so they cannot be "
                    + "compared: " + difference);
        }
        OutputDirectory.checkTarget(out, force);
        ChipConfig cfg = ChipConfigLoader.load(config);
        ChipConfig baselineCfg = baselineConfig.equals(config) ? cfg : ChipConfigLoader.load(baselineConfig);
        if ((mapping != null || baselineMapping != null) && (replicate != null || replicateBudget != null)) {
            throw new UserInputException("--mapping and --baseline-mapping fix the copies of every layer: leave out "
                    + "--replicate and --replicate-budget");
        }
        // mapped before anything is written, so a bad file costs nothing
        Mapping mc = MappedChip.mapping(c, compressed, cfg, config, mapping, replicate, replicateBudget);
        Mapping mb = MappedChip.mapping(b, baseline, baselineCfg, baselineConfig, baselineMapping, replicate, replicateBudget);
        ImageSet tests = testImages(c); // checked before the simulations, which take the time
        if (mc.allocatedCrossbars() > mb.allocatedCrossbars()) {
            err.println("warning: the compressed model " + compressed + " takes more crossbars (" + mc.allocatedCrossbars()
                    + ") than the baseline " + baseline + " (" + mb.allocatedCrossbars() + "): the ratios will be below 1;"
                    + " were --model and --baseline given the other way round?");
        }
        try (OutputDirectory dir = OutputDirectory.prepare(out, force)) {
            // with --quiet the simulations' summaries go nowhere: the comparison below is the result
            PrintWriter steps = quiet ? new PrintWriter(java.io.Writer.nullWriter()) : err;
            steps.println("== simulating the compressed model " + compressed);
            Path shown = shownAs != null ? shownAs : out;
            simulate(compressed, config, null, mapping, dir.resolve("compressed"), shown.resolve("compressed"), true, steps, err);
            steps.println("== simulating the baseline " + baseline + " on the same images"
                    + (baselineCfg == cfg ? "" : ", on " + baselineConfig));
            simulate(baseline, baselineConfig, baselineConfigRecordedAs, baselineMapping, dir.resolve("baseline"),
                    shown.resolve("baseline"), !baselineConfig.equals(config), steps, err); // one config's warnings once
            RunDirectory rc = RunDirectory.open(dir.resolve("compressed"));
            RunDirectory rb = RunDirectory.open(dir.resolve("baseline"));
            ComparisonReport report = ComparisonReport.of(rc.report(), rb.report(), testSetAccuracy(c, b, tests, steps),
                    layers(c, cfg, mc, b, baselineCfg, mb), new ComparisonReport.PowerOverTime(powerOverTime(rc), powerOverTime(rb)));
            ReportJson.write(dir.resolve("report.json"), report);
            AtomicFiles.writeString(dir.resolve("report.md"), ComparisonMarkdown.render(report));
            AtomicFiles.writeString(dir.resolve("report.html"), ComparisonHtml.render(report));
            dir.commit();
            steps.println(); // apart from the steps above it, on a terminal where both streams show
            steps.flush();
            results.print(Comparison.render(report));
            results.println("wrote " + shown + "/{report.json, report.md, report.html, compressed/, baseline/}");
            results.flush();
            return report;
        }
    }

    private void simulate(Path model, Path chipConfig, Path configRecordedAs, Path mappingFile, Path dir, Path shownAs,
                          boolean costWarnings, PrintWriter summary, PrintWriter err) {
        SimulationJob.Summary s = new SimulationJob(model, chipConfig, dir).shownAs(shownAs).configRecordedAs(configRecordedAs)
                .costWarnings(costWarnings)
                .mapping(mappingFile).images(source).threads(threads).idealAdc(idealAdc).progress(progress)
                .replicate(replicate, replicateBudget).commandLine(commandLine).run(summary, err);
        if (s.bitExactExpected() && s.matching() < s.compared()) { // a simulator error, not a clipping ADC: said even when quiet
            err.println("warning: " + model + " on " + chipConfig + ": " + (s.compared() - s.matching()) + " of " + s.compared()
                    + " simulated images differ from the golden engine although the chip's ADC is wide enough; first mismatch: "
                    + s.firstMismatch() + " (" + shownAs + "/report.md)");
        }
    }

    /**
     * Null when the two models are the same network (same input, same layers in the same order with
     * the same names, kinds and output sizes); else what differs first. Output channels may differ
     * only where filters were pruned away, which keeps the layer's kind and name.
     */
    static String architectureDifference(IntModel c, IntModel b) {
        if (!c.input().shape().equals(b.input().shape())) {
            return "input shape " + c.input().shape() + " vs " + b.input().shape();
        }
        if (c.layers().size() != b.layers().size()) {
            return c.layers().size() + " layers vs " + b.layers().size();
        }
        List<Shape> cs = c.shapes();
        List<Shape> bs = b.shapes();
        for (int i = 0; i < c.layers().size(); i++) {
            Layer lc = c.layers().get(i);
            Layer lb = b.layers().get(i);
            if (!lc.name().equals(lb.name()) || lc.getClass() != lb.getClass()) {
                return "layer " + i + " is '" + lc.name() + "' (" + lc.getClass().getSimpleName() + ") vs '" + lb.name() + "' ("
                        + lb.getClass().getSimpleName() + ")";
            }
        }
        if (!cs.get(cs.size() - 1).equals(bs.get(bs.size() - 1))) {
            return "output shape " + cs.get(cs.size() - 1) + " vs " + bs.get(bs.size() - 1);
        }
        return null;
    }

    /** The test images whose golden-engine accuracy the comparison gives (null: none), checked against the model. */
    private ImageSet testImages(IntModel c) {
        if (testSet == null) {
            return null;
        }
        ImageSet set = DataSets.load(testSet, testSetDir, Split.TEST);
        if (testLimit > set.size()) {
            throw new UserInputException("--test-limit " + testLimit + ": the " + testSet + " test split has only " + set.size()
                    + " images");
        }
        if (testLimit > 0) {
            set = set.first(testLimit);
        }
        if (!c.input().shape().equals(set.shape())) {
            throw new UserInputException(compressed + ": input shape " + c.input().shape() + " but data set " + testSet
                    + " has " + set.shape() + " images");
        }
        return set;
    }

    private ComparisonReport.TestSetAccuracy testSetAccuracy(IntModel c, IntModel b, ImageSet set, PrintWriter err) {
        if (set == null) {
            return null;
        }
        err.printf(Locale.ROOT, "== golden-engine accuracy of both models on %d %s test images%n", set.size(), testSet);
        err.flush();
        double ac = top1(c, set);
        double ab = top1(b, set);
        return new ComparisonReport.TestSetAccuracy(testSet, set.size(), ac, ab, 100 * (ac - ab));
    }

    private double top1(IntModel m, ImageSet set) {
        int[] predicted = ParallelEvaluation.predict(new GoldenEngine(m), set.size(), set::image, evaluationThreads, null);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == set.label(i) ? 1 : 0;
        }
        return correct / (double) predicted.length;
    }

    /** Crossbars per layer and the mapper's analytical energy estimate per layer (the simulation does not split by layer). */
    private static List<ComparisonReport.LayerFigures> layers(IntModel c, ChipConfig cfg, Mapping mc, IntModel b,
                                                              ChipConfig baselineCfg, Mapping mb) {
        Map<String, double[]> ec = layerEstimates(c, cfg, mc);
        Map<String, double[]> eb = layerEstimates(b, baselineCfg, mb);
        List<ComparisonReport.LayerFigures> out = new ArrayList<>();
        for (var l : b.weightedLayers()) {
            double[] x = ec.getOrDefault(l.name(), new double[2]);
            double[] y = eb.getOrDefault(l.name(), new double[2]);
            out.add(new ComparisonReport.LayerFigures(l.name(), (int) x[0], (int) y[0], x[1], y[1]));
        }
        return out;
    }

    /** By layer name: {crossbars, estimated dynamic nJ per inference}. */
    private static Map<String, double[]> layerEstimates(IntModel m, ChipConfig cfg, Mapping mapping) {
        Chip chip = cfg.chip();
        MappingCost cost = MappingCost.of(m, mapping, chip, cfg.costs());
        Map<String, double[]> out = new TreeMap<>();
        mapping.layers().forEach(l -> out.put(l.layerName(), new double[] {l.allocatedCrossbars(), 0}));
        for (ActionEstimate.LayerActions la : cost.actions()) {
            out.computeIfAbsent(la.layerName(), k -> new double[2])[1] = cfg.costModel().energy(la.counts()).totalPj() / 1e3;
        }
        return out;
    }

    /** Total power per window over the run, priced as the run priced its actions. */
    private static List<ComparisonReport.PowerPoint> powerOverTime(RunDirectory run) {
        SimulationReport r = run.report();
        long window = Math.max(1, (r.throughput().totalCycles() + POWER_POINTS - 1) / POWER_POINTS);
        List<ComparisonReport.PowerPoint> out = new ArrayList<>();
        List<WindowPower> windows = TraceSummarizer.summarize(run.trace(), window).powerByWindow(run.actionEnergy());
        long first = windows.isEmpty() ? 0 : windows.get(0).startCycle();
        for (WindowPower p : windows) {
            out.add(new ComparisonReport.PowerPoint((p.startCycle() - first) / r.chip().clockGhz() / 1e3,
                    p.powerMw() + r.power().staticMw()));
        }
        return out;
    }
}
