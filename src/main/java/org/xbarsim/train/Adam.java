package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The Adam optimizer over a list of parameter arrays, in INDArray operations (updates in place). */
final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private final List<INDArray> m = new ArrayList<>();
    private final List<INDArray> v = new ArrayList<>();
    private int step;

    Adam(List<INDArray> params) {
        for (INDArray p : params) {
            m.add(Nd4j.zerosLike(p));
            v.add(Nd4j.zerosLike(p));
        }
    }

    /** Applies one step of learning rate {@code lr}: {@code params[i] -= lr * mhat / (sqrt(vhat) + eps)}. */
    void apply(List<INDArray> params, List<INDArray> grads, double lr) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        for (int i = 0; i < params.size(); i++) {
            INDArray g = grads.get(i);
            // the temporaries are closed at once: a step makes five per parameter
            try (INDArray gm = g.mul(1 - BETA1); INDArray gv = g.mul(g)) {
                m.get(i).muli(BETA1).addi(gm);
                v.get(i).muli(BETA2).addi(gv.muli(1 - BETA2));
            }
            try (INDArray denom = Transforms.sqrt(v.get(i).div(c2), false).addi(EPS);
                 INDArray update = m.get(i).div(c1).divi(denom).muli(lr)) {
                params.get(i).subi(update);
            }
        }
    }
}
