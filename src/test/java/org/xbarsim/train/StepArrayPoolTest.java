package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;

/** A training step's arrays serving the next step, and training with them giving the same bits. */
class StepArrayPoolTest {
    private static LongShapeDescriptor shape(long... s) {
        return LongShapeDescriptor.fromShape(s, DataType.FLOAT);
    }

    @Test
    void anArrayServesAgainOnlyAfterTheStepEndsOrTheSessionReleasesIt() {
        StepArrayPool pool = new StepArrayPool();
        pool.beginStep();
        INDArray a = pool.allocate(false, shape(4, 3));
        INDArray b = pool.allocate(false, shape(4, 3));
        assertNotSame(a, b);
        INDArray c = pool.allocate(false, shape(2, 6));
        pool.release(b);
        assertSame(b, pool.allocate(false, shape(4, 3)), "released within the step: reused");
        assertNotSame(a, pool.allocate(false, shape(4, 3)), "still in use: not handed out twice");
        pool.endStep();

        pool.beginStep();
        List<INDArray> next = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            next.add(pool.allocate(false, shape(4, 3)));
        }
        assertTrue(next.stream().anyMatch(x -> x == a), "the last step's arrays serve this one");
        assertTrue(next.stream().anyMatch(x -> x == b));
        assertEquals(3, next.stream().map(System::identityHashCode).distinct().count(), "three different arrays");
        pool.endStep();
        // c's shape was not asked for in the second step: freed at its end
        assertTrue(c.wasClosed());
        assertTrue(!a.wasClosed());
        pool.close();
        assertTrue(a.wasClosed());
    }

    @Test
    void typesAndShapesAreNotMixed() {
        StepArrayPool pool = new StepArrayPool();
        INDArray f = pool.allocate(false, shape(8));
        pool.endStep();
        INDArray d = pool.allocate(false, LongShapeDescriptor.fromShape(new long[] {8}, DataType.DOUBLE));
        INDArray g = pool.allocate(false, shape(2, 4));
        assertNotSame(f, d);
        assertNotSame(f, g);
        assertEquals(DataType.DOUBLE, d.dataType());
        assertArrayEquals(new long[] {2, 4}, g.shape());
        pool.close();
    }

    /** Steps whose arrays are reused train to the same bits as steps whose arrays are all new. */
    @Test
    void trainingWithReusedArraysGivesTheSameBits() {
        ImageSet data = DataSets.load("synthetic", null, Split.TRAIN).first(40);
        Architecture arch = Architecture.of("lenet5", data.shape(), data.numClasses(), 1);
        double[] scales = new double[arch.weighted().size()];
        java.util.Arrays.fill(scales, 1.0 / 64);
        float[] reused = train(arch, data, scales, true);
        float[] fresh = train(arch, data, scales, false);
        assertArrayEquals(fresh, reused);
    }

    /** Five fake-quantized steps on batches of 16, 16 and 8 images (so a smaller last batch too). */
    private static float[] train(Architecture arch, ImageSet data, double[] scales, boolean endSteps) {
        FloatParams p = FloatParams.init(arch, 5);
        NetworkGraph graph = new NetworkGraph(arch, scales, 8);
        List<INDArray> params = p.trainable();
        Adam adam = new Adam(params);
        for (int s = 0; s < 5; s++) {
            int from = (s % 3) * 16;
            int to = Math.min(data.size(), from + 16);
            List<INDArray> fq = new ArrayList<>();
            p.weights.forEach(w -> fq.add(PowerOfTwo.fakeQuantize(w, 8)));
            graph.setParameters(fq, p.biases);
            OutAndGrad og = graph.step(Batches.images(data, null, from, to), Batches.oneHot(data, null, from, to));
            List<INDArray> grads = new ArrayList<>();
            for (int i = 0; i < p.weights.size(); i++) {
                grads.add(graph.weightGradient(og, i));
            }
            graph.biasNames().forEach(b -> grads.add(og.getGradients().get(b)));
            adam.apply(params, grads, 1e-3);
            if (endSteps) {
                graph.endStep();
            }
        }
        List<Float> all = new ArrayList<>();
        for (INDArray a : params) {
            for (float v : a.dup().data().asFloat()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
