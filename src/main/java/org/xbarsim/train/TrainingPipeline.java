package org.xbarsim.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.mapping.CrossbarGroups;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Metadata;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.WeightedLayer;

/**
 * One training run from data to files: pre-training, the baseline export, crossbar-aligned pruning
 * (group lasso + zerorize-recover), quantization-aware fine-tuning with power-of-two scales, the
 * compressed export, accuracy of both files with the golden engine, and the report.
 */
public final class TrainingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingPipeline.class);
    /** Training images used to calibrate activation ranges (the first ones, in file order). */
    static final int CALIBRATION_IMAGES = 2000;
    /** The most epochs of any phase, and zerorize steps, a run takes (as the demo bounds its --epochs). */
    public static final int MAX_EPOCHS = 1000;
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final TrainOptions o;
    private final ProgressBar progress;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    public TrainingPipeline(TrainOptions options, ProgressBar progress) {
        this.o = options;
        this.progress = progress;
    }

    /** The files a run writes. */
    public record Outputs(Path compressed, Path baseline, Path reportJson, Path reportText, Path runInfo) {
        public static Outputs of(Path prefix) {
            String p = prefix.toString();
            return new Outputs(Path.of(p + "-compressed.json"), Path.of(p + "-baseline.json"), Path.of(p + "-report.json"),
                    Path.of(p + "-report.txt"), Path.of(p + "-run-info.json"));
        }
    }

    /** What a run produced. */
    public record Result(TrainingReport report, IntModel compressed, IntModel baseline, Outputs outputs) {
    }

    /** Checks options that need no data (run does too; a command calls it before it prints anything). */
    public static void validate(TrainOptions o) {
        Architecture.checkName(o.arch());
        DataSets.checkName(o.dataset());
        if (o.crossbarBudget() == null && o.targetSparsity() == null) {
            throw new UserInputException("give a target: --crossbar-budget N, --target-sparsity S, or both");
        }
        if (o.crossbarBudget() != null && o.crossbarBudget() < 1) {
            throw new UserInputException("--crossbar-budget " + o.crossbarBudget() + ": must be >= 1");
        }
        if (o.targetSparsity() != null && !(o.targetSparsity() > 0 && o.targetSparsity() < 1)) {
            throw new UserInputException("--target-sparsity " + o.targetSparsity() + ": must be in (0, 1), e.g. 0.9");
        }
        if (o.pretrainEpochs() < 1) {
            throw new UserInputException("--pretrain-epochs " + o.pretrainEpochs() + ": must be >= 1");
        }
        if (o.pruneEpochs() < 0 || o.qatEpochs() < 0 || o.baselineExtraEpochs() < 0) {
            throw new UserInputException("epoch counts must be >= 0 (prune " + o.pruneEpochs() + ", qat " + o.qatEpochs()
                    + ", baseline extra " + o.baselineExtraEpochs() + ")");
        }
        atMost("--pretrain-epochs", o.pretrainEpochs(), MAX_EPOCHS);
        atMost("--prune-epochs", o.pruneEpochs(), MAX_EPOCHS);
        atMost("--qat-epochs", o.qatEpochs(), MAX_EPOCHS);
        atMost("--baseline-extra-epochs", o.baselineExtraEpochs(), MAX_EPOCHS);
        // NaN passes every comparison: an --lr NaN trained a chance-level model without a word
        if (!(o.learningRate() > 0) || Double.isInfinite(o.learningRate())) {
            throw new UserInputException("--lr " + o.learningRate() + ": must be a finite number > 0, e.g. 0.002");
        }
        if (!(o.groupLasso() >= 0) || Double.isInfinite(o.groupLasso())) {
            throw new UserInputException("--group-lasso " + o.groupLasso() + ": must be a finite number >= 0 (0 turns it off)");
        }
        if (o.trainLimit() < 0) {
            throw new UserInputException("--train-limit " + o.trainLimit() + ": must be >= 0 (0 = the whole split)");
        }
        if (o.testLimit() < 0) {
            throw new UserInputException("--test-limit " + o.testLimit() + ": must be >= 0 (0 = the whole split)");
        }
        if (o.batchSize() < 1 || o.batchSize() > 4096) {
            throw new UserInputException("--batch-size " + o.batchSize() + ": must be in [1, 4096]");
        }
        if (!(o.maxLayerSparsity() > 0 && o.maxLayerSparsity() <= 1)) {
            throw new UserInputException("--max-layer-sparsity " + o.maxLayerSparsity() + ": must be in (0, 1] (1 = no cap)");
        }
        if (o.maxLayerSparsity() < 1) {
            if (o.targetSparsity() == null) {
                throw new UserInputException("--max-layer-sparsity caps the --target-sparsity pruning: give --target-sparsity too");
            }
            if (o.maxLayerSparsity() < o.targetSparsity()) {
                throw new UserInputException("--max-layer-sparsity " + o.maxLayerSparsity() + ": below --target-sparsity "
                        + o.targetSparsity() + ", which no model under the cap could reach");
            }
        }
        if (o.minKeptUnits() < 1 || o.minKeptUnits() > 4096) {
            throw new UserInputException("--min-kept-units " + o.minKeptUnits() + ": must be in [1, 4096]");
        }
        if (o.zerorizeSteps() < 1 || o.zerorizeSteps() > MAX_EPOCHS) {
            throw new UserInputException("--zerorize-steps " + o.zerorizeSteps() + ": must be in [1, " + MAX_EPOCHS + "]");
        }
        if (o.baselineWeightBits() != 0 && (o.baselineWeightBits() < 2 || o.baselineWeightBits() > 16)) {
            throw new UserInputException("--baseline-weight-bits " + o.baselineWeightBits() + ": must be in [2, 16]");
        }
    }

    private static void atMost(String option, int value, int max) {
        if (value > max) {
            throw new UserInputException(option + " " + value + ": must be at most " + max);
        }
    }

    public Result run() {
        validate(o);
        if (o.augmentation().flip() && o.dataset().equals("mnist")) {
            // allowed, since a user may want to measure it, but mirrored digits are mostly other digits or none
            LOG.warn("--augment-flip on mnist: a mirrored digit rarely keeps its label; leave it off for digits");
        }
        long t0 = System.nanoTime();
        ImageSet train = limit(DataSets.load(o.dataset(), o.dataDir(), Split.TRAIN), o.trainLimit(), "--train-limit");
        ImageSet test = limit(DataSets.load(o.dataset(), o.dataDir(), Split.TEST), o.testLimit(), "--test-limit");
        ImageSet calibration = train.first(CALIBRATION_IMAGES);
        Architecture arch = Architecture.of(o.arch(), train.shape(), train.numClasses(), o.width());
        CrossbarGeometry g = o.geometry();
        int bits = g.weightBits();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getRandom().setSeed(Streams.seed(o.seed(), "nd4j"));
        GroupSelector selector = new GroupSelector(arch, g, o.allocation(),
                o.allocation() == BudgetAllocation.LOSS ? new LossProbe(arch, train, o.batchNorm())::costOf : null)
                .minKeptUnits(o.minKeptUnits());
        FloatParams p = FloatParams.init(arch, o.seed(), o.batchNorm());
        long dense = selector.unpruned().crossbars();
        if (o.crossbarBudget() != null) {
            long least = selector.strongest(p).crossbars();
            if (least > o.crossbarBudget()) {
                throw new UserInputException("--crossbar-budget " + o.crossbarBudget() + ": cannot be met; " + o.arch()
                        + " needs at least " + least + " crossbars of " + g.rows() + "x" + g.columns()
                        + " after the most pruning allowed (unpruned: " + dense + ")");
            }
        }
        lap("load", t0);
        Trainer trainer = new Trainer(arch, g, train, o.batchSize(), o.seed(), progress, o.augmentation());

        // 1. float pre-training and 2. the unpruned baseline (or both from a checkpoint)
        Map<String, String> checkpointKey = FloatCheckpoint.key(o, train.size());
        FloatParams base;
        if (o.checkpoint() != null && Files.exists(o.checkpoint())) {
            t0 = System.nanoTime();
            FloatCheckpoint.Networks n = FloatCheckpoint.read(o.checkpoint(), checkpointKey, arch);
            p = n.pretrained();
            base = n.baseline();
            progress.message("pre-trained and baseline networks read from " + o.checkpoint());
            lap("checkpoint", t0);
            t0 = System.nanoTime();
        } else {
            t0 = System.nanoTime();
            trainer.run(p, Trainer.Phase.floating("pretrain", o.pretrainEpochs(), o.learningRate()), bits);
            lap("pretrain", t0);
            t0 = System.nanoTime();
            base = p.copy();
            trainer.run(base, Trainer.Phase.floating("baseline", o.baselineExtraEpochs(), o.learningRate() * 0.5),
                    bits);
            if (o.checkpoint() != null) {
                FloatCheckpoint.write(o.checkpoint(), checkpointKey, new FloatCheckpoint.Networks(p, base));
                progress.message("wrote checkpoint " + o.checkpoint());
            }
        }
        // with batch norm, every use of the baseline below is of the plain network it folds into
        FloatParams baseNet = base.hasBatchNorm() ? BatchNormFolding.fold(base, calibration, o.batchSize()) : base;
        NetworkGraph floatGraph = new NetworkGraph(arch, null, IntegerExport.ACTIVATION_BITS);
        floatGraph.setParameters(baseNet.weights, baseNet.biases);
        double baseFloat = Evaluation.floatAccuracy(floatGraph, test);
        Evaluation.Ranges baseRanges = Evaluation.ranges(floatGraph, calibration);
        Outputs out = Outputs.of(o.outPrefix());
        IntModel baseModel = IntegerExport.baseline(o.arch() + "-baseline", arch, baseNet, baseRanges.activationMax(),
                baseRanges.maxAbsLogit(), o.effectiveBaselineWeightBits(), meta("baseline", Map.of()));
        double baseInt = Evaluation.integerAccuracy(baseModel, test);
        baseModel = withAccuracies(baseModel, baseFloat, baseInt);
        LOG.info("baseline: float {}, integer {}", baseFloat, baseInt);
        progress.message(String.format(Locale.ROOT, "baseline: float %.2f%%, integer %.2f%%", 100 * baseFloat, 100 * baseInt));
        lap("baseline", t0);

        // 3. crossbar-aligned pruning: group lasso + zerorize-recover, final hard zeroing
        if (o.pruneFromBaseline()) {
            p = base.copy();
        }
        t0 = System.nanoTime();
        Teacher teacher = o.distillation() == null ? null : new Teacher(arch, baseNet, o.distillation());
        Trainer.Zerorizer zerorizer = (q, k, n) -> {
            double ramp = 1 - Math.pow(1 - (double) k / n, 3);
            GroupSelector.Selection s;
            if (o.crossbarBudget() != null) {
                long b = Math.max(o.crossbarBudget(), Math.round(dense - (dense - o.crossbarBudget()) * ramp));
                s = selector.forBudget(q, b);
                if (o.targetSparsity() != null) {
                    s = selector.atLeastSparsity(q, s, o.targetSparsity() * ramp, o.maxLayerSparsity());
                }
            } else {
                s = selector.forSparsity(q, o.targetSparsity() * ramp, o.maxLayerSparsity());
            }
            LOG.info("zerorize {}/{}: {} crossbars, sparsity {}", k, n, s.crossbars(), s.sparsity());
            if (o.rescalePruned()) {
                Trainer.rescaleKept(q, s.masks());
            }
            return s;
        };
        List<GroupMask> masks;
        if (o.pruneEpochs() > 0) {
            masks = trainer.run(p, new Trainer.Phase("prune", o.pruneEpochs(), o.learningRate() * 0.5, null, false, null,
                    zerorizer, o.zerorizeSteps(), o.groupLasso(), teacher, 0), bits);
        } else {
            masks = zerorizer.select(p, 1, 1).masks();
            Trainer.applyMasks(p, Trainer.maskArrays(masks));
        }
        if (p.hasBatchNorm()) {
            // quantization-aware fine-tuning and export see the plain network; pruned groups and filters stay zero
            p = BatchNormFolding.fold(p, calibration, o.batchSize());
        }
        lap("prune", t0);

        // 4. quantization-aware fine-tuning: power-of-two weights and activations, masks fixed
        t0 = System.nanoTime();
        floatGraph.setParameters(p.weights, p.biases);
        Evaluation.Ranges pr = Evaluation.ranges(floatGraph, calibration);
        int[] actLog2 = new int[pr.activationMax().length];
        double[] actScale = new double[actLog2.length];
        for (int i = 0; i < actLog2.length; i++) {
            actLog2[i] = PowerOfTwo.scaleLog2(pr.activationMax()[i], (1 << IntegerExport.ACTIVATION_BITS) - 1);
            actScale[i] = Math.pow(2, actLog2[i]);
        }
        trainer.run(p, new Trainer.Phase("qat", o.qatEpochs(), o.learningRate() * 0.5, actScale, true, masks, null, 1, 0,
                teacher, o.weightAverage()),
                bits);
        NetworkGraph qatGraph = new NetworkGraph(arch, actScale, IntegerExport.ACTIVATION_BITS);
        List<INDArray> fq = new ArrayList<>();
        p.weights.forEach(w -> fq.add(PowerOfTwo.fakeQuantize(w, bits)));
        qatGraph.setParameters(fq, p.biases);
        double compFloat = Evaluation.floatAccuracy(qatGraph, test);
        Evaluation.Ranges qr = Evaluation.ranges(qatGraph, calibration);
        IntModel comp = IntegerExport.powerOfTwo(o.arch() + "-compressed", arch, p, masks, actLog2, qr.maxAbsLogit(), g,
                bits, meta("compressed", Map.of()));
        double compInt = Evaluation.integerAccuracy(comp, test);
        comp = withAccuracies(comp, compFloat, compInt);
        LOG.info("compressed: float {}, integer {}", compFloat, compInt);
        progress.message(String.format(Locale.ROOT, "compressed: float %.2f%%, integer %.2f%%", 100 * compFloat, 100 * compInt));
        lap("qat", t0);

        // 5. comparison: unstructured magnitude pruning to the same sparsity
        TrainingReport.Unstructured unstructured = null;
        if (o.unstructured()) {
            double sparsity = (double) comp.zeroWeightCount() / comp.weightCount();
            unstructured = unstructured(arch, baseNet, sparsity, floatGraph, test);
        }

        TrainingReport report = report(arch, train, test, baseModel, comp, baseFloat, baseInt, compFloat, compInt, masks,
                dense, unstructured, out);
        write(out, baseModel, comp, report);
        return new Result(report, comp, baseModel, out);
    }

    private Metadata meta(String kind, Map<String, Double> acc) {
        Map<String, String> notes = new TreeMap<>();
        notes.put("width", Double.toString(o.width()));
        notes.put("epochs", o.pretrainEpochs() + " pretrain, " + o.pruneEpochs() + " prune, " + o.qatEpochs() + " qat, "
                + o.baselineExtraEpochs() + " baseline extra" + (o.pruneFromBaseline() ? "; pruned from the baseline" : ""));
        String target = o.crossbarBudget() == null ? "sparsity " + o.targetSparsity()
                : "crossbar-budget " + o.crossbarBudget() + " (" + o.allocation().key() + " allocation)"
                        + (o.targetSparsity() == null ? "" : " and sparsity " + o.targetSparsity());
        notes.put("target", target + (o.maxLayerSparsity() < 1 ? ", at most " + o.maxLayerSparsity() + " in any layer" : ""));
        notes.put("trainer", "xbarsim train (ND4J SameDiff)");
        if (o.batchNorm()) {
            notes.put("batch-norm", "after every hidden convolution in float training, folded into weights and bias"
                    + " before quantization");
        }
        if (o.augmentation().isOn()) {
            notes.put("augmentation", o.augmentation().describe() + " (training images, every phase)");
        }
        if (kind.equals("compressed")) {
            notes.put("distillation", o.distillation() == null ? "none"
                    : "from the float baseline, alpha " + o.distillation().alpha() + ", temperature "
                            + o.distillation().temperature());
            if (o.weightAverage() > 0) {
                notes.put("weight-average", "exponential moving average of the weights during qat, decay "
                        + o.weightAverage());
            }
        }
        return new Metadata(o.arch(), o.dataset(), kind, o.seed(), acc, notes);
    }

    private static IntModel withAccuracies(IntModel m, double fl, double in) {
        Metadata md = m.metadata();
        Map<String, Double> acc = new TreeMap<>(md.accuracies());
        acc.put("float-test", fl);
        acc.put("int-test", in);
        return new IntModel(m.name(), m.input(), m.layers(), m.prunedFor(),
                new Metadata(md.arch(), md.dataset(), md.kind(), md.seed(), acc, md.notes()));
    }

    private TrainingReport.Unstructured unstructured(Architecture arch, FloatParams base, double sparsity,
                                                     NetworkGraph graph, ImageSet test) {
        FloatParams u = base.copy();
        long crossbars = 0;
        for (Architecture.Weighted l : arch.weighted()) {
            float[] w = u.weightValues(l.index());
            float[] mags = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                mags[i] = Math.abs(w[i]);
            }
            float[] sorted = mags.clone();
            Arrays.sort(sorted);
            int cut = (int) Math.floor(sparsity * w.length);
            float threshold = cut == 0 ? -1 : sorted[cut - 1];
            float[] mask = new float[w.length];
            boolean[] zero = new boolean[w.length];
            for (int i = 0; i < w.length; i++) {
                zero[i] = mags[i] <= threshold;
                mask[i] = zero[i] ? 0f : 1f;
            }
            u.weights.get(l.index()).muli(Nd4j.create(mask, l.paramShape(), 'c'));
            int rows = l.matrixRows();
            crossbars += CrossbarGroups.compactedCrossbars(new CrossbarGroups.ZeroPattern() {
                @Override
                public int rows() {
                    return rows;
                }

                @Override
                public int cols() {
                    return l.outChannels();
                }

                @Override
                public boolean isZero(int row, int col) {
                    return zero[col * rows + row];
                }
            }, o.geometry());
        }
        graph.setParameters(u.weights, u.biases);
        double acc = Evaluation.floatAccuracy(graph, test);
        return new TrainingReport.Unstructured(sparsity, crossbars, acc);
    }

    private TrainingReport report(Architecture arch, ImageSet train, ImageSet test, IntModel base, IntModel comp,
                                  double baseFloat, double baseInt, double compFloat, double compInt,
                                  List<GroupMask> masks, long dense, TrainingReport.Unstructured unstructured,
                                  Outputs out) {
        CrossbarGeometry g = o.geometry();
        // the baseline takes as many cell columns per weight as its own bits need
        CrossbarGeometry gb = new CrossbarGeometry(g.rows(), g.columns(), g.bitsPerCell(), o.effectiveBaselineWeightBits(),
                g.encoding());
        List<TrainingReport.LayerSummary> layers = new ArrayList<>();
        long filters = 0;
        long filtersPruned = 0;
        long groups = 0;
        long groupsPruned = 0;
        long blocks = 0;
        long blocksPruned = 0;
        List<WeightedLayer> bl = base.weightedLayers();
        List<WeightedLayer> cl = comp.weightedLayers();
        long baseXbars = 0;
        long compXbars = 0;
        for (int i = 0; i < cl.size(); i++) {
            WeightedLayer c = cl.get(i);
            GroupMask m = masks.get(i);
            long bx = CrossbarGroups.compactedCrossbars(CrossbarGroups.of(bl.get(i)), gb);
            long cx = CrossbarGroups.compactedCrossbars(CrossbarGroups.of(c), g);
            baseXbars += bx;
            compXbars += cx;
            int fPruned = c.pruning().filters().size();
            if (!m.layer.logits()) {
                filters += c.matrixCols();
                filtersPruned += fPruned;
            }
            groups += m.kernelGroupsInLiveTiles();
            groupsPruned += c.pruning().kernelGroups().size();
            int liveTiles = (m.keptFilters() + g.logicalColumnsPerCrossbar() - 1) / g.logicalColumnsPerCrossbar();
            blocks += (long) liveTiles * CrossbarGroups.rowTiles(c.matrixRows(), g);
            blocksPruned += c.pruning().crossbarBlocks().size();
            layers.add(new TrainingReport.LayerSummary(c.name(), c.weights().size(), c.weights().countZeros(), bx, cx,
                    fPruned, c.matrixCols(), c.pruning().kernelGroups().size(), c.pruning().crossbarBlocks().size()));
        }
        boolean met = (o.crossbarBudget() == null || compXbars <= o.crossbarBudget())
                && (o.targetSparsity() == null || (double) comp.zeroWeightCount() / comp.weightCount() >= o.targetSparsity());
        Double cap = o.maxLayerSparsity() < 1 ? Double.valueOf(o.maxLayerSparsity()) : null; // 1 = no cap, not written
        TrainingReport.Target target = o.crossbarBudget() != null
                ? new TrainingReport.Target("crossbar-budget", o.crossbarBudget(), met, o.allocation().key(),
                        o.targetSparsity(), cap)
                : new TrainingReport.Target("sparsity", o.targetSparsity(), met, null, null, cap);
        return new TrainingReport(o.arch(), o.width(), o.dataset(), o.seed(), train.size(), test.size(),
                new TrainingReport.Geometry(g.rows(), g.columns(), g.bitsPerCell(), g.weightBits(), g.encoding().key(),
                        g.logicalColumnsPerCrossbar(), gb.weightBits()),
                target,
                new TrainingReport.Epochs(o.pretrainEpochs(), o.pruneEpochs(), o.qatEpochs(), o.baselineExtraEpochs(),
                        o.zerorizeSteps(), o.batchSize(), o.pruneFromBaseline() ? "baseline" : "pretrained"),
                o.distillation(),
                o.weightAverage() > 0 ? o.weightAverage() : null,
                o.augmentation().isOn() ? o.augmentation() : null,
                o.batchNorm() ? Boolean.TRUE : null,
                summary(out.baseline(), base, baseFloat, baseInt, baseXbars),
                summary(out.compressed(), comp, compFloat, compInt, compXbars),
                compXbars == 0 ? 0 : (double) baseXbars / compXbars,
                new TrainingReport.GroupSparsity(filtersPruned, filters, groupsPruned, groups, blocksPruned, blocks),
                layers, unstructured);
    }

    private static TrainingReport.ModelSummary summary(Path file, IntModel m, double fl, double in, long xbars) {
        return new TrainingReport.ModelSummary(file.getFileName().toString(), fl, in, xbars, m.weightCount(),
                m.zeroWeightCount(), (double) m.zeroWeightCount() / m.weightCount(), m.isMultiplierFree());
    }

    private void write(Outputs out, IntModel base, IntModel comp, TrainingReport report) {
        ModelFile.write(out.baseline(), base);
        ModelFile.write(out.compressed(), comp);
        // what was written must read back as the very model that was measured
        if (!ModelFile.read(out.compressed()).equals(comp) || !ModelFile.read(out.baseline()).equals(base)) {
            throw new IllegalStateException("a model file does not read back as written");
        }
        AtomicFiles.writeString(out.reportJson(), toJson(report));
        AtomicFiles.writeString(out.reportText(), ReportText.render(report));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("seconds", seconds);
        info.put("processors", Runtime.getRuntime().availableProcessors());
        // the native math's own thread count (OMP_NUM_THREADS), which is what training runs on
        info.put("nd4jThreads", Nd4j.getEnvironment().maxThreads());
        info.put("nd4jBuild", NativeBuild.summary());
        AtomicFiles.writeString(out.runInfo(), toJson(info));
    }

    /** The readable summary of a report (what the text report file holds). */
    public static String summaryText(TrainingReport r) {
        return ReportText.render(r);
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wall-clock seconds per phase (run-info only). */
    public Map<String, Double> seconds() {
        return seconds;
    }

    private void lap(String phase, long t0) {
        seconds.put(phase, (System.nanoTime() - t0) / 1e9);
    }

    private static ImageSet limit(ImageSet s, int n, String option) {
        if (n > s.size()) {
            throw new org.xbarsim.UserInputException(option + " " + n + ": " + s.source() + " has only " + s.size() + " images");
        }
        return n > 0 ? s.first(n) : s;
    }
}
