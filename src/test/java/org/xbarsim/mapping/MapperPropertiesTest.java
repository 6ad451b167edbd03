package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;

/** Round trips, exact dot products and the rules shared with {@link CrossbarGroups}, over many geometries. */
class MapperPropertiesTest {

    static List<Arguments> geometries() {
        List<Arguments> out = new ArrayList<>();
        for (SignedEncoding e : SignedEncoding.values()) {
            for (int cell = 1; cell <= 3; cell++) {
                out.add(Arguments.of(new CrossbarGeometry(8, 16, cell, 6, e)));
                out.add(Arguments.of(new CrossbarGeometry(5, 24, cell, 8, e)));
            }
        }
        out.add(Arguments.of(new CrossbarGeometry(16, 64, 2, 8, SignedEncoding.DIFFERENTIAL)));
        return out;
    }

    private static MappingTarget roomy(CrossbarGeometry g) {
        return new MappingTarget(g, 64, 16);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void readBackRebuildsEveryLayerExactly(CrossbarGeometry g) {
        for (long seed = 1; seed <= 3; seed++) {
            IntModel model = TestModels.random(seed, g.weightBits());
            Mapping m = Mapper.map(model, roomy(g));
            assertEquals(List.of(), ReadBack.verify(m, model));
            for (LayerMapping l : m.layers()) {
                WeightedLayer w = (WeightedLayer) model.layers().get(l.layerIndex());
                int[] back = ReadBack.matrix(l);
                for (int r = 0; r < w.matrixRows(); r++) {
                    for (int c = 0; c < w.matrixCols(); c++) {
                        assertEquals(w.weight(r, c), back[r * w.matrixCols() + c], l.layerName() + " (" + r + ", " + c + ")");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void allocatedCrossbarsAgreeWithCrossbarGroups(CrossbarGeometry g) {
        IntModel model = TestModels.random(7, g.weightBits());
        Mapping m = Mapper.map(model, roomy(g));
        for (LayerMapping l : m.layers()) {
            WeightedLayer w = (WeightedLayer) model.layers().get(l.layerIndex());
            assertEquals(crossbarsCountedFromTheWeights(w, g), l.allocatedCrossbars(), l.layerName());
            int rowTiles = (w.matrixRows() + g.rows() - 1) / g.rows();
            int columnTiles = (w.matrixCols() + g.logicalColumnsPerCrossbar() - 1) / g.logicalColumnsPerCrossbar();
            assertEquals((long) rowTiles * columnTiles, l.denseCrossbars(), l.layerName());
            List<int[]> live = liveRowsFromTheWeights(w, g);
            assertEquals(live.size(), l.columnTiles(), l.layerName());
            for (int t = 0; t < l.columnTiles(); t++) {
                int tile = t;
                int[] placed = l.crossbars().stream().filter(c -> c.columnTile() == tile)
                        .flatMapToInt(c -> java.util.Arrays.stream(c.inputRows().toArray())).toArray();
                assertEquals(IntVector.of(live.get(t)), IntVector.of(placed), l.layerName() + " column tile " + t);
            }
        }
        assertTrue(m.allocatedCrossbars() <= m.denseCrossbars());
    }

    /**
     * The crossbars a layer needs, counted straight from its weight matrix without the mapper's
     * helpers: per column tile, its live rows packed {@code R} to a crossbar.
     */
    private static long crossbarsCountedFromTheWeights(WeightedLayer w, CrossbarGeometry g) {
        return liveRowsFromTheWeights(w, g).stream().mapToLong(live -> (live.length + g.rows() - 1) / g.rows()).sum();
    }

    /**
     * Per column tile of {@code L} logical columns, the rows with a non-zero weight in that tile,
     * ascending, read straight from the weight matrix (column-major: weight {@code [col * rows + row]}).
     */
    private static List<int[]> liveRowsFromTheWeights(WeightedLayer w, CrossbarGeometry g) {
        int rows = w.matrixRows();
        int cols = w.matrixCols();
        int per = g.logicalColumnsPerCrossbar();
        List<int[]> tiles = new ArrayList<>();
        for (int from = 0; from < cols; from += per) {
            List<Integer> live = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                boolean any = false;
                for (int c = from; c < Math.min(cols, from + per) && !any; c++) {
                    any = w.weights().get(c * rows + r) != 0;
                }
                if (any) {
                    live.add(r);
                }
            }
            tiles.add(live.stream().mapToInt(Integer::intValue).toArray());
        }
        return tiles;
    }

    /** Bit-serial inputs through column sums and shift-add recombination give the exact dot product. */
    @ParameterizedTest
    @MethodSource("geometries")
    void bitPlanesRecombineIntoTheExactDotProduct(CrossbarGeometry g) {
        IntModel model = TestModels.random(11, g.weightBits());
        Mapping m = Mapper.map(model, roomy(g));
        Random rnd = new Random(5);
        for (LayerMapping l : m.layers()) {
            WeightedLayer w = (WeightedLayer) model.layers().get(l.layerIndex());
            int[] x = new int[w.matrixRows()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(256);
            }
            long[] expected = new long[w.matrixCols()];
            for (int c = 0; c < expected.length; c++) {
                for (int r = 0; r < x.length; r++) {
                    expected[c] += (long) w.weight(r, c) * x[r];
                }
            }
            long[] got = new long[w.matrixCols()];
            for (CrossbarPlacement xb : l.crossbars()) {
                for (int bit = 0; bit < 8; bit++) {
                    int[] plane = new int[xb.usedRows()];
                    for (int a = 0; a < plane.length; a++) {
                        plane[a] = (x[xb.inputRows().get(a)] >> bit) & 1;
                    }
                    long[] part = xb.partialSums(plane);
                    for (int i = 0; i < part.length; i++) {
                        got[xb.outputColumns().get(i)] += part[i] << bit;
                    }
                }
            }
            assertEquals(IntVector.wrap(toInt(expected)), IntVector.wrap(toInt(got)), l.layerName());
            // multi-bit DACs: 2-bit slices, and whole 8-bit inputs in one read, give the same dot product
            for (int dacBits : new int[] {2, 8}) {
                long[] sliced = new long[w.matrixCols()];
                for (CrossbarPlacement xb : l.crossbars()) {
                    for (int shift = 0; shift < 8; shift += dacBits) {
                        int[] levels = new int[xb.usedRows()];
                        for (int a = 0; a < levels.length; a++) {
                            levels[a] = (x[xb.inputRows().get(a)] >> shift) & ((1 << dacBits) - 1);
                        }
                        long[] part = xb.partialSums(levels);
                        for (int i = 0; i < part.length; i++) {
                            sliced[xb.outputColumns().get(i)] += part[i] << shift;
                        }
                    }
                }
                assertEquals(IntVector.wrap(toInt(expected)), IntVector.wrap(toInt(sliced)),
                        l.layerName() + " with " + dacBits + "-bit DACs");
            }
        }
    }

    private static int[] toInt(long[] v) {
        int[] o = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = Math.toIntExact(v[i]);
        }
        return o;
    }

    /** Flipped columns: exact read-back, exact recombined dot products, and no column above half its maximum. */
    @ParameterizedTest
    @MethodSource("geometries")
    void flippedColumnsRoundTripExactlyAndStayWithinHalf(CrossbarGeometry g) {
        MappingTarget target = new MappingTarget(g, 64, 16, MappingTarget.TilePacking.SHARED, true);
        int mask = (1 << g.bitsPerCell()) - 1;
        long flipped = 0;
        for (long seed = 1; seed <= 3; seed++) {
            IntModel model = TestModels.random(seed, g.weightBits());
            Mapping m = Mapper.map(model, target);
            assertEquals(List.of(), ReadBack.verify(m, model));
            Mapping plain = Mapper.map(model, roomy(g));
            Random rnd = new Random(seed);
            for (int n = 0; n < m.layers().size(); n++) {
                LayerMapping l = m.layers().get(n);
                assertEquals(IntVector.wrap(ReadBack.matrix(plain.layers().get(n))), IntVector.wrap(ReadBack.matrix(l)));
                for (int c = 0; c < l.crossbars().size(); c++) {
                    CrossbarPlacement xb = l.crossbars().get(c);
                    CrossbarPlacement px = plain.layers().get(n).crossbars().get(c);
                    flipped += xb.flippedColumns();
                    int[] ones = new int[xb.usedRows()];
                    java.util.Arrays.fill(ones, 1);
                    for (long s : xb.columnSums(ones)) {
                        assertTrue(2 * s <= (long) xb.usedRows() * mask, l.layerName() + " crossbar " + xb.id() + ": " + s);
                    }
                    for (int trial = 0; trial < 4; trial++) {
                        int[] plane = new int[xb.usedRows()];
                        for (int a = 0; a < plane.length; a++) {
                            plane[a] = rnd.nextInt(2);
                        }
                        assertEquals(IntVector.wrap(toInt(px.partialSums(plane))), IntVector.wrap(toInt(xb.partialSums(plane))));
                    }
                }
            }
        }
        assertTrue(flipped > 0, "some column flipped");
    }

    @Test
    void readBackDetectsACorruptedCell() {
        CrossbarGeometry g = new CrossbarGeometry(8, 16, 2, 6, SignedEncoding.OFFSET);
        IntModel model = TestModels.random(3, 6);
        Mapping m = Mapper.map(model, roomy(g));
        LayerMapping l = m.layers().get(0);
        CrossbarPlacement x = l.crossbars().get(0);
        int[] levels = new int[x.usedRows() * x.usedColumns()];
        for (int a = 0; a < x.usedRows(); a++) {
            for (int j = 0; j < x.usedColumns(); j++) {
                levels[a * x.usedColumns() + j] = x.cells().get(a, j);
            }
        }
        levels[x.usedColumns() + 1] ^= 1; // row 1, slice 1 of output 0
        CrossbarPlacement bad = new CrossbarPlacement(x.id(), x.tile(), x.slot(), x.layerIndex(), x.layerName(), x.columnTile(),
                x.pack(), x.inputRows(), x.outputColumns(), x.columns(), x.offset(),
                CellLevels.of(x.usedRows(), x.usedColumns(), levels));
        List<CrossbarPlacement> xs = new ArrayList<>(l.crossbars());
        xs.set(0, bad);
        LayerMapping badLayer = new LayerMapping(l.layerIndex(), l.layerName(), l.kind(), l.matrixRows(), l.matrixCols(),
                l.weightBits(), l.multiplierFree(), l.rowTiles(), l.columnTiles(), l.denseCrossbars(), xs, l.unstructured());
        Mapping corrupted = new Mapping(m.modelName(), m.target(), List.of(badLayer, m.layers().get(1)));
        List<String> problems = ReadBack.verify(corrupted, model);
        assertEquals(1, problems.size(), problems.toString());
        int row = x.inputRows().get(1);
        assertTrue(problems.get(0).contains("layer 'conv': matrix (row " + row + ", column 0)"), problems.get(0));
    }

    @Test
    void modelThatDoesNotFitListsEveryLayer() {
        CrossbarGeometry g = new CrossbarGeometry(8, 16, 2, 6, SignedEncoding.DIFFERENTIAL);
        IntModel model = TestModels.random(1, 6);
        List<Mapper.LayerDemand> demand = Mapper.demand(model, g);
        long need = demand.stream().mapToLong(Mapper.LayerDemand::crossbars).sum();
        MappingTarget small = new MappingTarget(g, 1, (int) need - 1);
        UserInputException e = assertThrows(UserInputException.class, () -> Mapper.map(model, small));
        String msg = e.getMessage();
        assertTrue(msg.contains("does not fit"), msg);
        assertTrue(msg.contains("layer 'conv': needs " + demand.get(0).crossbars() + " crossbars"), msg);
        assertTrue(msg.contains("layer 'fc': needs " + demand.get(1).crossbars() + " crossbars"), msg);
        assertTrue(msg.contains("total: needs " + need + " crossbar slots, the chip has " + (need - 1)), msg);
        // exactly enough fits
        assertEquals(need, Mapper.map(model, new MappingTarget(g, 1, (int) need)).allocatedCrossbars());
    }

    @Test
    void layerPerTileStartsEachLayerOnAFreshTile() {
        CrossbarGeometry g = new CrossbarGeometry(8, 16, 2, 6, SignedEncoding.DIFFERENTIAL);
        IntModel model = TestModels.random(1, 6);
        Mapping shared = Mapper.map(model, new MappingTarget(g, 64, 4, MappingTarget.TilePacking.SHARED));
        Mapping fresh = Mapper.map(model, new MappingTarget(g, 64, 4, MappingTarget.TilePacking.LAYER_PER_TILE));
        int convCount = shared.layers().get(0).allocatedCrossbars();
        assertEquals(convCount, shared.layers().get(1).crossbars().get(0).id());
        CrossbarPlacement firstFc = fresh.layers().get(1).crossbars().get(0);
        assertEquals(0, firstFc.slot());
        assertEquals((convCount + 3) / 4, firstFc.tile());
        assertFalse(fresh.layers().get(0).tiles().contains(firstFc.tile()));
    }

    @Test
    void mostNegativeWeightIsRejectedForDifferentialPairs() {
        int[][] m = {{-8, 1}, {2, 3}};
        IntModel model = TestModels.model("edge", Shape.flat(2), TestModels.dense("fc", 4, m));
        CrossbarGeometry diff = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.DIFFERENTIAL);
        UserInputException e = assertThrows(UserInputException.class, () -> Mapper.map(model, new MappingTarget(diff, 1, 4)));
        assertTrue(e.getMessage().contains("layer 'fc': weight -8 at matrix (row 0, column 0)"), e.getMessage());
        // offset encoding stores it: -8 + 8 = 0
        CrossbarGeometry off = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.OFFSET);
        Mapping ok = Mapper.map(model, new MappingTarget(off, 1, 4));
        assertEquals(List.of(), ReadBack.verify(ok, model));
    }

    @Test
    void weightsWiderThanTheChipAreRejected() {
        int[][] m = {{100, 1}, {2, 3}};
        IntModel model = TestModels.model("wide", Shape.flat(2), TestModels.dense("fc", 8, m));
        CrossbarGeometry g = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.OFFSET);
        UserInputException e = assertThrows(UserInputException.class, () -> Mapper.map(model, new MappingTarget(g, 1, 4)));
        assertTrue(e.getMessage().contains("layer 'fc': 8-bit weights exceed the chip's 4-bit weights"), e.getMessage());
    }

    @Test
    void unstructuredEstimatePacksEachColumnSeparately() {
        // L = 2: column tile 0 = columns {0, 1} with 3 and 1 non-zeros; R = 2 -> ceil(3/2) = 2 crossbars.
        // Column tile 1 = column {2} with 1 non-zero -> 1. Crossbar-aligned: tile 0 has 4 live rows -> 2.
        int[][] w = {
            {1, 0, 0},
            {0, 2, 0},
            {3, 0, 0},
            {4, 0, 5},
        };
        IntModel model = TestModels.model("u", Shape.flat(4), TestModels.dense("fc", 4, w));
        CrossbarGeometry g = new CrossbarGeometry(2, 8, 2, 4, SignedEncoding.DIFFERENTIAL);
        LayerMapping l = Mapper.map(model, new MappingTarget(g, 1, 8)).layers().get(0);
        assertEquals(new UnstructuredEstimate(3, 5, 2), l.unstructured());
        assertEquals(2 + 1, l.allocatedCrossbars()); // tile 0: 4 live rows -> 2; tile 1: row 3 -> 1
        assertEquals(4, l.denseCrossbars());
    }
}
