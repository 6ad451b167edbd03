package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.Dense;

/**
 * The mapper writes a crossbar's levels straight into bit-planes ({@link Mapper#place}): every cell
 * and every column's role checked against the encoding's definition, cell by cell, on crossbars of
 * more than 64 rows with a partial or a full last word of rows, weights of up to 16 bits (slices past a
 * byte), cells of 1, 2, 3, 4 and 8 bits, both encodings, with and without flipped columns.
 */
class MapperCellsTest {

    @Test
    void transpose8MovesEveryBitAcrossTheDiagonal() {
        Random r = new Random(7);
        for (int trial = 0; trial < 1000; trial++) {
            long x = trial < 64 ? 1L << trial : r.nextLong();
            long want = 0;
            for (int row = 0; row < 8; row++) {
                for (int b = 0; b < 8; b++) {
                    want |= (x >>> (8 * row + b) & 1) << (8 * b + row);
                }
            }
            assertEquals(want, Mapper.transpose8(x), Long.toHexString(x));
        }
    }

    @Test
    void cellsAndRolesFollowTheEncodingCellByCell() {
        int checked = 0;
        int flippedSeen = 0;
        for (SignedEncoding e : SignedEncoding.values()) {
            for (int bits : new int[] {5, 8, 16}) {
                for (int cell : new int[] {1, 2, 3, 4, 8}) {
                    CrossbarGeometry g = new CrossbarGeometry(130, 24 * new CrossbarGeometry(8, 1024, cell, bits, e)
                            .physicalColumnsPerLogical(), cell, bits, e);
                    for (boolean flip : new boolean[] {false, true}) {
                        Dense d = randomDense(200, 30, bits, 31L * bits + cell + (flip ? 1 : 0) + e.ordinal() * 1000L);
                        MappingTarget target = new MappingTarget(g, 64, 16, MappingTarget.TilePacking.SHARED, flip);
                        // 200 rows on crossbars of 130: one full crossbar (a partial third word) and one of 70,
                        // 128 rows (two full words) and a few rows in three words
                        int[] all = new int[200];
                        java.util.Arrays.setAll(all, a -> a);
                        for (int[] rows : new int[][] {java.util.Arrays.copyOfRange(all, 0, 130),
                                java.util.Arrays.copyOfRange(all, 130, 200), java.util.Arrays.copyOfRange(all, 72, 200),
                                {3, 64, 65, 127, 128, 199}}) {
                            CrossbarPlacement p = Mapper.place(d, 0, 0, 0, rows, 0, 24, 0, target);
                            flippedSeen += expect(d, rows, g, flip, p);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(2 * 3 * 5 * 2 * 4, checked);
        assertTrue(flippedSeen > 0, "some column flipped");
    }

    /** Checks {@code p} against the encoding, level by level; returns its flipped columns. */
    private static int expect(Dense d, int[] rows, CrossbarGeometry g, boolean flip, CrossbarPlacement p) {
        int c = g.bitsPerCell();
        int mask = (1 << c) - 1;
        int slices = g.slicesPerWeight();
        boolean differential = g.encoding() == SignedEncoding.DIFFERENTIAL;
        int k = g.physicalColumnsPerLogical();
        int width = 24 * k;
        String at = g + (flip ? ", flipped columns" : "") + ", rows " + rows.length;
        int[][] level = new int[rows.length][width];
        List<ColumnRole> roles = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            for (int s = 0; s < slices; s++) {
                if (differential) {
                    roles.add(new ColumnRole(i, i, s, s * c, Polarity.POSITIVE));
                    roles.add(new ColumnRole(i, i, s, s * c, Polarity.NEGATIVE));
                } else {
                    roles.add(new ColumnRole(i, i, s, s * c, Polarity.BIASED));
                }
            }
            for (int a = 0; a < rows.length; a++) {
                long w = d.weight(rows[a], i);
                for (int s = 0; s < slices; s++) {
                    if (differential) {
                        level[a][i * k + 2 * s] = (int) ((Math.max(w, 0) >> (s * c)) & mask);
                        level[a][i * k + 2 * s + 1] = (int) ((Math.max(-w, 0) >> (s * c)) & mask);
                    } else {
                        level[a][i * k + s] = (int) (((w + (1L << (g.weightBits() - 1))) >> (s * c)) & mask);
                    }
                }
            }
        }
        int flipped = 0;
        for (int j = 0; flip && j < width; j++) {
            long sum = 0;
            for (int[] row : level) {
                sum += row[j];
            }
            if (2 * sum > (long) rows.length * mask) {
                flipped++;
                ColumnRole r = roles.get(j);
                roles.set(j, new ColumnRole(r.outputIndex(), r.logicalColumn(), r.slice(), r.shift(), r.polarity(), mask));
                for (int[] row : level) {
                    row[j] = mask - row[j];
                }
            }
        }
        assertEquals(roles.size(), p.columns().size(), at);
        ColumnRoles compact = (ColumnRoles) p.columns();
        for (int j = 0; j < width; j++) {
            ColumnRole r = roles.get(j);
            assertEquals(r, p.columns().get(j), at + ", column " + j);
            assertEquals(r.outputIndex(), compact.outputIndex(j), at + ", column " + j);
            assertEquals(r.shift(), compact.shift(j), at + ", column " + j);
            assertEquals(r.polarity().sign(), compact.sign(j), at + ", column " + j);
            assertEquals(r.flipLevel(), compact.flipLevel(j), at + ", column " + j);
            assertEquals(r.flipped(), compact.flipped(j), at + ", column " + j);
        }
        assertEquals(roles, p.columns(), at); // as lists, both ways
        assertEquals(p.columns(), roles, at);
        assertEquals(roles.hashCode(), p.columns().hashCode(), at);
        assertEquals(flipped, p.flippedColumns(), at);
        assertEquals(rows.length, p.cells().rows(), at);
        assertEquals(width, p.cells().columns(), at);
        for (int a = 0; a < rows.length; a++) {
            for (int j = 0; j < width; j++) {
                assertEquals(level[a][j], p.cells().get(a, j), at + ", cell (" + a + ", " + j + ")");
            }
        }
        for (int a = 0; a < rows.length; a++) {
            for (int i = 0; i < 24; i++) {
                assertEquals(d.weight(rows[a], i), p.storedWeight(a, i), at + ", weight (" + a + ", " + i + ")");
            }
        }
        return flipped;
    }

    /** Weights in the symmetric {@code bits}-bit range, a quarter of them zero, some rows mostly high. */
    private static Dense randomDense(int in, int out, int bits, long seed) {
        Random r = new Random(seed);
        int hi = (1 << (bits - 1)) - 1;
        int[][] m = new int[in][out];
        for (int a = 0; a < in; a++) {
            for (int i = 0; i < out; i++) {
                m[a][i] = r.nextInt(4) == 0 ? 0 : i % 3 == 0 ? hi - r.nextInt(3) : r.nextInt(2 * hi + 1) - hi;
            }
        }
        return TestModels.dense("fc", bits, m);
    }

    @Test
    void compactRolesRefuseWhatTheyCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new ColumnRoles(0, 0, 1, 2, true, null, 3));
        assertThrows(IllegalArgumentException.class, () -> new ColumnRoles(2, 0, 1, 9, true, null, 3));
        // 2 outputs x 2 columns: a flip bit past column 3
        assertThrows(IllegalArgumentException.class, () -> new ColumnRoles(2, 0, 1, 2, true, new long[] {1L << 4}, 3));
        assertThrows(IllegalArgumentException.class, () -> new ColumnRoles(2, 0, 1, 2, true, new long[] {1, 0}, 3));
        assertThrows(IllegalArgumentException.class, () -> new ColumnRoles(2, 0, 1, 2, true, new long[] {1}, 0));
        ColumnRoles none = new ColumnRoles(2, 5, 1, 2, false, new long[] {0}, 0);
        assertEquals(List.of(new ColumnRole(0, 5, 0, 0, Polarity.BIASED), new ColumnRole(1, 6, 0, 0, Polarity.BIASED)), none);
        assertThrows(IndexOutOfBoundsException.class, () -> none.get(2));
        assertThrows(UnsupportedOperationException.class, () -> none.set(0, none.get(1)));
    }

    @Test
    void planesWithABitPastTheLastRowAreRefused() {
        long[] planes = new long[2 * 2 * 3]; // 70 rows: 2 words; 3 columns; 2 bits
        planes[(1 * 2 + 1) * 3 + 2] = 1L << 6; // plane 1, word 1, column 2: row 70
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellLevels.ofPlanes(70, 3, 2, planes));
        assertTrue(e.getMessage().contains("plane 1, column 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CellLevels.ofPlanes(70, 3, 2, new long[11]));
        planes[(1 * 2 + 1) * 3 + 2] = 1L << 5; // row 69, the last
        assertEquals(2, CellLevels.ofPlanes(70, 3, 2, planes).get(69, 2));
    }
}
