package org.xbarsim.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Power-of-two scales and the signed weight grid they define, shared by fine-tuning and export. */
final class PowerOfTwo {
    private PowerOfTwo() {
    }

    /** Smallest {@code e} with {@code maxAbs <= qmax * 2^e}. */
    static int scaleLog2(double maxAbs, double qmax) {
        if (!(maxAbs > 0)) {
            return -16;
        }
        return (int) Math.ceil(Math.log(maxAbs / qmax) / Math.log(2) - 1e-12);
    }

    static int weightScaleLog2(INDArray w, int bits) {
        return scaleLog2(w.amaxNumber().doubleValue(), (1 << (bits - 1)) - 1);
    }

    /** Integer codes {@code clamp(round(w / 2^e), -qmax, qmax)} (as floats). */
    static INDArray codes(INDArray w, int e, int bits) {
        double qmax = (1 << (bits - 1)) - 1;
        INDArray q = Transforms.round(w.mul(Math.pow(2, -e)), false);
        return Transforms.min(Transforms.max(q, -qmax, false), qmax, false);
    }

    /** The fake-quantized weights {@code codes * 2^e} that quantization-aware training feeds forward. */
    static INDArray fakeQuantize(INDArray w, int bits) {
        int e = weightScaleLog2(w, bits);
        return codes(w, e, bits).muli(Math.pow(2, e));
    }
}
