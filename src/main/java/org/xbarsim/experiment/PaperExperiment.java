package org.xbarsim.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.data.Split;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.io.OutputPaths;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.report.FileDigests;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;
import org.xbarsim.run.CompareJob;
import org.xbarsim.run.ImageInputs;
import org.xbarsim.train.ProgressBar;
import org.xbarsim.train.TrainOptions;
import org.xbarsim.train.TrainingPipeline;

/**
 * {@code experiment paper}: the paper's headline experiment (a pruned VGG-16 against its unpruned
 * baseline) on our data set and chip. Steps, each in its own folder under {@code OUT/steps} with a
 * {@link StepRecord}: per seed a training run at the main sparsity (which writes the baseline too,
 * its float networks kept in a checkpoint that every later training of the seed reuses) and its
 * comparison with the baseline; for seed 1 also weight duplication at the baseline's crossbar count,
 * crossbar-budget points and fewer-bits points. After every step {@code OUT/results.json} and
 * {@code OUT/results.md} are rewritten from the finished steps, so an interrupted run still shows
 * what it measured, and a rerun reuses every step whose record matches.
 */
public final class PaperExperiment {
    static final String ARCH = "vgg16";

    private final ExperimentSettings settings;
    private final Path out;
    private final int threads;
    private final ProgressOutput.Style style;
    private final PrintStream trainProgress;
    private final List<String> reused = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final CrossbarGeometry chipGeometry;
    private ProgressOutput progress;

    public PaperExperiment(ExperimentSettings settings, Path out, int threads, ProgressOutput.Style style,
                           PrintStream trainProgress) {
        this.settings = settings;
        this.out = out;
        this.threads = threads;
        this.style = style;
        this.trainProgress = trainProgress;
        this.chipGeometry = ChipConfigLoader.load(settings.config()).chip().geometry();
    }

    /** What the run did with its steps. */
    public record Outcome(List<String> reused, List<String> ran, PaperResults results) {
    }

    /** Checks the output folder: a new or empty one, or one an earlier experiment made (resumed). */
    public static void checkTarget(Path out) {
        OutputDirectory.checkKeptFolder(out, "experiment");
    }

