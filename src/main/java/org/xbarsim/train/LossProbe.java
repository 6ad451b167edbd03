package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xbarsim.data.ImageSet;

/**
 * Measures how much pruning one layer hurts: the float network's softmax cross-entropy on a fixed
 * batch of training images, with only that layer's groups masked. {@link BudgetAllocation#LOSS}
 * shares a crossbar budget by these measurements.
 */
final class LossProbe {
    /** Training images in the probe batch (the first ones, in file order). */
    static final int IMAGES = 512;

    private final NetworkGraph graph;
    private final INDArray images;
    private final INDArray labels;

    /** @param batchNorm whether the probed networks have batch norm (normalized with the probe batch's statistics) */
    LossProbe(Architecture arch, ImageSet train, boolean batchNorm) {
        this.graph = new NetworkGraph(arch, null, IntegerExport.ACTIVATION_BITS, null, batchNorm);
        int n = Math.min(IMAGES, train.size());
        this.images = Batches.images(train, null, 0, n);
        this.labels = Batches.oneHot(train, null, 0, n);
    }

    /** The cost of pruning layer {@code i} of {@code p} (as it is now) to a mask: the probe loss. */
    GroupSelector.LayerCost costOf(FloatParams p) {
        return (i, m) -> {
            INDArray[] mask = Trainer.maskArrays(List.of(m)).get(0);
            List<INDArray> w = new ArrayList<>(p.weights);
            List<INDArray> b = new ArrayList<>(p.biases);
            w.set(i, w.get(i).mul(mask[0]));
            b.set(i, b.get(i).mul(mask[1]));
            graph.setParameters(w, b);
            if (p.hasBatchNorm()) {
                List<INDArray> g = new ArrayList<>(p.gammas);
                List<INDArray> be = new ArrayList<>(p.betas);
                if (g.get(i) != null) {
                    g.set(i, g.get(i).mul(mask[1]));
                    be.set(i, be.get(i).mul(mask[1]));
                }
                graph.setNormalization(g, be);
            }
            return graph.loss(images, labels);
        };
    }
}
