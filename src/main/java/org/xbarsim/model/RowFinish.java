package org.xbarsim.model;

/**
 * One output column's function ({@link WeightedLayer.ColumnFinish}: bias, requantization, clamp)
 * applied in place to a row of int accumulators, without the overflow checks where bounds known in
 * advance prove that no intermediate value can leave its type. The caller passes the largest
 * {@code |accumulator|} the row can hold; up to {@link #intLimit} the whole function runs on ints (a
 * loop the JIT vectorizes), up to {@link #longLimit} on longs, and beyond that through the checked
 * {@link WeightedLayer.ColumnFinish}, which names the layer and column when a value does overflow.
 * All three give the same results wherever the unchecked ones are used.
 */
final class RowFinish {
    private static final long INT_ROOM = (1L << 30) - 1;
    private static final long INT_CLAMP = 1L << 29;

    private final WeightedLayer.ColumnFinish checked;
    private final long bias;
    private final long multiplier;
    private final int shift;
    private final long half; // 2^(shift-1), or 0 without a shift: roundShift(v, s) == (v + half) >> s
    private final long lo;
    private final long hi;
    // the largest |accumulator| for which the int path is exact: multiplier 1, a shift below 31,
    // |acc| + |bias| + half below 2^30 and limits within 2^29, so that no step of intOutput leaves an
    // int; -1 when the column cannot take it
    private final long intLimit;
    // the largest |accumulator| for which (|acc| + |bias|) * multiplier + half stays within a long
    private final long longLimit;

    RowFinish(WeightedLayer.ColumnFinish checked) {
        this.checked = checked;
        this.bias = checked.bias();
        this.multiplier = checked.requant().multiplier();
        this.shift = checked.requant().shift();
        this.half = shift == 0 ? 0 : 1L << (shift - 1);
        this.lo = checked.lo();
        this.hi = checked.hi();
        boolean intShaped = multiplier == 1 && shift < 31 && lo <= hi && lo >= -INT_CLAMP && hi <= INT_CLAMP;
        long intRoom = INT_ROOM - half - Math.abs(bias);
        this.intLimit = intShaped && intRoom >= 0 ? intRoom : -1;
        long longRoom = (Long.MAX_VALUE - half) / multiplier - Math.abs(bias);
        this.longLimit = longRoom >= 0 ? longRoom : -1;
    }

    /** How the output function runs for accumulators of a given magnitude. */
    enum Path { INT, LONG, CHECKED }

    /** The path for accumulators of magnitude at most {@code maxAbsAcc}. */
    Path path(long maxAbsAcc) {
        return maxAbsAcc <= intLimit ? Path.INT : maxAbsAcc <= longLimit ? Path.LONG : Path.CHECKED;
    }

    /** The column's output for one accumulator of magnitude at most {@code maxAbsAcc}. */
    int apply(int acc, long maxAbsAcc) {
        return switch (path(maxAbsAcc)) {
            case INT -> intOutput(acc, (int) (bias + half), shift, (int) lo, (int) hi);
            case LONG -> (int) IntOps.clamp(((acc + bias) * multiplier + half) >> shift, lo, hi);
            case CHECKED -> checked.apply(acc);
        };
    }

    /**
     * {@code clamp((acc + add) >> s, l, h)} with {@code l <= h}, written with shifts and masks
     * ({@code max(d, 0) == d & ~(d >> 31)}) rather than {@code Math.max} and {@code Math.min}, which the
     * JIT of Java 17 does not vectorize (measured 7 times slower over a row). Exact when no
     * difference below leaves an int, which {@link #intLimit} ensures.
     */
    private static int intOutput(int acc, int add, int s, int l, int h) {
        int v = (acc + add) >> s;
        int below = v - l;
        v = l + (below & ~(below >> 31)); // max(v, l)
        int above = h - v;
        return h - (above & ~(above >> 31)); // min(v, h)
    }

    /**
     * Replaces {@code acc[0 .. n-1]} by the column's outputs.
     *
     * @param maxAbsAcc an upper bound of {@code |acc[p]|} over the row
     * @throws LayerOverflowException as {@link WeightedLayer.ColumnFinish#apply} does
     */
    void apply(int[] acc, int n, long maxAbsAcc) {
        Path path = path(maxAbsAcc);
        if (path == Path.INT) {
            int add = (int) (bias + half);
            int s = shift;
            int l = (int) lo;
            int h = (int) hi;
            for (int p = 0; p < n; p++) {
                acc[p] = intOutput(acc[p], add, s, l, h);
            }
        } else if (path == Path.LONG) {
            for (int p = 0; p < n; p++) {
                long v = ((acc[p] + bias) * multiplier + half) >> shift;
                acc[p] = (int) IntOps.clamp(v, lo, hi);
            }
        } else {
            for (int p = 0; p < n; p++) {
                acc[p] = checked.apply(acc[p]);
            }
        }
    }
}
