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
        return Transforms.softmax(logits.div(distillation.temperature()), false);
    }
}
