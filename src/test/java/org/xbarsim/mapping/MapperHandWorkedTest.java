package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Shape;

/**
 * Hand-worked placements, checked crossbar by crossbar (rows, columns, column roles, cell levels).
 * The expected levels were worked out on paper from the weights; see the comments.
 */
class MapperHandWorkedTest {

    /**
     * 6 inputs x 3 outputs, 4-bit weights. Column tile 0 = columns {0, 1}: rows 1 and 4 are zero in
     * both, so live rows are {0, 2, 3, 5} (one crossbar of 4 rows). Column tile 1 = column {2}:
     * only row 5 is zero, so live rows {0, 1, 2, 3, 4} need two crossbars: {0..3} and {4}.
     */
    private static final int[][] DENSE = {
        {5, -3, 7},
        {0, 0, -1},
        {-7, 2, 3},
        {1, 0, -6},
        {0, 0, 2},
        {0, -4, 0},
    };

    private static IntModel denseModel() {
        return TestModels.model("dense", Shape.flat(6), TestModels.dense("fc", 4, DENSE));
    }

    private static int[] rows(CrossbarPlacement c) {
        return c.inputRows().toArray();
    }

    private static int[][] levels(CrossbarPlacement c) {
        int[][] l = new int[c.usedRows()][c.usedColumns()];
        for (int a = 0; a < l.length; a++) {
            for (int j = 0; j < l[a].length; j++) {
                l[a][j] = c.cells().get(a, j);
            }
        }
        return l;
    }

    private static void assertLevels(int[][] expected, CrossbarPlacement c) {
        int[][] actual = levels(c);
        assertEquals(expected.length, actual.length, "rows of crossbar " + c.id());
        for (int a = 0; a < expected.length; a++) {
            assertArrayEquals(expected[a], actual[a], "crossbar " + c.id() + " row " + a);
        }
    }

    @Test
    void denseDifferentialTwoBitCells() {
        // 4x8 crossbars, 2-bit cells, 4-bit differential: magnitude 3 bits -> 2 slices -> k = 4, L = 2.
        CrossbarGeometry g = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.DIFFERENTIAL);
        Mapping m = Mapper.map(denseModel(), new MappingTarget(g, 2, 2));
        LayerMapping l = m.layers().get(0);
        assertEquals(2, l.rowTiles());
        assertEquals(2, l.columnTiles());
        assertEquals(4, l.denseCrossbars());
        assertEquals(3, l.allocatedCrossbars());

        CrossbarPlacement x0 = l.crossbars().get(0);
        assertEquals(0, x0.columnTile());
        assertEquals(0, x0.pack());
        assertArrayEquals(new int[] {0, 2, 3, 5}, rows(x0));
        assertArrayEquals(new int[] {0, 1}, x0.outputColumns().toArray());
        assertEquals(List.of(
                new ColumnRole(0, 0, 0, 0, Polarity.POSITIVE), new ColumnRole(0, 0, 0, 0, Polarity.NEGATIVE),
                new ColumnRole(0, 0, 1, 2, Polarity.POSITIVE), new ColumnRole(0, 0, 1, 2, Polarity.NEGATIVE),
                new ColumnRole(1, 1, 0, 0, Polarity.POSITIVE), new ColumnRole(1, 1, 0, 0, Polarity.NEGATIVE),
                new ColumnRole(1, 1, 1, 2, Polarity.POSITIVE), new ColumnRole(1, 1, 1, 2, Polarity.NEGATIVE)),
                x0.columns());
        assertEquals(0, x0.offset());
        // layout per output: [+s0, -s0, +s1, -s1]; 5 = 01|01, -3 -> |3| = 00|11, -7 -> 01|11, 2 = 00|10, -4 -> 01|00
        assertLevels(new int[][] {
            {1, 0, 1, 0, 0, 3, 0, 0},
            {0, 3, 0, 1, 2, 0, 0, 0},
            {1, 0, 0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0, 1},
        }, x0);

