package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;

/**
 * The Adam optimizer over a list of parameter arrays, through ND4J's own updater (one fused native
 * op per parameter; measured about 4x less time per step than the ten array operations of the
 * hand-written version it replaced, docs/speed.md). Updates the parameters in place.
 */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private final org.nd4j.linalg.learning.config.Adam config = new org.nd4j.linalg.learning.config.Adam(1e-3, BETA1, BETA2, EPS);
    private final List<AdamUpdater> updaters = new ArrayList<>();
    private int step;

    Adam(List<INDArray> params) {
        for (INDArray p : params) {
            AdamUpdater u = new AdamUpdater(config);
            // the state (first and second moments) lives in one zeroed array per parameter
            u.setStateViewArray(Nd4j.zeros(p.dataType(), 1, 2 * p.length()), p.shape(), p.ordering(), true);
            updaters.add(u);
        }
    }

    /**
     * Applies one step of learning rate {@code lr}:
     * {@code params[i] -= lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)}. The gradient
     * arrays are overwritten with the updates.
     */
    void apply(List<INDArray> params, List<INDArray> grads, double lr) {
        config.setLearningRate(lr);
        for (int i = 0; i < params.size(); i++) {
            INDArray g = grads.get(i);
            updaters.get(i).applyUpdater(g, step, 0);
            params.get(i).subi(g);
        }
        step++;
    }
}
