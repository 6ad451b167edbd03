package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xbarsim.data.ImageSet;

/**
 * Measures training speed: images per second of full training steps (forward, backward through
 * SameDiff, Adam update) of an architecture, float or with power-of-two fake quantization. Used by
 * the {@code train} benchmark case.
 */
public final class TrainingThroughput {
    private final Architecture arch;
    private final ImageSet images;
    private final int batchSize;
    private final boolean quantized;
    private final FloatParams params;
    private final NetworkGraph graph;
    private final Adam adam;
    private final List<INDArray> all = new ArrayList<>();
    private int next;

    /**
     * @param quantized fake-quantize weights and activations (as quantization-aware fine-tuning does)
     */
    public TrainingThroughput(String archName, double width, ImageSet images, int batchSize, boolean quantized, long seed) {
        this(archName, width, images, batchSize, quantized, false, seed);
    }

    /**
     * @param quantized fake-quantize weights and activations (as quantization-aware fine-tuning does)
     * @param batchNorm batch norm after every hidden convolution (float steps only, as in training)
     */
    public TrainingThroughput(String archName, double width, ImageSet images, int batchSize, boolean quantized,
                              boolean batchNorm, long seed) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        this.arch = Architecture.of(archName, images.shape(), images.numClasses(), width);
        this.images = images;
        this.batchSize = batchSize;
        this.quantized = quantized;
        if (quantized && batchNorm) {
            throw new IllegalArgumentException("batch norm is folded before quantization-aware fine-tuning");
        }
        this.params = FloatParams.init(arch, seed, batchNorm);
        double[] scales = null;
        if (quantized) {
            scales = new double[arch.weighted().size()];
            java.util.Arrays.fill(scales, 1.0 / 64);
        }
        this.graph = new NetworkGraph(arch, scales, IntegerExport.ACTIVATION_BITS, null, batchNorm);
        all.addAll(params.trainable());
        this.adam = new Adam(all);
    }

    /** Weights of the network, for the report. */
    public long weightCount() {
        return arch.weighted().stream().mapToLong(Architecture.Weighted::weightCount).sum();
    }

    /**
     * Runs {@code steps} training steps; returns the number of images processed. Like {@link Trainer}, it
     * closes the arrays a step makes and asks ND4J for a garbage collection every few steps, so the figure
     * includes what training pays for its native memory.
     */
    public long run(int steps) {
        long n = 0;
        MemoryManager memory = Nd4j.getMemoryManager();
        memory.setOccasionalGcFrequency(Trainer.GC_EVERY_STEPS);
        for (int s = 0; s < steps; s++) {
            int from = (next * batchSize) % Math.max(1, images.size() - batchSize + 1);
            int to = Math.min(images.size(), from + batchSize);
            next++;
            List<INDArray> owned = new ArrayList<>();
            List<INDArray> w = new ArrayList<>();
            for (INDArray x : params.weights) {
                w.add(quantized ? Trainer.own(owned, PowerOfTwo.fakeQuantize(x, 8)) : x);
            }
            graph.setParameters(w, params.biases);
            if (params.hasBatchNorm()) {
                graph.setNormalization(params.gammas, params.betas);
            }
            INDArray x = Trainer.own(owned, Batches.images(images, null, from, to));
            INDArray y = Trainer.own(owned, Batches.oneHot(images, null, from, to));
            var og = graph.step(x, y);
            List<INDArray> grads = new ArrayList<>();
            for (int i = 0; i < params.weights.size(); i++) {
                grads.add(Trainer.own(owned, graph.weightGradient(og, i)));
            }
            for (String b : graph.biasNames()) {
                grads.add(og.getGradients().get(b));
            }
            for (String b : graph.normalizationNames()) {
                grads.add(og.getGradients().get(b));
            }
            adam.apply(all, grads, 1e-3);
            graph.endStep();
            Trainer.release(owned);
            memory.invokeGcOccasionally();
            n += to - from;
        }
        return n;
    }

    /**
     * Frees the arrays this graph keeps for its next step, as {@link Trainer} does at a phase's end: a
     * benchmark that moves on to another graph calls it, so only one graph's arrays are held at a time,
     * as in training.
     */
    public void freeStepArrays() {
        graph.freeStepArrays();
    }
}
