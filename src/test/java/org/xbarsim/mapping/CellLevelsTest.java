package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellLevelsTest {
    /** Seeded levels below {@code 2^bits}, row-major. */
    private static int[] levels(int rows, int columns, int bits, long seed) {
        Random r = new Random(seed);
        int[] l = new int[rows * columns];
        for (int i = 0; i < l.length; i++) {
            l[i] = r.nextInt(1 << bits);
        }
        return l;
    }

    private static byte[] bytes(int[] levels) {
        byte[] b = new byte[levels.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) levels[i];
        }
        return b;
    }

    @Test
    void levelsReadBackAsGivenWhateverTheShape() {
        // rows across words of 64 and not a multiple of 8; columns not a multiple of 8 (the tail loop)
        int[][] shapes = {{1, 1}, {7, 13}, {64, 8}, {65, 16}, {128, 128}, {130, 21}};
        for (int[] shape : shapes) {
            for (int bits = 1; bits <= 8; bits++) {
                int rows = shape[0];
                int columns = shape[1];
                int[] l = levels(rows, columns, bits, 31L * rows + columns + bits);
                CellLevels wrapped = CellLevels.wrap(rows, columns, bits, bytes(l));
                CellLevels copied = CellLevels.of(rows, columns, l);
                String at = rows + "x" + columns + ", " + bits + " bits";
                assertArrayEquals(bytes(l), wrapped.toBytes(), at);
                assertArrayEquals(bytes(l), copied.toBytes(), at);
                for (int a = 0; a < rows; a++) {
                    for (int j = 0; j < columns; j++) {
                        assertEquals(l[a * columns + j], wrapped.get(a, j), at + " cell " + a + ", " + j);
                    }
                }
                byte[] some = new byte[2 * columns];
                if (rows >= 3) {
                    wrapped.copyRows(1, 2, some);
                    assertArrayEquals(Arrays.copyOfRange(bytes(l), columns, 3 * columns), some, at);
                }
                assertEquals(Arrays.stream(l).filter(v -> v != 0).count(), wrapped.nonZeroCells(), at);
                assertEquals(wrapped, copied, at);
                assertEquals(wrapped.hashCode(), copied.hashCode(), at);
            }
        }
    }

    @Test
    void planesHoldEachLevelBitOnItsRowBit() {
        int rows = 70;
        int columns = 9;
        int bits = 3;
        int[] l = levels(rows, columns, bits, 5);
        CellLevels c = CellLevels.wrap(rows, columns, bits, bytes(l));
        long[] p = c.planes();
        int words = CellLevels.wordsFor(rows);
        assertEquals(2, words);
        assertEquals(bits * words * columns, p.length);
        for (int q = 0; q < bits; q++) {
            for (int a = 0; a < 2 * 64; a++) {
                for (int j = 0; j < columns; j++) {
                    long bit = (p[(q * words + (a >>> 6)) * columns + j] >>> (a & 63)) & 1;
                    long expected = a < rows ? (l[a * columns + j] >>> q) & 1 : 0; // bits past the last row are 0
                    assertEquals(expected, bit, "plane " + q + ", row " + a + ", column " + j);
                }
            }
        }
    }

    @Test
    void equalLevelsAreEqualHeldInMorePlanesAndHashAsTheirBytes() {
        int[] l = {0, 1, 3, 2, 1, 0};
        CellLevels two = CellLevels.wrap(2, 3, 2, bytes(l));
        CellLevels eight = CellLevels.wrap(2, 3, 8, bytes(l));
        assertEquals(2, CellLevels.of(2, 3, l).bits());
        assertEquals(two, eight);
        assertEquals(eight, two);
        assertEquals(two.hashCode(), eight.hashCode());
        // the hash the levels had when held one byte per cell
        assertEquals(31 * (31 * 2 + 3) + Arrays.hashCode(bytes(l)), two.hashCode());
        int[] other = l.clone();
        other[5] = 1;
        assertNotEquals(two, CellLevels.of(2, 3, other));
        assertNotEquals(two, CellLevels.of(3, 2, l));
        int[] high = {200, 255, 0, 128};
        assertEquals(31 * (31 * 2 + 2) + Arrays.hashCode(bytes(high)), CellLevels.of(2, 2, high).hashCode());
        assertArrayEquals(bytes(high), CellLevels.of(2, 2, high).toBytes());
    }

    @Test
    void aLevelTooHighForItsBitsIsRefusedByPosition() {
        int[] l = new int[10 * 12];
        l[3 * 12 + 9] = 4; // in the tail columns (9 of 12)
        l[7 * 12 + 2] = 5; // in the blocked columns, later in row order
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellLevels.wrap(10, 12, 2, bytes(l)));
        assertEquals("cell (3, 9) level 4 does not fit 2 bits", e.getMessage());
        int[] blocked = new int[10 * 12];
        blocked[7 * 12 + 2] = 5;
        e = assertThrows(IllegalArgumentException.class, () -> CellLevels.wrap(10, 12, 2, bytes(blocked)));
        assertEquals("cell (7, 2) level 5 does not fit 2 bits", e.getMessage());
        assertEquals("cell (0, 1) level 128 does not fit 7 bits",
                assertThrows(IllegalArgumentException.class, () -> CellLevels.wrap(1, 9, 7, bytes(new int[] {127, 128, 0, 0, 0, 0, 0, 0, 0})))
                        .getMessage());
        assertEquals("cell (0, 8) level 2 does not fit 1 bits",
                assertThrows(IllegalArgumentException.class, () -> CellLevels.wrap(1, 9, 1, bytes(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 2})))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> CellLevels.wrap(2, 2, 2, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> CellLevels.wrap(2, 2, 9, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> CellLevels.of(1, 1, new int[] {256}));
        assertThrows(IndexOutOfBoundsException.class, () -> CellLevels.of(1, 1, new int[] {1}).get(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> CellLevels.of(2, 1, new int[] {1, 2}).copyRows(1, 2, new byte[2]));
    }
}
