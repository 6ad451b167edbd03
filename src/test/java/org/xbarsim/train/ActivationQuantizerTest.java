package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

/** The activation fake quantization: values and straight-through gradients of the form it replaced. */
class ActivationQuantizerTest {
    private static final double SCALE = 1.0 / 64;
    private static final int QMAX = 255;

    /** Pre-activations around every boundary: below zero, ties, just off ties, at and beyond the top. */
    private static float[] preActivations() {
        Random rnd = new Random(7);
        float[] z = new float[20_000];
        for (int i = 0; i < z.length; i++) {
            float k = rnd.nextInt(300) - 20;
            z[i] = switch (i % 6) {
                case 0 -> (float) ((k + 0.5) * SCALE);                        // ties
                case 1 -> Math.nextDown((float) ((k + 0.5) * SCALE));
                case 2 -> Math.nextUp((float) ((k + 0.5) * SCALE));
                case 3 -> (float) (k * SCALE);                                // on the grid (QMAX s at k = 255)
                case 4 -> (float) ((rnd.nextDouble() * 300 - 20) * SCALE);
                default -> i % 12 == 5 ? -0f : 0f;
            };
        }
        return z;
    }

    /** q and dL/dz for L = sum(q * upstream). */
    private static INDArray[] run(float[] z, float[] upstream, BiFunction<SameDiff, SDVariable, SDVariable> quantize) {
        SameDiff sd = SameDiff.create();
        SDVariable zv = sd.var("z", Nd4j.createFromArray(z));
        SDVariable q = sd.identity("q", quantize.apply(sd, zv));
        q.mul(sd.constant(Nd4j.createFromArray(upstream))).sum("loss");
        sd.setLossVariables("loss");
        var og = sd.calculateGradientsAndOutputs(Map.of(), List.of("q"), List.of("z"));
        return new INDArray[] {og.getOutputs().get("q").dup(), og.getGradients().get("z").dup()};
    }

    /** The form before: {@code v + stopGradient(round(v/s)*s - v)}, {@code v = clip(relu(z), 0, qmax s)}. */
    private static SDVariable stopGradientForm(SameDiff sd, SDVariable z) {
        SDVariable v = sd.math().clipByValue(sd.nn().relu(z, 0), 0, QMAX * SCALE);
        SDVariable r = sd.math().round(v.div(SCALE)).mul(SCALE).sub(v);
        return v.add(new StopGradient(sd, r).outputVariable());
    }

    @Test
    void sameValuesAndGradientsAsTheStopGradientForm() {
        float[] z = preActivations();
        float[] up = new float[z.length];
        Random rnd = new Random(11);
        for (int i = 0; i < up.length; i++) {
            up[i] = i % 17 == 0 ? 0f : (float) rnd.nextGaussian();
        }
        INDArray[] before = run(z, up, ActivationQuantizerTest::stopGradientForm);
        INDArray[] now = run(z, up, (sd, z1) -> ActivationQuantizer.quantize(sd, NetworkGraph.relu(sd, z1), SCALE, QMAX));
        float[] qBefore = before[0].toFloatVector();
        float[] qNow = now[0].toFloatVector();
        float[] gBefore = before[1].toFloatVector();
        float[] gNow = now[1].toFloatVector();
        int passed = 0;
        for (int i = 0; i < z.length; i++) {
            assertEquals(Float.floatToIntBits(qBefore[i]), Float.floatToIntBits(qNow[i]), "q bits at z = " + z[i]);
            double expected = Math.round(Math.min(Math.max(z[i], 0), QMAX * SCALE) / SCALE) * SCALE;
            assertEquals(expected, qNow[i], 0, "on the grid at z = " + z[i]);
            // zeros may differ in sign, which changes no later value
            assertEquals(gBefore[i], gNow[i], 0, "gradient at z = " + z[i]);
            boolean inside = z[i] > 0 && z[i] < QMAX * SCALE;
            assertEquals(inside ? up[i] : 0f, gNow[i], 0, "straight through inside the range only, z = " + z[i]);
            passed += inside && up[i] != 0 ? 1 : 0;
        }
        assertTrue(passed > z.length / 2, "most gradients pass");
    }

    @Test
    void onlyPowerOfTwoScales() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.FLOAT, -1);
        assertThrows(IllegalArgumentException.class, () -> ActivationQuantizer.quantize(sd, a, 0.1, QMAX));
        assertThrows(IllegalArgumentException.class, () -> ActivationQuantizer.quantize(sd, a, 0, QMAX));
        // 2^-128 is a power of two whose reciprocal is no float: v * (1/s) would give 0 * inf = NaN
        assertThrows(IllegalArgumentException.class, () -> ActivationQuantizer.quantize(sd, a, Math.scalb(1.0, -128), QMAX));
        assertThrows(IllegalArgumentException.class, () -> ActivationQuantizer.quantize(sd, a, 1.0 / 64, 256));
    }
}
