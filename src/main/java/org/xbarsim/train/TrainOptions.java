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
 */
public record TrainOptions(String arch, double width, String dataset, Path dataDir, long seed, CrossbarGeometry geometry,
                           Long crossbarBudget, Double targetSparsity, int pretrainEpochs, int pruneEpochs,
                           int qatEpochs, int baselineExtraEpochs, int batchSize, double learningRate,
                           double groupLasso, int zerorizeSteps, int trainLimit, int testLimit,
                           boolean unstructured, Path outPrefix, Distillation distillation, BudgetAllocation allocation,
                           boolean pruneFromBaseline, Path checkpoint, double weightAverage,
                           Augmentation augmentation) {
    /**
     * The loss {@code (1 - alpha) CE(labels, softmax(z)) + alpha T^2 CE(softmax(t / T), softmax(z / T))}
     * with {@code t} the float baseline's logits (Hinton et al., 2015).
     */
    public record Distillation(double alpha, double temperature) {
    }

    public int totalEpochs() {
        return pretrainEpochs + pruneEpochs + qatEpochs;
    }
}
