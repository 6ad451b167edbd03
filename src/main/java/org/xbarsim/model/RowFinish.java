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
    private final WeightedLayer.ColumnFinish checked;
    private final long bias;
    private final long multiplier;
    private final int shift;
    private final long half; // 2^(shift-1), or 0 without a shift: roundShift(v, s) == (v + half) >> s
    private final long lo;
    private final long hi;
    // the largest |accumulator| for which the int path is exact: multiplier 1, a shift below 31 and
    // |acc| + |bias| + half within an int; -1 when the column cannot take it
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
        boolean intShaped = multiplier == 1 && shift < 31 && lo <= hi
                && lo >= Integer.MIN_VALUE && hi <= Integer.MAX_VALUE;
        long intRoom = Integer.MAX_VALUE - half - Math.abs(bias);
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
            case INT -> (int) Math.max(lo, Math.min(hi, (acc + (int) (bias + half)) >> shift));
            case LONG -> (int) IntOps.clamp(((acc + bias) * multiplier + half) >> shift, lo, hi);
            case CHECKED -> checked.apply(acc);
        };
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
                acc[p] = Math.max(l, Math.min(h, (acc[p] + add) >> s));
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
