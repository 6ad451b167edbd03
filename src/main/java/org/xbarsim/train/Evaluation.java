package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xbarsim.data.ImageSet;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ParallelEvaluation;

/** Accuracy of float networks (ND4J) and of integer models (the golden engine), and activation ranges. */
final class Evaluation {
    static final int BATCH = 500;

    private Evaluation() {
    }

    /** Top-1 accuracy of the network given by {@code graph} (parameters already set). */
    static double floatAccuracy(NetworkGraph graph, ImageSet set) {
        long correct = 0;
        for (int from = 0; from < set.size(); from += BATCH) {
            int to = Math.min(set.size(), from + BATCH);
            INDArray logits = graph.output(Batches.images(set, null, from, to), List.of(NetworkGraph.LOGITS))
                    .get(NetworkGraph.LOGITS);
            INDArray truth = Batches.oneHot(set, null, from, to).argMax(1);
            correct += logits.argMax(1).eq(truth).castTo(DataType.INT32).sumNumber().longValue();
        }
        return (double) correct / set.size();
    }

    /** Top-1 accuracy of an integer model, measured with the golden engine (the lowest index wins ties). */
    static double integerAccuracy(IntModel model, ImageSet set) {
        int[] predicted = ParallelEvaluation.predict(new GoldenEngine(model), set.size(), set::image,
                Runtime.getRuntime().availableProcessors(), null);
        long correct = IntStream.range(0, set.size()).filter(i -> predicted[i] == set.label(i)).count();
        return (double) correct / set.size();
    }

    /** Activation and logit ranges on calibration images. */
    record Ranges(double[] activationMax, double maxAbsLogit) {
    }

    static Ranges ranges(NetworkGraph graph, ImageSet calibration) {
        List<String> names = new ArrayList<>(graph.activationNames());
        names.add(NetworkGraph.LOGITS);
        double[] max = new double[graph.activationNames().size()];
        double logit = 0;
        for (int from = 0; from < calibration.size(); from += BATCH) {
            int to = Math.min(calibration.size(), from + BATCH);
            Map<String, INDArray> out = graph.output(Batches.images(calibration, null, from, to), names);
            for (int i = 0; i < max.length; i++) {
                max[i] = Math.max(max[i], out.get(names.get(i)).maxNumber().doubleValue());
            }
            logit = Math.max(logit, out.get(NetworkGraph.LOGITS).amaxNumber().doubleValue());
        }
        return new Ranges(max, logit);
    }
}
