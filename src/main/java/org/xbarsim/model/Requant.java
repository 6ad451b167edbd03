package org.xbarsim.model;

/**
 * Requantization of an accumulator: {@code roundShift((acc + bias) * multiplier, shift)}.
 *
 * <p>{@code multiplier == 1} is the multiplier-free (power-of-two) case that the shift-add stage
 * applies for free; any other multiplier needs a digital multiplier per output path, which the
 * cost model charges for. See docs/model-format.md for the exact semantics.
 */
public record Requant(long multiplier, int shift) {
    /** Largest multiplier accepted: products stay inside a signed 64-bit value for 32-bit inputs. */
    public static final long MAX_MULTIPLIER = (1L << 31) - 1;

    public Requant {
        if (multiplier < 1 || multiplier > MAX_MULTIPLIER) {
            throw new IllegalArgumentException("multiplier = " + multiplier + ": must be in [1, 2^31-1]");
        }
        if (shift < 0 || shift > 62) {
            throw new IllegalArgumentException("shift = " + shift + ": must be in [0, 62]");
        }
    }

    public static Requant shiftOnly(int shift) {
        return new Requant(1, shift);
    }

    public boolean isPowerOfTwo() {
        return multiplier == 1;
    }

    /** {@code roundShift(value * multiplier, shift)}, before clamping. */
    public long apply(long value) {
        return IntOps.roundShift(Math.multiplyExact(value, multiplier), shift);
    }
}
