package org.xbarsim.train;

import java.nio.file.Path;
import org.xbarsim.arch.CrossbarGeometry;

/**
 * Everything one training run needs. Immutable; {@link TrainingPipeline} validates it.
 *
 * @param arch            architecture name ({@link Architecture#NAMES})
 * @param width           channel multiplier
 * @param dataset         data set name
 * @param dataDir         data folder, or null for the default
 * @param seed            seed of every random stream
 * @param geometry        crossbar geometry the pruning aligns to
 * @param crossbarBudget  target crossbar count, or null
 * @param targetSparsity  target weight sparsity in (0, 1), or null (at least one target is set; with a budget,
 *                        a floor the budget's model must reach as well)
 * @param pretrainEpochs  float pre-training epochs (also the baseline's)
 * @param pruneEpochs     epochs with group lasso and zerorize-recover
 * @param qatEpochs       quantization-aware fine-tuning epochs
 * @param baselineExtraEpochs extra float epochs for the baseline after pre-training (no pruning)
 * @param batchSize       mini-batch size
 * @param learningRate    Adam learning rate of pre-training (later phases use a fraction)
 * @param groupLasso      group-lasso strength during pruning
 * @param zerorizeSteps   number of zerorize steps in the pruning phase
 * @param trainLimit      use only the first N training images (0 = all)
 * @param testLimit       use only the first N test images (0 = all)
 * @param unstructured    also report unstructured magnitude pruning to the same sparsity
 * @param outPrefix       output file prefix (files are {@code <prefix>-compressed.json}, ...)
 * @param distillation    knowledge distillation from the float baseline while pruning and fine-tuning,
 *                        or null for none
 * @param allocation      how a crossbar budget is shared among layers
 * @param pruneFromBaseline prune the finished baseline (pre-training plus its extra epochs) rather
 *                        than the network as pre-training left it
 * @param checkpoint      file holding the pre-trained and baseline float parameters: read when it
 *                        exists (and matches these options), written otherwise; or null
 * @param weightAverage   decay of an exponential moving average of the weights during quantization-aware
 *                        fine-tuning, exported in place of the last step's weights; 0 = off
 * @param augmentation    random shifts and flips of the training images in every phase (baseline included),
 *                        or {@link Augmentation#NONE}
 * @param maxLayerSparsity the most weight sparsity the {@code targetSparsity} pruning may give one layer, in
 *                        (0, 1]; 1 = no cap
 * @param rescalePruned   at every zerorize step, scale each layer's kept weights so the layer keeps its weight
 *                        energy ({@code sum w^2}); see {@link Trainer#rescaleKept}
 * @param minKeptUnits    input units (kernel groups) every column tile keeps at least (1 = only the usual floors)
 * @param batchNorm       batch norm after every hidden convolution in the float phases (pre-training, baseline,
 *                        pruning), folded into the weights and biases before quantization ({@link BatchNormFolding})
 * @param baselineWeightBits signed weight bits of the exported baseline (2..16), or 0 for the compressed model's
 *                        ({@code geometry.weightBits()}): a 16-bit baseline beside an 8-bit compressed model
 */
