package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.xbarsim.model.Shape;

/**
 * The first convolution's own backward pass ({@link InputLayerGradient}) against ND4J's {@code
 * conv2d_bp}: the same weight and bias gradients up to float rounding (the sums run in another
 * order), every other gradient, the loss and the logits bit for bit.
 */
class InputLayerGradientTest {

    @ParameterizedTest(name = "{0}, {1} channels, batch {2}, quantized {3}")
    @CsvSource({"lenet5, 1, 13, false", "lenet5, 1, 128, true", "vgg-small, 1, 9, false", "vgg16, 3, 5, false"})
    void sameGradientsAsConv2dBp(String name, int channels, int batch, boolean quantized) {
        int side = name.equals("vgg16") ? 32 : 28;
        Architecture arch = Architecture.of(name, new Shape(channels, side, side), 10, name.equals("lenet5") ? 1 : 0.25);
        double[] scales = null;
        if (quantized) {
            scales = new double[arch.weighted().size()];
            java.util.Arrays.fill(scales, 1.0 / 16);
        }
        Random rnd = new Random(name.hashCode() + batch);
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> biases = new ArrayList<>();
        for (Architecture.Weighted w : arch.weighted()) {
            weights.add(gaussian(rnd, 0.3, w.paramShape()));
            biases.add(gaussian(rnd, 0.1, w.outChannels()));
        }
        INDArray x = gaussian(rnd, 1, batch, channels, side, side);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, rnd.nextInt(10), 1f);
        }

        OutAndGrad[] og = new OutAndGrad[2];
        float[][] logits = new float[2][];
        float[] loss = new float[2];
        List<List<INDArray>> grads = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            NetworkGraph g = new NetworkGraph(arch, scales, 8, null, false, k == 1);
            g.setParameters(weights, biases);
            OpCounter executed = new OpCounter();
            g.sameDiff().setListeners(executed);
            og[k] = g.step(x, y);
            assertEquals(countConvs(arch) - k, executed.count("conv2d_bp"),
                    "conv2d_bp runs for every convolution but the input layer's own gradient");
            assertEquals(countConvs(arch) + k, executed.count("conv2d"),
                    "the forward convolutions, and the input layer's weight gradient as one more");
            List<INDArray> all = new ArrayList<>();
            for (int i = 0; i < weights.size(); i++) {
                all.add(g.weightGradient(og[k], i));
                all.add(og[k].getGradients().get(g.biasNames().get(i)).dup());
            }
            grads.add(all);
            logits[k] = og[k].getOutputs().get(NetworkGraph.LOGITS).dup().data().asFloat();
            loss[k] = og[k].getOutputs().get(NetworkGraph.LOSS).getFloat(0);
            g.endStep();
        }
        assertArrayEquals(logits[0], logits[1]);
        assertEquals(loss[0], loss[1]);
        for (int i = 0; i < grads.get(0).size(); i++) {
            float[] reference = grads.get(0).get(i).data().asFloat();
            float[] own = grads.get(1).get(i).data().asFloat();
            if (i < 2) {
                double scale = 0;
                double worst = 0;
                for (int j = 0; j < reference.length; j++) {
                    scale = Math.max(scale, Math.abs(reference[j]));
                    worst = Math.max(worst, Math.abs(reference[j] - own[j]));
                }
                assertTrue(scale > 0, "a non-zero gradient to compare");
                assertTrue(worst <= 1e-5 * scale, (i == 0 ? "weight" : "bias") + " gradient off by " + worst + " of " + scale);
            } else {
                assertArrayEquals(reference, own, "gradient " + i + " changed");
            }
        }
    }

    /** Counts the ops a step executes, by name. */
    private static final class OpCounter extends BaseListener {
        private final Map<String, Integer> counts = new HashMap<>();

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext context, INDArray[] outputs) {
            counts.merge(op.getOp().opName(), 1, Integer::sum);
        }

        long count(String opName) {
            return counts.getOrDefault(opName, 0);
        }
    }

    private static long countConvs(Architecture arch) {
        return arch.weighted().stream().filter(Architecture.Weighted::isConv).count();
    }

    private static INDArray gaussian(Random rnd, double sd, long... shape) {
        INDArray a = Nd4j.create(DataType.FLOAT, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, (float) (rnd.nextGaussian() * sd));
        }
        return a;
    }
}
