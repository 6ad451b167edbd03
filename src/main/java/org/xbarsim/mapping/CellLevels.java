package org.xbarsim.mapping;

import java.util.Arrays;

/**
 * The levels programmed into the used part of one crossbar: {@code rows x columns} cells, each an
 * unsigned level in {@code [0, 2^bitsPerCell - 1]} (at most 8 bits, so one byte per cell).
 * Immutable, with value equality.
 */
public final class CellLevels {
    private final int rows;
    private final int columns;
    private final byte[] levels;

    private CellLevels(int rows, int columns, byte[] levels) {
        this.rows = rows;
        this.columns = columns;
        this.levels = levels;
    }

    /** Copies {@code levels}, row-major, each in [0, 255]. */
    public static CellLevels of(int rows, int columns, int[] levels) {
        if (levels.length != rows * columns) {
            throw new IllegalArgumentException(levels.length + " levels for " + rows + "x" + columns + " cells");
        }
        byte[] b = new byte[levels.length];
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] < 0 || levels[i] > 255) {
                throw new IllegalArgumentException("cell level " + levels[i] + " outside [0, 255]");
            }
            b[i] = (byte) levels[i];
        }
        return new CellLevels(rows, columns, b);
    }

    /** Takes ownership of {@code levels} (row-major, unsigned bytes). */
    static CellLevels wrap(int rows, int columns, byte[] levels) {
        return new CellLevels(rows, columns, levels);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Level of the cell on used physical row {@code row} and physical column {@code column}. */
    public int get(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("cell (" + row + ", " + column + ") outside " + rows + "x" + columns);
        }
        return levels[row * columns + column] & 0xFF;
    }

    /** Copies row {@code row}'s {@link #columns()} levels (unsigned bytes) into {@code dest} from index 0. */
    public void copyRow(int row, byte[] dest) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " outside " + rows + " rows");
        }
        System.arraycopy(levels, row * columns, dest, 0, columns);
    }

    /**
     * Copies rows {@code [first, first + count)} (row-major, unsigned bytes) into {@code dest} from
     * index 0: {@code count * columns()} bytes.
     */
    public void copyRows(int first, int count, byte[] dest) {
        if (first < 0 || count < 0 || first + count > rows) {
            throw new IndexOutOfBoundsException("rows " + first + " to " + (first + count - 1) + " outside " + rows + " rows");
        }
        System.arraycopy(levels, first * columns, dest, 0, count * columns);
    }

    /** A copy of the levels, row-major, as unsigned bytes. */
    public byte[] toBytes() {
        return levels.clone();
    }

    /** Number of cells holding a non-zero level. */
    public long nonZeroCells() {
        long n = 0;
        for (byte b : levels) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellLevels c && rows == c.rows && columns == c.columns && Arrays.equals(levels, c.levels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + columns) + Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "CellLevels[" + rows + "x" + columns + "]";
    }
}
