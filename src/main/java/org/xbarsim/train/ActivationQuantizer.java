package org.xbarsim.train;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.custom.BitCast;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A ReLU's output {@code a = max(z, 0)} ({@link NetworkGraph#relu}) fake-quantized to the unsigned
 * integers {@code 0..qmax} at a power-of-two scale {@code s}, with the clipped straight-through
 * gradient:
 *
 * <pre>
 *   v = min(a, qmax s)
 *   q = v + bits(floor(v * (1/s) + H) * s - v)     H = 0.5 - 2^-25;  q = round(v / s) * s, exactly
 * </pre>
 *
 * <p>The residual reaches the loss only through an int32 reinterpretation of its bits ({@code bitcast}
 * there and back), and SameDiff differentiates only through floating-point variables, so the backward
 * pass sees {@code q = v + constant}: the gradient passes where {@code 0 < z < qmax s}. Written as
 * {@code v + stopGradient(...)} before, SameDiff differentiated the whole residual anyway, with arrays
 * of zeros: fourteen backward ops per layer, now six ({@code add_bp}, and each bound's comparison,
 * {@code cast} and {@code multiply}, which together cost ND4J less than {@code relu}'s one
 * {@code thresholdedrelu_bp}).
 *
 * <p>Same bits as {@code round(min(relu(z), qmax s) / s) * s}: multiplying by {@code 1/s} rounds the
 * same exact quotient as dividing by {@code s}; ND4J's {@code round} (half away from zero, about six
 * times slower than {@code floor}) equals {@code floor(t + H)} for every float {@code t} in
 * {@code [0, qmax]} (checked for all of them; {@code floor(t + 0.5)} is off at {@code t = H}, where
 * {@code t + 0.5} rounds up to 1); and {@code max(z, 0)} differs from {@code relu(z)} only in the sign
 * of a zero, which the sum {@code v + residual} makes {@code +0} either way.
 */
final class ActivationQuantizer {
    /** The largest float below 1/2: {@code floor(t + H)} rounds {@code t >= 0} half away from zero. */
    static final double HALF_DOWN = Math.nextDown(0.5f);

    private ActivationQuantizer() {
    }

    /**
     * @param a     the ReLU's output
     * @param scale the activation scale, a power of two
     * @param qmax  the largest integer level ({@code 2^bits - 1}), at most 255
     */
    static SDVariable quantize(SameDiff sd, SDVariable a, double scale, int qmax) {
        if (!(scale > 0) || scale != Math.scalb(1.0, Math.getExponent(scale))) {
            throw new IllegalArgumentException("activation scale must be a power of two: " + scale);
        }
        if (Float.isInfinite((float) (1 / scale))) {
            // the graph multiplies float activations by 1/s: both must be floats
            throw new IllegalArgumentException("activation scale outside the float range: " + scale);
        }
        if (qmax < 1 || qmax > 255) {
            throw new IllegalArgumentException("levels checked up to 255: " + qmax);
        }
        SDVariable v = new ScalarMin(sd, a, qmax * scale).outputVariable();
        SDVariable levels = sd.math().floor(v.mul(1 / scale).add(HALF_DOWN));
        SDVariable residual = levels.mul(scale).sub(v);
        return v.add(bitcast(sd, bitcast(sd, residual, DataType.INT32), DataType.FLOAT));
    }

    /** The same bits as type {@code t} (of the same width): a value SameDiff does not differentiate through. */
    private static SDVariable bitcast(SameDiff sd, SDVariable x, DataType t) {
        BitCast op = new BitCast(sd, x, sd.constant(Nd4j.scalar(t.toInt())));
        op.addIArgument(t.toInt());
        return op.outputVariable();
    }
}