        CrossbarPlacement x1 = l.crossbars().get(1);
        assertEquals(1, x1.columnTile());
        assertEquals(0, x1.pack());
        assertArrayEquals(new int[] {0, 1, 2, 3}, rows(x1));
        assertArrayEquals(new int[] {2}, x1.outputColumns().toArray());
        // 7 = 01|11, -1 -> 00|01, 3 = 00|11, -6 -> 01|10
        assertLevels(new int[][] {{3, 0, 1, 0}, {0, 1, 0, 0}, {3, 0, 0, 0}, {0, 2, 0, 1}}, x1);

        CrossbarPlacement x2 = l.crossbars().get(2);
        assertEquals(1, x2.columnTile());
        assertEquals(1, x2.pack());
        assertArrayEquals(new int[] {4}, rows(x2));
        assertLevels(new int[][] {{2, 0, 0, 0}}, x2);

        // two crossbars per tile: ids 0, 1 on tile 0, id 2 on tile 1
        assertEquals(List.of(0, 0, 1), l.crossbars().stream().map(CrossbarPlacement::tile).toList());
        assertEquals(List.of(0, 1, 0), l.crossbars().stream().map(CrossbarPlacement::slot).toList());
        assertEquals(List.of(0, 1), l.tiles());
        // used cells: 4x8 + 4x4 + 1x4 = 52 of 3 x 32 = 96
        assertEquals(52, l.usedCells());
        assertEquals(96, m.allocatedCells());
    }

    @Test
    void denseOffsetTwoBitCells() {
        // 4x4 crossbars, 2-bit cells, 4-bit offset: stores w + 8 in 2 slices -> k = 2, L = 2.
        CrossbarGeometry g = new CrossbarGeometry(4, 4, 2, 4, SignedEncoding.OFFSET);
        LayerMapping l = Mapper.map(denseModel(), new MappingTarget(g, 1, 3)).layers().get(0);
        assertEquals(3, l.allocatedCrossbars());
        CrossbarPlacement x0 = l.crossbars().get(0);
        assertEquals(8, x0.offset());
        assertEquals(List.of(
                new ColumnRole(0, 0, 0, 0, Polarity.BIASED), new ColumnRole(0, 0, 1, 2, Polarity.BIASED),
                new ColumnRole(1, 1, 0, 0, Polarity.BIASED), new ColumnRole(1, 1, 1, 2, Polarity.BIASED)),
                x0.columns());
        assertArrayEquals(new int[] {0, 2, 3, 5}, rows(x0));
        // 5+8 = 11|01, -3+8 = 01|01; -7+8 = 00|01, 2+8 = 10|10; 1+8 = 10|01, 0+8 = 10|00; -4+8 = 01|00
        assertLevels(new int[][] {{1, 3, 1, 1}, {1, 0, 2, 2}, {1, 2, 0, 2}, {0, 2, 0, 1}}, x0);
        CrossbarPlacement x1 = l.crossbars().get(1);
        assertArrayEquals(new int[] {0, 1, 2, 3}, rows(x1));
        // 15 = 11|11, 7 = 01|11, 11 = 10|11, 2 = 00|10
        assertLevels(new int[][] {{3, 3}, {3, 1}, {3, 2}, {2, 0}}, x1);
        CrossbarPlacement x2 = l.crossbars().get(2);
        assertArrayEquals(new int[] {4}, rows(x2));
        assertLevels(new int[][] {{2, 2}}, x2); // 2+8 = 10|10
    }

    @Test
    void denseOffsetTwoBitCellsWithFlippedColumns() {
        // Same placement as denseOffsetTwoBitCells; a column flips when 2 x (its level sum) > used rows x 3.
        CrossbarGeometry g = new CrossbarGeometry(4, 4, 2, 4, SignedEncoding.OFFSET);
        MappingTarget target = new MappingTarget(g, 1, 3, MappingTarget.TilePacking.SHARED, true);
        Mapping m = Mapper.map(denseModel(), target);
        LayerMapping l = m.layers().get(0);
        CrossbarPlacement x0 = l.crossbars().get(0);
        // plain levels {{1,3,1,1},{1,0,2,2},{1,2,0,2},{0,2,0,1}}: column sums 3, 7, 3, 6 against 4 x 3 = 12:
        // only column 1 (2 x 7 = 14 > 12) flips to 3 - level; column 3 sits exactly at half and stays.
        assertEquals(List.of(
                new ColumnRole(0, 0, 0, 0, Polarity.BIASED), new ColumnRole(0, 0, 1, 2, Polarity.BIASED, 3),
                new ColumnRole(1, 1, 0, 0, Polarity.BIASED), new ColumnRole(1, 1, 1, 2, Polarity.BIASED)),
                x0.columns());
        assertLevels(new int[][] {{1, 0, 1, 1}, {1, 3, 2, 2}, {1, 1, 0, 2}, {0, 1, 0, 1}}, x0);
        assertEquals(1, x0.flippedColumns());
        // plain {{3,3},{3,1},{3,2},{2,0}}: sums 11 (flips) and 6 (half, stays)
        CrossbarPlacement x1 = l.crossbars().get(1);
        assertTrue(x1.columns().get(0).flipped());
        assertFalse(x1.columns().get(1).flipped());
        assertLevels(new int[][] {{0, 3}, {0, 1}, {0, 2}, {1, 0}}, x1);
        // one used row, plain {{2,2}}: 2 x 2 = 4 > 1 x 3, both flip to 1
        CrossbarPlacement x2 = l.crossbars().get(2);
        assertLevels(new int[][] {{1, 1}}, x2);
        assertEquals(2, x2.flippedColumns());

        // The read-back and the partial sums are those of the plain mapping.
        assertEquals(List.of(), ReadBack.verify(m, denseModel()));
        LayerMapping plain = Mapper.map(denseModel(), new MappingTarget(g, 1, 3)).layers().get(0);
        assertArrayEquals(ReadBack.matrix(plain), ReadBack.matrix(l));
        int[] x = {1, 0, 1, 1};
        assertArrayEquals(plain.crossbars().get(0).partialSums(x), x0.partialSums(x));
        // by hand, output 0 over rows {0, 2, 3, 5} = weights {5, -7, 1, 0} with x = {1, 0, 1, 1}: 5 + 1 + 0 = 6
        assertEquals(6, x0.partialSums(x)[0]);
        // the sensed flipped column 1 is 0 + 1 + 1 = 2; its true sum 3 x 3 - 2 = 7 = 3 + 2 + 2
        assertEquals(2, x0.columnSums(x)[1]);
        assertEquals(7, x0.columns().get(1).trueSum(2, 3));
    }

    @Test
    void differentialFlipsOnlyAboveHalfAndCountsOneCorrectionPerFlippedOutputAndRead() {
        // Same placement as denseDifferentialTwoBitCells. x0 (4 rows) and x1 (4 rows) have no column
        // summing above 6; x2 holds one row {2, 0, 0, 0}: 2 x 2 > 1 x 3, so its column 0 flips to 1.
        CrossbarGeometry g = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.DIFFERENTIAL);
        Mapping plain = Mapper.map(denseModel(), new MappingTarget(g, 2, 2));
        Mapping m = Mapper.map(denseModel(), new MappingTarget(g, 2, 2, MappingTarget.TilePacking.SHARED, true));
        LayerMapping l = m.layers().get(0);
        assertEquals(0, l.crossbars().get(0).flippedColumns());
        assertEquals(0, l.crossbars().get(1).flippedColumns());
        CrossbarPlacement x2 = l.crossbars().get(2);
        assertLevels(new int[][] {{1, 0, 0, 0}}, x2);
        assertEquals(new ColumnRole(0, 2, 0, 0, Polarity.POSITIVE, 3), x2.columns().get(0));
        assertEquals(1, x2.correctedOutputs());
        assertEquals(0, plain.layers().get(0).crossbars().get(2).correctedOutputs());
        assertEquals(List.of(), ReadBack.verify(m, denseModel()));
        // the analytical estimate adds one shift-add per read (8-bit inputs, 1-bit DACs: 8) for that output
        org.xbarsim.arch.Chip chip = TestChips.chip(2, 2, 4, 8, 2, 4, SignedEncoding.DIFFERENTIAL, 0);
        long withFlip = ActionEstimate.total(ActionEstimate.perInference(denseModel(), m, chip))
                .count(org.xbarsim.vocabulary.ComponentKind.SHIFT_ADD, org.xbarsim.vocabulary.Action.OPERATE);
        long without = ActionEstimate.total(ActionEstimate.perInference(denseModel(), plain, chip))
                .count(org.xbarsim.vocabulary.ComponentKind.SHIFT_ADD, org.xbarsim.vocabulary.Action.OPERATE);
        assertEquals(8, withFlip - without);
    }

    @Test
    void denseDifferentialOneBitCells() {
        // 1-bit cells, 4-bit differential: 3 slices -> k = 6; 6 columns -> L = 1 (one column tile per output).
        CrossbarGeometry g = new CrossbarGeometry(4, 6, 1, 4, SignedEncoding.DIFFERENTIAL);
        LayerMapping l = Mapper.map(denseModel(), new MappingTarget(g, 1, 8)).layers().get(0);
        assertEquals(3, l.columnTiles());
        assertEquals(6, l.denseCrossbars());
        assertEquals(4, l.allocatedCrossbars());
        assertArrayEquals(new int[] {0, 2, 3}, rows(l.crossbars().get(0)));
        assertArrayEquals(new int[] {0, 2, 5}, rows(l.crossbars().get(1)));
        assertArrayEquals(new int[] {0, 1, 2, 3}, rows(l.crossbars().get(2)));
        assertArrayEquals(new int[] {4}, rows(l.crossbars().get(3)));
        CrossbarPlacement x0 = l.crossbars().get(0);
        assertEquals(new ColumnRole(0, 0, 2, 2, Polarity.NEGATIVE), x0.columns().get(5));
        // [+b0, -b0, +b1, -b1, +b2, -b2]: 5 = 101, -7 -> 111, 1 = 001
        assertLevels(new int[][] {{1, 0, 0, 0, 1, 0}, {0, 1, 0, 1, 0, 1}, {1, 0, 0, 0, 0, 0}}, x0);
        // column 1: 3 = 011 negative, 2 = 010 positive, 4 = 100 negative
        assertLevels(new int[][] {{0, 1, 0, 1, 0, 0}, {0, 0, 1, 0, 0, 0}, {0, 0, 0, 0, 0, 1}}, l.crossbars().get(1));
    }

    /**
     * Conv 3 -> 2 channels, 2x1 kernel: im2col rows are (channel, ky) = 0:(0,0) 1:(0,1) 2:(1,0)
     * 3:(1,1) 4:(2,0) 5:(2,1). Weights [out][in][kh][kw]; channel 1 is zero in both filters (a
     * pruned kernel group of the single column tile).
     */
    private static final int[] CONV_W = {
        // filter 0: ch0, ch1, ch2
        1, -2, 0, 0, 3, 0,
        // filter 1
        0, 4, 0, 0, -5, 6,
    };

    private static IntModel convModel(int[] w) {
        return TestModels.model("conv", new Shape(3, 3, 1), TestModels.conv("conv", 4, 3, 2, 2, 1, w));
    }

    @Test
    void convKernelGroupPrunedIsPackedIntoFewerCrossbars() {
        // 4x8, 2-bit cells, 4-bit differential: k = 4, L = 2 -> one column tile, rows 6 -> 2 row tiles.
        CrossbarGeometry g = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.DIFFERENTIAL);
        LayerMapping l = Mapper.map(convModel(CONV_W), new MappingTarget(g, 1, 4)).layers().get(0);
        assertEquals(6, l.matrixRows());
        assertEquals(2, l.denseCrossbars());
        assertEquals(1, l.allocatedCrossbars()); // rows 2, 3 (channel 1) dropped, 4 live rows fit one crossbar
        CrossbarPlacement x = l.crossbars().get(0);
        assertArrayEquals(new int[] {0, 1, 4, 5}, rows(x));
        assertArrayEquals(new int[] {0, 1}, x.outputColumns().toArray());
        // matrix rows: 0 -> [1, 0], 1 -> [-2, 4], 4 -> [3, -5], 5 -> [0, 6]
        assertLevels(new int[][] {
            {1, 0, 0, 0, 0, 0, 0, 0},
            {0, 2, 0, 0, 0, 0, 1, 0},
            {3, 0, 0, 0, 0, 1, 0, 1},
            {0, 0, 0, 0, 2, 0, 1, 0},
        }, x);
    }

    @Test
    void convCrossbarPrunedBlockIsNotAllocated() {
        // 2-row crossbars: row tiles {0,1} {2,3} {4,5}; the middle block is zero, so 2 crossbars of 3.
        CrossbarGeometry g = new CrossbarGeometry(2, 8, 2, 4, SignedEncoding.DIFFERENTIAL);
        LayerMapping l = Mapper.map(convModel(CONV_W), new MappingTarget(g, 1, 4)).layers().get(0);
        assertEquals(3, l.denseCrossbars());
        assertEquals(2, l.allocatedCrossbars());
        assertArrayEquals(new int[] {0, 1}, rows(l.crossbars().get(0)));
        assertArrayEquals(new int[] {4, 5}, rows(l.crossbars().get(1)));
        assertLevels(new int[][] {{3, 0, 0, 0, 0, 1, 0, 1}, {0, 0, 0, 0, 2, 0, 1, 0}}, l.crossbars().get(1));
    }

    @Test
    void convUnprunedUsesEveryCrossbarInMatrixOrder() {
        int[] w = CONV_W.clone();
        w[2] = -1; // filter 0, channel 1, ky 0 -> matrix row 2, column 0
        w[9] = 7;  // filter 1, channel 1, ky 1 -> matrix row 3, column 1
        CrossbarGeometry g = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.DIFFERENTIAL);
        LayerMapping l = Mapper.map(convModel(w), new MappingTarget(g, 1, 4)).layers().get(0);
        assertEquals(2, l.allocatedCrossbars());
        assertArrayEquals(new int[] {0, 1, 2, 3}, rows(l.crossbars().get(0)));
        assertArrayEquals(new int[] {4, 5}, rows(l.crossbars().get(1)));
        // row 2 -> [-1, 0], row 3 -> [0, 7 = 01|11]
        int[][] lv = levels(l.crossbars().get(0));
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0, 0, 0}, lv[2]);
        assertArrayEquals(new int[] {0, 0, 0, 0, 3, 0, 1, 0}, lv[3]);
    }

    @Test
    void convOffsetEncodingTwoBitCells() {
        CrossbarGeometry g = new CrossbarGeometry(4, 4, 2, 4, SignedEncoding.OFFSET);
        LayerMapping l = Mapper.map(convModel(CONV_W), new MappingTarget(g, 1, 4)).layers().get(0);
        assertEquals(1, l.allocatedCrossbars());
        CrossbarPlacement x = l.crossbars().get(0);
        assertArrayEquals(new int[] {0, 1, 4, 5}, rows(x));
        // w + 8: 9 = 10|01, 8 = 10|00; 6 = 01|10, 12 = 11|00; 11 = 10|11, 3 = 00|11; 8, 14 = 11|10
        assertLevels(new int[][] {{1, 2, 0, 2}, {2, 1, 0, 3}, {3, 2, 3, 0}, {0, 2, 2, 3}}, x);
    }
}
