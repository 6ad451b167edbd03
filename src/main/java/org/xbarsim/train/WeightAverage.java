package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of parameter arrays (Polyak averaging), updated after every optimizer
 * step: {@code avg = d * avg + (1 - d) * param}. The decay ramps up as {@code min(decay, (1 + k) / (10 + k))}
 * after {@code k} updates, so early updates are not dominated by the starting point. A weight that is zero
 * at the start and after every step (a pruned weight) stays exactly zero in the average.
 */
final class WeightAverage implements AutoCloseable {
    private final List<INDArray> average = new ArrayList<>();
    private final double decay;
    private long updates;

    WeightAverage(List<INDArray> params, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay " + decay + " is not in (0, 1)");
        }
        this.decay = decay;
        for (INDArray p : params) {
            average.add(p.dup());
        }
    }

    /** Folds the current values of {@code params} (same order and shapes as at construction) into the average. */
    void update(List<INDArray> params) {
        updates++;
        double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        for (int i = 0; i < params.size(); i++) {
            try (INDArray part = params.get(i).mul(1 - d)) {
                average.get(i).muli(d).addi(part);
            }
        }
    }

    /** Overwrites {@code params} with the average. */
    void copyInto(List<INDArray> params) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).assign(average.get(i));
        }
    }

    @Override
    public void close() {
        average.forEach(INDArray::close);
    }
}