public record TrainOptions(String arch, double width, String dataset, Path dataDir, long seed, CrossbarGeometry geometry,
                           Long crossbarBudget, Double targetSparsity, int pretrainEpochs, int pruneEpochs,
                           int qatEpochs, int baselineExtraEpochs, int batchSize, double learningRate,
                           double groupLasso, int zerorizeSteps, int trainLimit, int testLimit,
                           boolean unstructured, Path outPrefix, Distillation distillation, BudgetAllocation allocation,
                           boolean pruneFromBaseline, Path checkpoint, double weightAverage,
                           Augmentation augmentation, double maxLayerSparsity,
                           boolean rescalePruned, int minKeptUnits, boolean batchNorm,
                           int baselineWeightBits) {
    /**
     * The loss {@code (1 - alpha) CE(labels, softmax(z)) + alpha T^2 CE(softmax(t / T), softmax(z / T))}
     * with {@code t} the float baseline's logits (Hinton et al., 2015).
     */
    public record Distillation(double alpha, double temperature) {
    }

    /** The baseline's signed weight bits: {@code baselineWeightBits}, or the compressed model's when 0. */
    public int effectiveBaselineWeightBits() {
        return baselineWeightBits == 0 ? geometry.weightBits() : baselineWeightBits;
    }

    public int totalEpochs() {
        return pretrainEpochs + pruneEpochs + qatEpochs;
    }

    /**
     * A builder holding the {@code train} command's defaults (lenet5 on Fashion-MNIST, no target set; a
     * test keeps the two equal).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters for the options; the record's positional constructor is easy to misread. */
    public static final class Builder {
        private String arch = "lenet5";
        private double width = 1;
        private String dataset = "fashion-mnist";
        private Path dataDir;
        private long seed = 1;
        private CrossbarGeometry geometry = CrossbarGeometry.isaacLike();
        private Long crossbarBudget;
        private Double targetSparsity;
        private int pretrainEpochs = 3;
        private int pruneEpochs = 3;
        private int qatEpochs = 2;
        private int baselineExtraEpochs;
        private int batchSize = 128;
        private double learningRate = 0.002;
        private double groupLasso = 0.0005;
        private int zerorizeSteps = 6;
        private int trainLimit;
        private int testLimit;
        private boolean unstructured;
        private Path outPrefix = Path.of("out/model");
        private Distillation distillation;
        private BudgetAllocation allocation = BudgetAllocation.SQRT;
        private boolean pruneFromBaseline = true;
        private Path checkpoint;
        private double weightAverage;
        private Augmentation augmentation = Augmentation.NONE;
        private double maxLayerSparsity = 1;
        private boolean rescalePruned;
        private int minKeptUnits = 1;
        private boolean batchNorm;
        private int baselineWeightBits;

        private Builder() {
        }

        public Builder arch(String v) { arch = v; return this; }
        public Builder width(double v) { width = v; return this; }
        public Builder dataset(String v) { dataset = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder geometry(CrossbarGeometry v) { geometry = v; return this; }
        public Builder crossbarBudget(Long v) { crossbarBudget = v; return this; }
        public Builder targetSparsity(Double v) { targetSparsity = v; return this; }
        public Builder pretrainEpochs(int v) { pretrainEpochs = v; return this; }
        public Builder pruneEpochs(int v) { pruneEpochs = v; return this; }
        public Builder qatEpochs(int v) { qatEpochs = v; return this; }
        public Builder baselineExtraEpochs(int v) { baselineExtraEpochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder groupLasso(double v) { groupLasso = v; return this; }
        public Builder zerorizeSteps(int v) { zerorizeSteps = v; return this; }
        public Builder trainLimit(int v) { trainLimit = v; return this; }
        public Builder testLimit(int v) { testLimit = v; return this; }
        public Builder unstructured(boolean v) { unstructured = v; return this; }
        public Builder outPrefix(Path v) { outPrefix = v; return this; }
        public Builder distillation(Distillation v) { distillation = v; return this; }
        public Builder allocation(BudgetAllocation v) { allocation = v; return this; }
        public Builder pruneFromBaseline(boolean v) { pruneFromBaseline = v; return this; }
        public Builder checkpoint(Path v) { checkpoint = v; return this; }
        public Builder weightAverage(double v) { weightAverage = v; return this; }
        public Builder augmentation(Augmentation v) { augmentation = v; return this; }
        public Builder maxLayerSparsity(double v) { maxLayerSparsity = v; return this; }
        public Builder rescalePruned(boolean v) { rescalePruned = v; return this; }
        public Builder minKeptUnits(int v) { minKeptUnits = v; return this; }
        public Builder batchNorm(boolean v) { batchNorm = v; return this; }
        public Builder baselineWeightBits(int v) { baselineWeightBits = v; return this; }

        public TrainOptions build() {
            return new TrainOptions(arch, width, dataset, dataDir, seed, geometry, crossbarBudget, targetSparsity,
                    pretrainEpochs, pruneEpochs, qatEpochs, baselineExtraEpochs, batchSize, learningRate, groupLasso,
                    zerorizeSteps, trainLimit, testLimit, unstructured, outPrefix, distillation, allocation,
                    pruneFromBaseline, checkpoint, weightAverage, augmentation, maxLayerSparsity, rescalePruned, minKeptUnits, batchNorm,
                    baselineWeightBits);
        }
    }
}
