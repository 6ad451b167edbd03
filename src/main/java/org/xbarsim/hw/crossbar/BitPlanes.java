package org.xbarsim.hw.crossbar;

/**
 * The inputs of one crossbar MVM as bit-planes: plane {@code b} holds bit {@code b} of the input of
 * every used row, packed 64 rows per {@code long}. Immutable once built; also carries the plain sum
 * of the inputs (offset encoding subtracts {@code offset * inputSum} digitally).
 */
public final class BitPlanes {
    private final int rows;
    private final int bits;
    private final int words;
    private final long[] masks; // plane-major: masks[b * words + w]
    private final long inputSum;

    private BitPlanes(int rows, int bits, long[] masks, long inputSum) {
        this.rows = rows;
        this.bits = bits;
        this.words = wordsFor(rows);
        this.masks = masks;
        this.inputSum = inputSum;
    }

    static int wordsFor(int rows) {
        return org.xbarsim.mapping.CellLevels.wordsFor(rows); // the inputs' words match the cells' planes
    }

    /** Splits unsigned {@code bits}-bit inputs (one per used row) into bit-planes. */
    public static BitPlanes of(int[] inputs, int bits) {
        int words = wordsFor(inputs.length);
        long[] m = new long[bits * words];
        long sum = 0;
        for (int a = 0; a < inputs.length; a++) {
            int x = inputs[a];
            if (x < 0 || (bits < 31 && x >= (1 << bits))) {
                throw new IllegalArgumentException("input " + x + " on row " + a + " does not fit " + bits + " unsigned bits");
            }
            sum += x;
            long bit = 1L << (a & 63);
            int w = a >>> 6;
            while (x != 0) {
                int b = Integer.numberOfTrailingZeros(x);
                m[b * words + w] |= bit;
                x &= x - 1;
            }
        }
        return new BitPlanes(inputs.length, bits, m, sum);
    }

    public int rows() {
        return rows;
    }

    public int bits() {
        return bits;
    }

    public int words() {
        return words;
    }

    public long word(int plane, int w) {
        return masks[plane * words + w];
    }

    public long inputSum() {
        return inputSum;
    }

    /** Rows whose input bit {@code plane} is 1. */
    public int ones(int plane) {
        int n = 0;
        for (int w = 0; w < words; w++) {
            n += Long.bitCount(masks[plane * words + w]);
        }
        return n;
    }
}