    public Outcome run(PrintWriter err) {
        settings.check();
        checkTarget(out);
        try {
            Files.createDirectories(out.resolve("steps"));
            Files.createDirectories(out.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        OutputDirectory.markKeptFolder(out, "experiment");
        progress = new ProgressOutput(err, style == ProgressOutput.Style.OFF ? style : ProgressOutput.Style.LINES);
        List<PaperResults.Point> points = new ArrayList<>();
        String mainTarget = "sparsity " + settings.sparsity();
        for (int seed = 1; seed <= settings.seeds(); seed++) {
            String train = "s" + seed + "-train-main";
            trainStep(train, seed, null, settings.sparsity(), 8, 0, err);
            String cmp = "s" + seed + "-compare-main";
            compareStep(cmp, train, train, null, null, err);
            points.add(point("main", seed, mainTarget, 8, train, cmp));
            write(points);
            if (seed == 1 && settings.replicate()) {
                long budget = ReportJson.readComparison(CompareOutputs.report(step(cmp))).baseline().chip().crossbarsAllocated();
                String rep = "s1-compare-replicate";
                compareStep(rep, train, train, budget, null, err);
                points.add(point("replicate", 1, mainTarget + ", weight duplication up to " + budget + " crossbars", 8, train,
                        rep));
                write(points);
            }
        }
        String main1 = "s1-train-main";
        if (settings.wideBaseline()) {
            int wide = ExperimentSettings.WIDE_BASELINE_BITS;
            String train = "s1-train-baseline-" + wide;
            trainStep(train, 1, null, settings.sparsity(), 8, wide, err);
            String cmp = "s1-compare-baseline-" + wide;
            compareStep(cmp, main1, train, null, wide, err);
            points.add(PaperResults.Point.measured("baseline-" + wide, 1, mainTarget + ", against a " + wide
                    + "-bit baseline on a chip with " + wide + "-bit weights", 8, step(main1), step(train), true, step(cmp),
                    settings.config()));
            write(points);
        }
        long baseCrossbars = baselineCrossbars(main1);
        for (double factor : settings.budgets()) {
            String tag = factorTag(factor);
            long budget = (long) Math.ceil(baseCrossbars / factor);
            String target = "budget " + budget + " crossbars (" + tag + ")";
            String train = "s1-train-budget-" + tag;
            String problem = trainStep(train, 1, budget, null, 8, 0, err);
            if (problem != null) {
                points.add(PaperResults.Point.refused("budget", 1, target, 8, problem));
            } else {
                String cmp = "s1-compare-budget-" + tag;
                compareStep(cmp, train, main1, null, null, err);
                points.add(point("budget", 1, target, 8, train, cmp));
            }
            write(points);
        }
        for (int bits : settings.weightBits()) {
            String train = "s1-train-bits-" + bits;
            trainStep(train, 1, null, settings.sparsity(), bits, 0, err);
            String cmp = "s1-compare-bits-" + bits;
            compareStep(cmp, train, main1, null, null, err);
            points.add(point("bits", 1, mainTarget + ", " + bits + "-bit weights", bits, train, cmp));
            write(points);
            String onChip = "s1-compare-bits-" + bits + "-chip";
            new NarrowChipStep(settings, threads, style).run(step(onChip), TrainOutputs.compressed(step(train)),
                    CompareOutputs.report(step("s1-compare-main")), bits, this::reuse, this::announce, err);
            points.add(point("bits-chip", 1, mainTarget + ", " + bits + "-bit weights on a chip with " + bits
                    + "-bit weights", bits, train, onChip));
            write(points);
        }
        PaperResults results = write(points);
        progress.show("experiment: done; reused " + reused.size() + " step(s), ran " + ran.size(), true);
        return new Outcome(List.copyOf(reused), List.copyOf(ran), results);
    }

    private PaperResults write(List<PaperResults.Point> points) {
        PaperResults r = PaperResults.of(settings, points, out);
        ReportJson.write(out.resolve("results.json"), r);
        AtomicFiles.writeString(out.resolve("results.md"), ResultsMarkdown.render(r));
        return r;
    }

    private PaperResults.Point point(String kind, int seed, String target, int bits, String train, String cmp) {
        return PaperResults.Point.measured(kind, seed, target, bits, step(train), step("s" + seed + "-train-main"), false, step(cmp),
                settings.config());
    }

    private Path step(String name) {
        return out.resolve("steps").resolve(name);
    }

    static String factorTag(double factor) {
        return new BigDecimal(Double.toString(factor)).stripTrailingZeros().toPlainString() + "x";
    }

    private long baselineCrossbars(String trainStep) {
        return ReportJson.readTree(TrainOutputs.report(step(trainStep))).path("baseline").path("crossbars").asLong();
    }

    /** Runs (or reuses) one training; returns null, or the reason a crossbar budget was refused before training. */
    /**
     * @param baselineBits 0, or the bits of a baseline the step exists for: it then only exports the seed's
     *                     baseline with those bits (no pruning or fine-tuning epochs; its compressed model is unused)
     */
    private String trainStep(String name, int seed, Long budget, Double sparsity, int bits, int baselineBits,
                             PrintWriter err) {
        TrainOptions o = trainOptions(seed, budget, sparsity, bits, baselineBits, Path.of("model"), Path.of("checkpoint"));
        SortedMap<String, String> inputs = new TreeMap<>();
        inputs.put("train-options", TrainOptionsKey.of(o));
        inputs.put("checkpoint", checkpointName(seed));
        StepRecord record = StepRecord.of(name, inputs);
        Path dir = step(name);
        if (record.matches(dir)) {
            reuse(name);
            return null;
        }
        announce(name);
        try (OutputDirectory od = OutputDirectory.prepare(dir, true)) {
            TrainOptions real = trainOptions(seed, budget, sparsity, bits, baselineBits, od.resolve(TrainOutputs.PREFIX),
                    out.resolve("checkpoints").resolve(checkpointName(seed)));
            new TrainingPipeline(real, new ProgressBar(trainProgress, style)).run();
            record.writeInto(od.path());
            od.commit();
        } catch (UserInputException e) {
            if (budget != null && e.getMessage().contains("budget")) {
                err.println("experiment: " + name + " refused: " + e.getMessage());
                return e.getMessage();
            }
            throw e;
        }
        return null;
    }

    /** @param baselineChipBits null, or the weight bits of the chip the baseline is simulated on (the experiment's chip else) */
    private void compareStep(String name, String compressedStep, String baselineStep, Long replicateBudget,
                             Integer baselineChipBits, PrintWriter err) {
        Path compressed = TrainOutputs.compressed(step(compressedStep));
        Path baseline = TrainOutputs.baseline(step(baselineStep));
        SortedMap<String, String> inputs = new TreeMap<>();
        inputs.put("compressed-sha256", FileDigests.sha256(compressed));
        inputs.put("baseline-sha256", FileDigests.sha256(baseline));
        inputs.put("config-sha256", FileDigests.sha256(settings.config()));
        inputs.put("dataset", settings.dataset());
        inputs.put("data-dir", String.valueOf(settings.dataDir()));
        inputs.put("images", Integer.toString(settings.images()));
        inputs.put("replicate", replicateBudget == null ? "none" : "auto, budget " + replicateBudget);
        if (baselineChipBits != null) {
            inputs.put("baseline-chip-weight-bits", baselineChipBits.toString());
        }
        StepRecord record = StepRecord.of(name, inputs);
        Path dir = step(name);
        if (record.matches(dir)) {
            reuse(name);
            return;
        }
        announce(name);
        try (OutputDirectory od = OutputDirectory.prepare(dir, true)) {
            CompareJob job = new CompareJob(compressed, baseline, settings.config(), od.resolve(CompareOutputs.FOLDER))
                    .shownAs(dir.resolve(CompareOutputs.FOLDER)) // the step's folder once committed, not its partial one
                    .images(ImageInputs.Source.dataSet(settings.dataset(), settings.dataDir(), Split.TEST, 0, settings.images()))
                    .threads(threads)
                    .progress(style)
                    .quiet(style == ProgressOutput.Style.OFF)
                    .commandLine(List.of("experiment", "paper", "step " + name));
            if (replicateBudget != null) {
                job.replicate("auto", replicateBudget);
            }
            if (baselineChipBits != null) {
                Path chip = od.resolve("baseline-" + NarrowChipStep.CONFIG);
                NarrowChipStep.writeChipConfig(chip, settings.config(), baselineChipBits);
                job.baselineConfig(chip).baselineConfigRecordedAs(dir.resolve(chip.getFileName())); // the step's, once committed
            }
            job.run(err);
            record.writeInto(od.path());
            od.commit();
        }
    }

    private void reuse(String name) {
        reused.add(name);
        progress.show("experiment: " + name + ": finished earlier with the same inputs, reused", true);
    }

    private void announce(String name) {
        ran.add(name);
        progress.show("experiment: " + name + ": running", true);
    }

    private TrainOptions trainOptions(int seed, Long budget, Double sparsity, int bits, int baselineBits, Path prefix,
                                      Path checkpoint) {
        // prune for the chip the models are mapped on (as train --chip does), at the point's weight bits
        CrossbarGeometry d = chipGeometry;
        CrossbarGeometry g = new CrossbarGeometry(d.rows(), d.columns(), d.bitsPerCell(), bits, d.encoding());
        return TrainOptions.builder().arch(ARCH).width(settings.width()).dataset(settings.dataset())
                .dataDir(settings.dataDir()).seed(seed).geometry(g).crossbarBudget(budget).targetSparsity(sparsity)
                .pretrainEpochs(settings.pretrainEpochs()).baselineExtraEpochs(settings.baselineExtraEpochs())
                .pruneEpochs(baselineBits == 0 ? settings.pruneEpochs() : 0)
                .qatEpochs(baselineBits == 0 ? settings.qatEpochs() : 0).trainLimit(settings.trainLimit())
                .testLimit(settings.testLimit()).unstructured(baselineBits == 0).outPrefix(prefix).pruneFromBaseline(true)
                .checkpoint(checkpoint).zerorizeSteps(settings.zerorizeSteps()).rescalePruned(settings.rescalePruned())
                .minKeptUnits(settings.minKeptUnits()).batchNorm(settings.batchNorm()).baselineWeightBits(baselineBits)
                .maxLayerSparsity(sparsity == null ? 1 : settings.maxLayerSparsity())
                .distillation(settings.distillAlpha() == 0 ? null
                        : new TrainOptions.Distillation(settings.distillAlpha(), ExperimentSettings.DISTILL_TEMPERATURE))
                .build();
    }

    /**
     * The checkpoint file of a seed, named after every option that shapes the float networks it
     * holds, so a changed option gets a new file instead of a refusal.
     */
    private String checkpointName(int seed) {
        String shaping = String.join("|", ARCH, Double.toString(settings.width()), settings.dataset(),
                String.valueOf(settings.dataDir()), Integer.toString(settings.trainLimit()), Integer.toString(seed),
                Integer.toString(settings.pretrainEpochs()), Integer.toString(settings.baselineExtraEpochs()))
                // only when on, so checkpoints of runs without batch norm keep their names
                + (settings.batchNorm() ? "|batch-norm" : "");
        return String.format(Locale.ROOT, "seed-%d-%s.ckpt", seed,
                FileDigests.sha256(shaping.getBytes(StandardCharsets.UTF_8)).substring(0, 12));
    }
}
