package org.xbarsim.hw.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbarsim.hw.common.ColumnSums;
import org.xbarsim.model.IntVector;

class CrossbarModelTest {
    /** sum over rows of level * input, read by read, for dacBits-bit slices of the input. */
    private static int[] naive(int rows, int cols, int[] levels, int[] x, int bits, int dacBits) {
        int reads = (bits + dacBits - 1) / dacBits;
        int[] out = new int[reads * cols];
        for (int r = 0; r < reads; r++) {
            for (int j = 0; j < cols; j++) {
                int s = 0;
                for (int a = 0; a < rows; a++) {
                    int slice = (x[a] >>> (r * dacBits)) & ((1 << dacBits) - 1);
                    s += levels[a * cols + j] * slice;
                }
                out[r * cols + j] = s;
            }
        }
        return out;
    }

    /** {@code count} random values below {@code 2^bits}. */
    private static int[] random(Random rnd, int count, int bits) {
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = rnd.nextInt(1 << bits);
        }
        return v;
    }

    @Test
    void recombinedSumsBeyondIntAreMadeInLongsAndTheBoundItselfStillFitsAnInt() {
        // 200 rows of 3-bit cells and 30-bit inputs can sum to 1.5e12 (these random ones to about 4e11, all
        // above 2^31): the 64-bit path
        Random rnd = new Random(13);
        int rows = 200;
        int cols = 9;
        int[] levels = random(rnd, rows * cols, 3);
        int[] x = random(rnd, rows, 30);
        for (int dacBits : new int[] {1, 4}) {
            CrossbarModel m = new CrossbarModel(rows, cols, 3, levels, 10, dacBits);
            assertFalse(m.sumsFitInt(30));
            assertTrue(m.sumsFitInt(8));
            long[] direct = new long[cols];
            m.lazySums(BitPlanes.of(x, 30)).addReads(direct, m.readsFor(30), dacBits);
            for (int j = 0; j < cols; j++) {
                long sum = 0;
                for (int a = 0; a < rows; a++) {
                    sum += (long) levels[a * cols + j] * x[a];
                }
                assertTrue(sum > Integer.MAX_VALUE);
                assertEquals(sum, direct[j], "dac " + dacBits + " column " + j);
            }
        }
        // one row, one 1-bit cell, 31-bit inputs: at most 2^31 - 1, the largest int, made in ints
        CrossbarModel one = new CrossbarModel(1, 1, 1, new int[] {1}, 10, 1);
        assertTrue(one.sumsFitInt(31));
        long[] max = new long[1];
        one.lazySums(BitPlanes.of(new int[] {Integer.MAX_VALUE}, 31)).addReads(max, 31, 1);
        assertEquals(Integer.MAX_VALUE, max[0]);
        assertFalse(new CrossbarModel(2, 1, 1, new int[] {1, 1}, 10, 1).sumsFitInt(31));
        assertFalse(one.sumsFitInt(32));
    }

    @Test
    void bitPackedColumnSumsEqualTheAnalogSumForEveryCellAndDacWidth() {
        Random rnd = new Random(11);
        for (int[] shape : new int[][] {{1, 1}, {5, 3}, {64, 8}, {65, 17}, {128, 128}, {200, 9}}) {
            for (int cellBits = 1; cellBits <= 3; cellBits++) {
                for (int dacBits : new int[] {1, 2, 3}) {
                    int rows = shape[0];
                    int cols = shape[1];
                    int[] levels = random(rnd, rows * cols, cellBits);
                    int[] x = random(rnd, rows, 8);
                    CrossbarModel m = new CrossbarModel(rows, cols, cellBits, levels, 10, dacBits);
                    assertArrayEquals(naive(rows, cols, levels, x, 8, dacBits), m.columnSums(BitPlanes.of(x, 8)),
                            rows + "x" + cols + " cell " + cellBits + " dac " + dacBits);
                }
            }
        }
    }

    @Test
    void sumsRecombinedStraightFromTheBitPlanesEqualTheShiftAddOfEveryRead() {
        Random rnd = new Random(12);
        for (int[] shape : new int[][] {{1, 1}, {5, 3}, {64, 8}, {65, 17}, {128, 128}, {200, 9}}) {
            for (int cellBits = 1; cellBits <= 3; cellBits++) {
                for (int dacBits : new int[] {1, 2, 3}) {
                    for (int inputBits : new int[] {1, 7, 8}) {
                        int rows = shape[0];
                        int cols = shape[1];
                        int[] levels = random(rnd, rows * cols, cellBits);
                        int[] x = random(rnd, rows, inputBits);
                        String what = rows + "x" + cols + " cell " + cellBits + " dac " + dacBits + " input " + inputBits;
                        CrossbarModel m = new CrossbarModel(rows, cols, cellBits, levels, 10, dacBits);
                        BitPlanes in = BitPlanes.of(x, inputBits);
                        int reads = m.readsFor(inputBits);
                        // the shift-add of the reads' sums, as made for a converting ADC
                        long[] expected = new long[cols];
                        ColumnSums.addReads(IntVector.wrap(m.columnSums(in)), expected, reads, dacBits);
                        long[] direct = new long[cols];
                        java.util.Arrays.fill(direct, 99); // left over from another read: must be overwritten
                        m.lazySums(in).addReads(direct, reads, dacBits);
                        assertArrayEquals(expected, direct, what);
                        // and the shift-add of the analog sums, column by column
                        int[] analog = naive(rows, cols, levels, x, inputBits, dacBits);
                        for (int j = 0; j < cols; j++) {
                            long sum = 0;
                            for (int r = 0; r < reads; r++) {
                                sum += (long) analog[r * cols + j] << (r * dacBits);
                            }
                            assertEquals(sum, direct[j], what + " column " + j);
                        }
                        // a shift-add unit of other reads gets the reads' sums recombined its way
                        long[] other = new long[cols];
                        m.lazySums(in).addReads(other, reads, dacBits + 1);
                        long[] otherExpected = new long[cols];
                        ColumnSums.addReads(IntVector.wrap(m.columnSums(in)), otherExpected, reads, dacBits + 1);
                        assertArrayEquals(otherExpected, other, what + ", other DAC width");
                        // more columns or reads than this crossbar's: the same as the sums made first, which
                        // are not that long (no figure made up from the bit-planes)
                        assertThrows(IndexOutOfBoundsException.class,
                                () -> m.lazySums(in).addReads(new long[cols + 1], reads, dacBits), what);
                        assertThrows(IndexOutOfBoundsException.class,
                                () -> m.lazySums(in).addReads(new long[cols], reads + 1, dacBits), what);
                    }
                }
            }
        }
    }

    @Test
    void levelsHeldInFewerPlanesThanTheCellsHaveAreReadAsZeroHighBits() {
        // levels below 2 held in one plane, read by 3-bit cells: the missing planes count as zeros
        Random rnd = new Random(12);
        for (int[] shape : new int[][] {{1, 1}, {65, 17}, {128, 128}}) {
            int rows = shape[0];
            int cols = shape[1];
            int[] levels = random(rnd, rows * cols, 1);
            int[] x = random(rnd, rows, 8);
            CrossbarModel m = new CrossbarModel(rows, cols, 3, levels, 10, 2);
            assertArrayEquals(naive(rows, cols, levels, x, 8, 2), m.columnSums(BitPlanes.of(x, 8)), rows + "x" + cols);
            assertArrayEquals(naive(rows, cols, levels, x, 8, 2), m.columnSums(BitPlanes.of(x, 8)), "read again");
        }
    }

    @Test
    void aMappedLevelTooHighForTheCrossbarsCellsIsRefusedAtTheFirstRead() {
        var role = new org.xbarsim.mapping.ColumnRole(0, 0, 0, 0, org.xbarsim.mapping.Polarity.BIASED);
        var placement = new org.xbarsim.mapping.CrossbarPlacement(0, 0, 0, 0, "fc", 0, 0, IntVector.of(0, 1), IntVector.of(0),
                java.util.List.of(role), 0, org.xbarsim.mapping.CellLevels.of(2, 1, new int[] {0, 2}));
        CrossbarModel fits = CrossbarModel.of(placement, 2, 10, 1);
        assertArrayEquals(new int[] {2}, fits.columnSums(BitPlanes.of(new int[] {1, 1}, 1)));
        CrossbarModel narrow = CrossbarModel.of(placement, 1, 10, 1); // built, refused only when read
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> narrow.columnSums(BitPlanes.of(new int[] {1, 1}, 1)));
        assertEquals("cell (1, 0) level 2 does not fit 1 bits", e.getMessage());
    }

    @Test
    void readsRunBackToBackAndASecondMvmWaitsForTheArray() {
        CrossbarModel m = new CrossbarModel(2, 2, 2, new int[] {1, 2, 3, 0}, 100, 1);
        CrossbarModel.ReadTiming a = m.schedule(50, 8);
        assertEquals(50, a.startCycle());
        assertEquals(8, a.reads());
        assertEquals(150, a.sampleCycle(0));
        assertEquals(850, a.sampleCycle(7));
        CrossbarModel.ReadTiming b = m.schedule(60, 8); // arrives while the array is busy until 850
        assertEquals(850, b.startCycle());
        CrossbarModel.ReadTiming c = m.schedule(5000, 4);
        assertEquals(5000, c.startCycle());
    }

    @Test
    void bitPlanesKeepTheInputSum() {
        BitPlanes p = BitPlanes.of(new int[] {3, 0, 255, 8}, 8);
        assertEquals(266, p.inputSum());
        assertEquals(2, p.ones(0)); // 3 and 255 are odd
        assertEquals(2, p.ones(3)); // 255 and 8
    }

    @Test
    void aLevelThatDoesNotFitTheCellIsRefusedWithItsPosition() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CrossbarModel(2, 3, 2, new int[] {0, 1, 2, 3, 3, 4}, 10, 1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("level 4 does not fit 2 bits"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CrossbarModel(2, 3, 2, new int[] {0, 1, 2, 3, 3}, 10, 1));
    }

    @Test
    void lazySumsAreTheColumnSumsMadeLaterAndCheckTheRowsAtOnce() throws Exception {
        int[] levels = {1, 2, 3, 0, 2, 1};
        CrossbarModel m = new CrossbarModel(3, 2, 2, levels, 10, 2);
        BitPlanes in = BitPlanes.of(new int[] {5, 0, 255}, 8);
        ColumnSums lazy = m.lazySums(in);
        // made on another thread, as an ADC bank's actor would
        int[][] made = new int[1][];
        Thread t = new Thread(() -> made[0] = lazy.values().toArray());
        t.start();
        t.join();
        assertArrayEquals(m.columnSums(in), made[0]);
        assertArrayEquals(naive(3, 2, levels, new int[] {5, 0, 255}, 8, 2), made[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.lazySums(BitPlanes.of(new int[] {1, 2}, 8)));
        assertTrue(e.getMessage().contains("2 row inputs for a crossbar with 3 used rows"), e.getMessage());
    }

    @Test
    void theSameArrayReadTwiceGivesTheSameSums() {
        int[] levels = {1, 2, 3, 0, 2, 1};
        CrossbarModel m = new CrossbarModel(3, 2, 2, levels, 10, 2);
        BitPlanes in = BitPlanes.of(new int[] {5, 0, 255}, 8);
        int[] first = m.columnSums(in);
        assertArrayEquals(naive(3, 2, levels, new int[] {5, 0, 255}, 8, 2), first);
        assertArrayEquals(first, m.columnSums(in)); // the cell bit-planes are built once, on the first read
    }

    @Test
    void columnSumsEqualTheAnalogSumOnRandomArraysOfEveryShapeIncludingZeroAndFullInputs() {
        // the cell bit-planes are built 8 rows x 8 columns at a time, the last columns cell by cell:
        // shapes around those blocks and the 64-row words, every cell width a level can have
        Random rnd = new Random(21);
        int[] sizes = {1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 71, 127, 128, 129, 200};
        for (int trial = 0; trial < 120; trial++) {
            int rows = sizes[rnd.nextInt(sizes.length)];
            int cols = sizes[rnd.nextInt(sizes.length)];
            int cellBits = 1 + rnd.nextInt(8);
            int dacBits = 1 + rnd.nextInt(3);
            int inputBits = 1 + rnd.nextInt(8);
            int[] levels = new int[rows * cols];
            int top = rnd.nextInt(3); // 0: random levels, 1: all at the maximum, 2: mostly zero
            for (int k = 0; k < levels.length; k++) {
                levels[k] = top == 1 ? (1 << cellBits) - 1 : top == 2 && rnd.nextInt(8) > 0 ? 0 : rnd.nextInt(1 << cellBits);
            }
            CrossbarModel m = new CrossbarModel(rows, cols, cellBits, levels, 10, dacBits);
            for (int kind = 0; kind < 3; kind++) { // random, all zero, all at the maximum
                int[] x = new int[rows];
                for (int a = 0; a < rows; a++) {
                    x[a] = kind == 0 ? rnd.nextInt(1 << inputBits) : kind == 1 ? 0 : (1 << inputBits) - 1;
                }
                assertArrayEquals(naive(rows, cols, levels, x, inputBits, dacBits), m.columnSums(BitPlanes.of(x, inputBits)),
                        rows + "x" + cols + " cell " + cellBits + " dac " + dacBits + " input bits " + inputBits + " kind " + kind);
            }
        }
    }
}
