package org.xbarsim.mapping;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The levels programmed into the used part of one crossbar: {@code rows x columns} cells, each an
 * unsigned level in {@code [0, 2^bits - 1]} (at most 8 bits). Immutable, with value equality.
 *
 * <p>Held as bit-planes over rows, the layout the crossbar model reads ({@link #planes}): a 128 x 128
 * crossbar of 2-bit cells takes 4 KB instead of 16 KB at one byte per cell, and the crossbar model
 * need not build the planes again on the simulation's thread (docs/simulation.md, "Fifteenth pass").
 */
public final class CellLevels {
    private final int rows;
    private final int columns;
    private final int bits;
    private final int words;
    private final long[] planes; // [(q * words + w) * columns + j]: bit i is bit q of the level of (row 64 w + i, column j)

    private CellLevels(int rows, int columns, int bits, long[] planes) {
        this.rows = rows;
        this.columns = columns;
        this.bits = bits;
        this.words = wordsFor(rows);
        this.planes = planes;
    }

    /** Words of 64 rows that hold {@code rows} rows. */
    public static int wordsFor(int rows) {
        return (rows + 63) >>> 6;
    }

    /** Copies {@code levels}, row-major, each in [0, 255]. */
    public static CellLevels of(int rows, int columns, int[] levels) {
        if (levels.length != rows * columns) {
            throw new IllegalArgumentException(levels.length + " levels for " + rows + "x" + columns + " cells");
        }
        byte[] b = new byte[levels.length];
        int any = 0;
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] < 0 || levels[i] > 255) {
                throw new IllegalArgumentException("cell level " + levels[i] + " outside [0, 255]");
            }
            b[i] = (byte) levels[i];
            any |= levels[i];
        }
        return fromBytes(rows, columns, Math.max(1, 32 - Integer.numberOfLeadingZeros(any)), b);
    }

    /**
     * {@code levels} (row-major, unsigned bytes, each below {@code 2^bits}), as bit-planes; the array is
     * not kept. The mapper writes its planes itself ({@link #ofPlanes}); the tests build levels of a
     * given width with this.
     */
    static CellLevels wrap(int rows, int columns, int bits, byte[] levels) {
        if (levels.length != rows * columns) {
            throw new IllegalArgumentException(levels.length + " levels for " + rows + "x" + columns + " cells");
        }
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bits per cell = " + bits + ": must be 1 to 8");
        }
        return fromBytes(rows, columns, bits, levels);
    }

    /**
     * Levels already held as {@code bits} bit-planes in the layout of {@link #planes}; the array is kept
     * (the caller must not change it). Refuses an array of another length or a bit set past the last row.
     */
    static CellLevels ofPlanes(int rows, int columns, int bits, long[] planes) {
        if (rows < 1 || columns < 1 || bits < 1 || bits > 8) {
            throw new IllegalArgumentException(rows + "x" + columns + " cells of " + bits + " bits: out of range");
        }
        int words = wordsFor(rows);
        if (planes.length != bits * words * columns) {
            throw new IllegalArgumentException(planes.length + " plane words for " + rows + "x" + columns + " cells of " + bits
                    + " bits (" + bits * words * columns + " expected)");
        }
        if ((rows & 63) != 0) {
            long past = -1L << (rows & 63); // rows of the last word past the last row
            for (int q = 0; q < bits; q++) {
                int base = (q * words + words - 1) * columns;
                for (int j = 0; j < columns; j++) {
                    if ((planes[base + j] & past) != 0) {
                        throw new IllegalArgumentException("plane " + q + ", column " + j + ": a bit past row " + (rows - 1));
                    }
                }
            }
        }
        return new CellLevels(rows, columns, bits, planes);
    }

    private static CellLevels fromBytes(int rows, int columns, int bits, byte[] levels) {
        int words = wordsFor(rows);
        long[] m = new long[bits * words * columns];
        int blocked = columns & ~7;
        long any = 0; // the bits of every level at once: checked after the transpose, which drops bits past bits
        for (int a = 0; a < rows; a += 8) {
            int n = Math.min(8, rows - a);
            int row0 = a * columns;
            int shift = a & 63; // the 8 rows a .. a+7 lie in one word of rows
            for (int j = 0; j < blocked; j += 8) {
                for (int q = 0; q < bits; q++) {
                    // byte c of y: bit i is cell bit q of (row a + i, column j + c), so each byte is
                    // the 8 rows' bits of one column (an 8 x 8 bit transpose)
                    long y = 0;
                    for (int i = 0; i < n; i++) {
                        long eight = (long) EIGHT_LEVELS.get(levels, row0 + i * columns + j);
                        any |= eight;
                        y |= ((eight >>> q) & 0x0101010101010101L) << i;
                    }
                    int base = (q * words + (a >>> 6)) * columns + j;
                    for (int c = 0; c < 8; c++) {
                        m[base + c] |= ((y >>> (8 * c)) & 0xFFL) << shift;
                    }
                }
            }
            for (int i = 0; i < n; i++) { // the last columns % 8 columns, cell by cell
                for (int j = blocked; j < columns; j++) {
                    int level = levels[row0 + i * columns + j] & 0xFF;
                    any |= level;
                    for (int q = 0; q < bits; q++) {
                        m[(q * words + ((a + i) >>> 6)) * columns + j] |= (long) ((level >>> q) & 1) << ((a + i) & 63);
                    }
                }
            }
        }
        long high = 0x0101010101010101L * (0xFF & ~((1 << bits) - 1)); // the bits no level may have, in each byte
        if ((any & high) != 0) {
            throw tooHigh(levels, bits, columns);
        }
        return new CellLevels(rows, columns, bits, m);
    }

    /** The first level (row by row) of {@code 2^bits} or more. */
    private static IllegalArgumentException tooHigh(byte[] levels, int bits, int columns) {
        for (int i = 0; i < levels.length; i++) {
            if ((levels[i] & 0xFF) >>> bits != 0) {
                return new IllegalArgumentException("cell (" + i / columns + ", " + i % columns + ") level " + (levels[i] & 0xFF)
                        + " does not fit " + bits + " bits");
            }
        }
        throw new IllegalStateException("a level past " + bits + " bits that no cell holds");
    }

    /** Eight levels of one row at a time, little-endian: column {@code j + c} in byte {@code c}. */
    private static final VarHandle EIGHT_LEVELS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Bit-planes held: every level is below {@code 2^bits()}. */
    public int bits() {
        return bits;
    }

    /**
     * The levels as bit-planes, shared (callers must not change the array): bit {@code i} of
     * {@code planes()[(q * wordsFor(rows()) + w) * columns() + j]} is bit {@code q} of the level on row
     * {@code 64 w + i}, column {@code j}; bits past the last row are 0.
     */
    public long[] planes() {
        return planes;
    }

    /** Level of the cell on used physical row {@code row} and physical column {@code column}. */
    public int get(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("cell (" + row + ", " + column + ") outside " + rows + "x" + columns);
        }
        return level(row, column);
    }

    private int level(int row, int column) {
        int level = 0;
        int at = (row >>> 6) * columns + column;
        for (int q = 0; q < bits; q++) {
            level |= (int) ((planes[q * words * columns + at] >>> (row & 63)) & 1) << q;
        }
        return level;
    }

    /**
     * Copies rows {@code [first, first + count)} (row-major, unsigned bytes) into {@code dest} from
     * index 0: {@code count * columns()} bytes.
     */
    public void copyRows(int first, int count, byte[] dest) {
        if (first < 0 || count < 0 || first + count > rows) {
            throw new IndexOutOfBoundsException("rows " + first + " to " + (first + count - 1) + " outside " + rows + " rows");
        }
        java.util.Objects.checkFromIndexSize(0, count * columns, dest.length);
        for (int a = 0; a < count; a++) {
            for (int j = 0; j < columns; j++) {
                dest[a * columns + j] = (byte) level(first + a, j);
            }
        }
    }

    /** A copy of the levels, row-major, as unsigned bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[rows * columns];
        copyRows(0, rows, b);
        return b;
    }

    /** Number of cells holding a non-zero level. */
    public long nonZeroCells() {
        long n = 0;
        int perPlane = words * columns;
        for (int i = 0; i < perPlane; i++) {
            long any = 0;
            for (int q = 0; q < bits; q++) {
                any |= planes[q * perPlane + i];
            }
            n += Long.bitCount(any);
        }
        return n;
    }

    /** Planes above the highest non-zero one are left out, so equal levels held in more planes compare equal. */
    private int usedBits() {
        int perPlane = words * columns;
        for (int q = bits - 1; q > 0; q--) {
            for (int i = q * perPlane; i < (q + 1) * perPlane; i++) {
                if (planes[i] != 0) {
                    return q + 1;
                }
            }
        }
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CellLevels c) || rows != c.rows || columns != c.columns) {
            return false;
        }
        int used = usedBits();
        return used == c.usedBits() && Arrays.equals(planes, 0, used * words * columns, c.planes, 0, used * words * columns);
    }

    @Override
    public int hashCode() {
        // the hash of the row-major bytes, as when the levels were held so
        int h = 1;
        for (int a = 0; a < rows; a++) {
            for (int j = 0; j < columns; j++) {
                h = 31 * h + (byte) level(a, j);
            }
        }
        return 31 * (31 * rows + columns) + h;
    }

    @Override
    public String toString() {
        return "CellLevels[" + rows + "x" + columns + "]";
    }
}
