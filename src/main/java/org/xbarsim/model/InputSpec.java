package org.xbarsim.model;

/**
 * How raw input values (unsigned bytes 0..255 for the image data sets) become the unsigned
 * integers the first layer consumes: {@code q = clamp(raw >> shift, 0, 2^bits - 1)}.
 * The real value the network was trained on is {@code q * 2^scaleLog2}.
 */
public record InputSpec(Shape shape, int bits, int shift, int scaleLog2) {
    public InputSpec {
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("input bits = " + bits + ": must be in [1, 16]");
        }
        if (shift < 0 || shift > 16) {
            throw new IllegalArgumentException("input shift = " + shift + ": must be in [0, 16]");
        }
    }

    /** Quantizes raw values (CHW order) into the first layer's input. */
    public int[] quantize(int[] raw) {
        if (raw.length != shape.size()) {
            throw new IllegalArgumentException("input has " + raw.length + " values, the model expects "
                    + shape.size() + " (" + shape + ")");
        }
        int[] q = new int[raw.length];
        long hi = (1L << bits) - 1;
        for (int i = 0; i < raw.length; i++) {
            q[i] = (int) IntOps.clamp(raw[i] >> shift, 0, hi);
        }
        return q;
    }
}
