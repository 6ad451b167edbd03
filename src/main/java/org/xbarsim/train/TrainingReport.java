package org.xbarsim.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a training run measured. Serialized as JSON (keys sorted) and as a text summary; holds no
 * wall-clock time (that goes in the run-info file), so the same seed gives the same report.
 * Accuracies are fractions in [0, 1]; integer accuracies come from the golden engine on the
 * exported model files. {@code distillation} is absent when the compressed model was trained without a
 * teacher, {@code weightAverage} (the decay of the exported moving average of its fine-tuned weights) when
 * it was exported without one, {@code augmentation} when the training images were used unchanged,
 * {@code batchNorm} when the float network had no batch norm (when true, it was folded into the weights and
 * biases of both models before quantization, so neither model file has it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingReport(
        String arch,
        double width,
        String dataset,
        long seed,
        int trainImages,
        int testImages,
        Geometry geometry,
        Target target,
        Epochs epochs,
        TrainOptions.Distillation distillation,
        Double weightAverage,
        Augmentation augmentation,
        Boolean batchNorm,
        ModelSummary baseline,
        ModelSummary compressed,
        double crossbarReduction,
        GroupSparsity groups,
        List<LayerSummary> layers,
        Unstructured unstructured) {

    /** {@code weightBits}: the compressed model's; {@code baselineWeightBits}: the baseline's (its crossbars are counted with them). */
    public record Geometry(int rows, int columns, int bitsPerCell, int weightBits, String encoding,
                           int logicalColumnsPerCrossbar, int baselineWeightBits) {
    }

    /**
     * {@code kind} is "crossbar-budget" or "sparsity"; {@code allocation} (budgets only) how the budget
     * was shared among layers ({@link BudgetAllocation#key()}); {@code minSparsity} (budgets only, absent
     * unless given) a weight sparsity the budget's model must reach as well. {@code met}: every part holds.
     * {@code maxLayerSparsity} (absent unless given): the cap {@code --max-layer-sparsity} put on the
     * pruning of each layer (the layer table counts every zero of the final model, which can be a little more).
     */
    public record Target(String kind, double value, boolean met, String allocation,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double minSparsity,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double maxLayerSparsity) {
    }

    /**
     * {@code prunedFrom}: "baseline" when pruning started from the finished baseline (so the compressed
     * model has {@code pretrain + baselineExtra + prune + qat} epochs), "pretrained" when from the
     * pre-trained network ({@code pretrain + prune + qat}).
     */
    public record Epochs(int pretrain, int prune, int qat, int baselineExtra, int zerorizeSteps, int batchSize,
                         String prunedFrom) {
    }

    /**
     * @param floatAccuracy   float network on the test set (for the compressed model: with fake-quantized
     *                        weights and activations, as fine-tuning ran it)
     * @param integerAccuracy golden engine on the exported file
     * @param crossbars       crossbars after crossbar-aligned compaction (mapping.CrossbarGroups) for the geometry
     */
    public record ModelSummary(String file, double floatAccuracy, double integerAccuracy, long crossbars, long weights,
                               long zeroWeights, double weightSparsity, boolean multiplierFree) {
    }

    /** Pruned groups of each kind over the whole network (kernel groups and blocks counted in live column tiles). */
    public record GroupSparsity(long filtersPruned, long filters, long kernelGroupsPruned, long kernelGroups,
                                long crossbarBlocksPruned, long crossbarBlocks) {
    }

    public record LayerSummary(String name, long weights, long zeroWeights, long crossbarsBaseline,
                               long crossbarsCompressed, int filtersPruned, int filters, int kernelGroupsPruned,
                               int crossbarBlocksPruned) {
    }

    /**
     * Magnitude pruning of the baseline's float weights to the compressed model's sparsity, every layer
     * alike, without fine-tuning: how many crossbars it frees with no index hardware.
     */
    public record Unstructured(double weightSparsity, long crossbars, double floatAccuracy) {
    }
}
