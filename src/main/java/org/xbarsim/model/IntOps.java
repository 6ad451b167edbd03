package org.xbarsim.model;

/**
 * The integer primitives whose exact semantics the golden engine and the simulated hardware share.
 * Everything here is written down in docs/model-format.md ("Integer semantics").
 */
public final class IntOps {
    private IntOps() {
    }

    /**
     * Arithmetic right shift with round-half-up: {@code floor((v + 2^(s-1)) / 2^s)} for
     * {@code s > 0}, and {@code v} for {@code s == 0}. Halves round toward positive infinity, so
     * {@code roundShift(-3, 1) == -1} and {@code roundShift(3, 1) == 2}.
     */
    public static long roundShift(long v, int s) {
        if (s == 0) {
            return v;
        }
        return Math.addExact(v, 1L << (s - 1)) >> s;
    }

    public static long clamp(long v, long lo, long hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** Rounded division for average pooling: {@code floor((sum + n/2) / n)} with {@code n/2} truncated. */
    public static long roundDiv(long sum, int n) {
        return Math.floorDiv(sum + n / 2, n);
    }
}
