package org.xbarsim.mapping;

/**
 * What one physical column of a crossbar holds.
 *
 * <p>A flipped column (ISAAC's encoding, Shafiee et al., ISCA 2016) stores the complement
 * {@code flipLevel - level} of every level, {@code flipLevel = 2^c - 1} for {@code c}-bit cells, so
 * its sensed sum over inputs {@code x} is {@code flipLevel * sum(x) - trueSum}; {@link #trueSum}
 * undoes that. The mapper flips a column when its levels sum to more than half their maximum over
 * the crossbar's used rows, which keeps every sensed sum at or below half.
 *
 * @param outputIndex   index into the crossbar's {@link CrossbarPlacement#outputColumns()}
 * @param logicalColumn the layer's logical output column (matrix column) it contributes to
 * @param slice         bit slice of the stored value, 0 = least significant
 * @param shift         left shift that gives the slice its significance: {@code slice * bitsPerCell}
 * @param polarity      sign of its contribution (differential pair) or {@link Polarity#BIASED} (offset)
 * @param flipLevel     0 for a plain column; {@code 2^c - 1} for a flipped (complemented) column
 */
public record ColumnRole(int outputIndex, int logicalColumn, int slice, int shift, Polarity polarity, int flipLevel) {
    public ColumnRole {
        if (flipLevel < 0 || flipLevel > 255) {
            throw new IllegalArgumentException("flip level " + flipLevel + " outside [0, 255]");
        }
    }

    /** A plain (not flipped) column. */
    public ColumnRole(int outputIndex, int logicalColumn, int slice, int shift, Polarity polarity) {
        this(outputIndex, logicalColumn, slice, shift, polarity, 0);
    }

    /** True when the column stores complemented levels. */
    public boolean flipped() {
        return flipLevel != 0;
    }

    /** The level the column represents for a stored cell level (undoes the complement). */
    public int level(int stored) {
        return flipped() ? flipLevel - stored : stored;
    }

    /**
     * The column's true sum from its sensed (or converted) sum, {@code inputSum} being the sum of the
     * inputs on the crossbar's used rows that produced it (for one bit-plane: their popcount).
     */
    public long trueSum(long sensed, long inputSum) {
        return flipped() ? flipLevel * inputSum - sensed : sensed;
    }
}
