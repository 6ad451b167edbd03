package org.xbarsim.train;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.custom.BitCast;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A ReLU output fake-quantized to the unsigned integers {@code 0..qmax} at a power-of-two scale
 * {@code s}, with the clipped straight-through gradient:
 *
 * <pre>
 *   v = min(relu(z), qmax s)
 *   q = v + bits(round(v * (1/s)) * s - v)      q = round(v / s) * s, exactly
 * </pre>
 *
 * <p>The residual's only way to the loss goes through an int32 reinterpretation of its bits
 * ({@code bitcast} there and back), and SameDiff differentiates only through floating-point variables,
 * so the backward pass sees {@code q = v + constant}: the gradient passes where {@code 0 < z < qmax s}.
 * Written as {@code v + stopGradient(...)}, as before, SameDiff differentiated the whole residual anyway
 * with arrays of zeros ({@code zeroslike}, {@code subtract_bp}, the round's and the scaling's gradients,
 * the sums): fourteen backward ops per layer, now four ({@code add_bp}, and the minimum's
 * {@code lessthan}, {@code cast}, {@code multiply}), and clipping with the ReLU's lower bound
 * ({@code clipbyvalue}) cost two more than the minimum. Multiplying by {@code 1/s} instead of dividing
 * by {@code s} gives the same bits (both round the same exact quotient, {@code s} being a power of two),
 * so the forward values are those of the previous form, bit for bit.
 */
final class ActivationQuantizer {
    private ActivationQuantizer() {
    }

    /**
     * @param a     the ReLU's output
     * @param scale the activation scale, a power of two
     * @param qmax  the largest integer level ({@code 2^bits - 1})
     */
    static SDVariable quantize(SameDiff sd, SDVariable a, double scale, int qmax) {
        if (!(scale > 0) || scale != Math.scalb(1.0, Math.getExponent(scale))) {
            throw new IllegalArgumentException("activation scale must be a power of two: " + scale);
        }
        SDVariable v = new ScalarMin(sd, a, qmax * scale).outputVariable();
        SDVariable residual = sd.math().round(v.mul(1 / scale)).mul(scale).sub(v);
        return v.add(bitcast(sd, bitcast(sd, residual, DataType.INT32), DataType.FLOAT));
    }

    /** The same bits as type {@code t} (of the same width): a value SameDiff does not differentiate through. */
    private static SDVariable bitcast(SameDiff sd, SDVariable x, DataType t) {
        BitCast op = new BitCast(sd, x, sd.constant(Nd4j.scalar(t.toInt())));
        op.addIArgument(t.toInt());
        return op.outputVariable();
    }
}
