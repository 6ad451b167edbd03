package org.xbarsim.train;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.data.SyntheticData;

class SmokeTest {
    static final Map<String, Long> T = new TreeMap<>();
    static long start;

    @Test
    void smoke() {
        ImageSet train = SyntheticData.generate(1, Split.TRAIN, 2000);
        Architecture a = Architecture.of("lenet5", train.shape(), 10, 1);
        FloatParams p = FloatParams.init(a, 1);
        NetworkGraph g = new NetworkGraph(a, null, 8);
        g.setParameters(p.weights, p.biases);
        var x = Batches.images(train, null, 0, 256);
        var y = Batches.oneHot(train, null, 0, 256);
        g.step(x, y);
        g.sameDiff().addListeners(new BaseListener() {
            @Override
            public boolean isActive(Operation operation) {
                return true;
            }

            @Override
            public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext c) {
                start = System.nanoTime();
            }

            @Override
            public void opExecution(SameDiff sd, At at, MultiDataSet b, SameDiffOp op, OpContext c, INDArray[] o) {
                T.merge(op.getOp().opName(), System.nanoTime() - start, Long::sum);
            }
        });
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            g.step(x, y);
        }
        System.err.println("step ms " + (System.nanoTime() - t0) / 5e6);
        T.forEach((k, v) -> System.err.println("op " + k + " " + v / 5e6));
    }
}
