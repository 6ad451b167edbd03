package org.xbarsim.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The float baseline as a distillation teacher: its logits at temperature {@code T}, softened into
 * the targets the student's distillation loss matches.
 */
final class Teacher {
    private final NetworkGraph graph;
    private final TrainOptions.Distillation distillation;

    Teacher(Architecture arch, FloatParams params, TrainOptions.Distillation distillation) {
        this.graph = new NetworkGraph(arch, null, IntegerExport.ACTIVATION_BITS);
        this.graph.setParameters(params.weights, params.biases);
        this.distillation = distillation;
    }

    TrainOptions.Distillation distillation() {
        return distillation;
    }

    /** {@code softmax(t / T)} per image of the batch. */
    INDArray softTargets(INDArray images) {
        INDArray logits = graph.output(images, List.of(NetworkGraph.LOGITS)).get(NetworkGraph.LOGITS);
        INDArray soft = Transforms.softmax(logits.div(distillation.temperature()), false);
        // released now rather than left to the garbage collector, like the rest of a step's arrays
        if (logits.closeable()) {
            logits.close();
        }
        return soft;
    }

    /** {@link #constantLoss(INDArray, TrainOptions.Distillation)} with this teacher's settings. */
    double constantLoss(INDArray softTargets) {
        return constantLoss(softTargets, distillation);
    }

    /**
     * The part of the distillation loss the student cannot change: {@code A T^2 H(p)}, with {@code H(p)}
     * the mean entropy of the soft targets over the batch. The soft term is {@code CE(p, q) = H(p) + KL(p || q)},
     * so without this part it is {@code A T^2 KL(p || q)}, 0 when the student matches the teacher.
     */
    static double constantLoss(INDArray softTargets, TrainOptions.Distillation distillation) {
        // p log p with p clamped away from 0: the term tends to 0 there, and log 0 would give NaN
        INDArray work = Transforms.max(softTargets, 1e-30, true);
        Transforms.log(work, false).muli(softTargets);
        double entropy = -work.sumNumber().doubleValue() / softTargets.rows();
        work.close();
        double t = distillation.temperature();
        return distillation.alpha() * t * t * entropy;
    }
}
