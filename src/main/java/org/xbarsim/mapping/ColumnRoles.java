package org.xbarsim.mapping;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The roles of one crossbar's physical columns in the mapper's layout ({@link Mapper}), held as a
 * few numbers and a bit per column for the flip instead of a {@link ColumnRole} each: output
 * {@code i} uses columns {@code [i*k, (i+1)*k)} and serves logical column {@code firstColumn + i};
 * with differential encoding column {@code i*k + 2s} holds slice {@code s} of the positive part and
 * {@code i*k + 2s + 1} of the negative part, with offset encoding column {@code i*k + s} holds slice
 * {@code s}. A mapped VGG-16 has 468,640 physical columns: as records they took 15 MB that lived the
 * whole run (docs/simulation.md, "Sixteenth pass"). An immutable list whose elements are made on
 * each {@link #get}; equal, as a list, to the same roles in any other list.
 */
public final class ColumnRoles extends AbstractList<ColumnRole> implements RandomAccess {
    private final int outputs;
    private final int firstColumn;
    private final int slices;
    private final int bitsPerCell;
    private final boolean differential;
    private final int flipLevel;
    private final long[] flipped; // bit j: column j stored complemented

    /**
     * @param flipped   bit {@code j % 64} of word {@code j / 64} set for a flipped column; copied; null
     *                  when none is
     * @param flipLevel what a flipped column's levels are complemented against, {@code 2^bitsPerCell - 1}
     */
    public ColumnRoles(int outputs, int firstColumn, int slices, int bitsPerCell, boolean differential, long[] flipped,
            int flipLevel) {
        if (outputs < 1 || firstColumn < 0 || slices < 1 || bitsPerCell < 1 || bitsPerCell > 8) {
            throw new IllegalArgumentException("outputs " + outputs + ", first column " + firstColumn + ", slices " + slices
                    + ", bits per cell " + bitsPerCell + ": out of range");
        }
        this.outputs = outputs;
        this.firstColumn = firstColumn;
        this.slices = slices;
        this.bitsPerCell = bitsPerCell;
        this.differential = differential;
        int size = Math.multiplyExact(outputs, perOutput());
        this.flipped = Arrays.copyOf(flipped == null ? new long[0] : flipped, (size + 63) >>> 6);
        if (flipped != null && flipped.length > this.flipped.length
                || (size & 63) != 0 && this.flipped.length > 0 && this.flipped[this.flipped.length - 1] >>> (size & 63) != 0) {
            throw new IllegalArgumentException("a flipped column past the " + size + " columns");
        }
        boolean any = false;
        for (long f : this.flipped) {
            any |= f != 0;
        }
        if (any && (flipLevel < 1 || flipLevel > 255)) {
            throw new IllegalArgumentException("flip level " + flipLevel + " outside [1, 255]");
        }
        this.flipLevel = any ? flipLevel : 0;
    }

    private int perOutput() {
        return differential ? 2 * slices : slices;
    }

    @Override
    public int size() {
        return outputs * perOutput();
    }

    @Override
    public ColumnRole get(int j) {
        java.util.Objects.checkIndex(j, size());
        int k = perOutput();
        int i = j / k;
        int s = slice(j);
        Polarity p = !differential ? Polarity.BIASED : (j % k & 1) == 0 ? Polarity.POSITIVE : Polarity.NEGATIVE;
        return new ColumnRole(i, firstColumn + i, s, s * bitsPerCell, p, flipped(j) ? flipLevel : 0);
    }

    private int slice(int j) {
        int r = j % perOutput();
        return differential ? r >>> 1 : r;
    }

    /** {@code get(j).outputIndex()}, without making the record. */
    public int outputIndex(int j) {
        return j / perOutput();
    }

    /** {@code get(j).shift()}, without making the record. */
    public int shift(int j) {
        return slice(j) * bitsPerCell;
    }

    /** {@code get(j).polarity().sign()}, without making the record. */
    public int sign(int j) {
        return differential && (j % perOutput() & 1) == 1 ? -1 : 1;
    }

    /** {@code get(j).flipLevel()}, without making the record. */
    public int flipLevel(int j) {
        return flipped(j) ? flipLevel : 0;
    }

    /** Whether column {@code j} stores complemented levels; no bounds check beyond the array's. */
    public boolean flipped(int j) {
        return (flipped[j >>> 6] >>> j & 1) != 0;
    }
}
