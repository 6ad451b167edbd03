package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.CrossbarGeometry;

/**
 * The random-model generator's contracts checked exactly: which weights pruning zeroes (and only
 * those), how much of the budget each kind of structure may take, the VGG-16 layout at an odd width,
 * the calibration helpers at their boundaries, and the seed mixer against published test vectors.
 */
class RandomModelsPropertiesTest {
    private static final CrossbarGeometry G = CrossbarGeometry.isaacLike();

    @Test
    void pruningZeroesExactlyTheListedStructuresWithinEachKindsShareOfTheBudget() {
        List<IntModel> bases = List.of(RandomModels.vggSmall(4), RandomModels.lenet5(3), RandomModels.mlp(2));
        for (IntModel base : bases) {
            // 0.1171875 of the MLP's 784 x 256 fc1 is 23,520 weights: a tenth of it is exactly 3 filters of 784
            for (double target : new double[] {0.0, 0.1171875, 0.3, 0.6, 0.85}) {
                IntModel p = RandomModels.prune(base, G, target, 17);
                for (int li = 0; li < base.weightedLayers().size(); li++) {
                    boolean logits = li == base.weightedLayers().size() - 1;
                    checkLayer(base.weightedLayers().get(li), p.weightedLayers().get(li), target, logits,
                            base.name() + " at " + target);
                }
            }
        }
        // near-total sparsity: LeNet-5's 84 x 10 logits layer could lose a whole filter (a tenth of
        // round(0.9999 x 840) = 840 is 84 rows), but logits keep every filter
        IntModel lenet = RandomModels.lenet5(3);
        IntModel p = RandomModels.prune(lenet, G, 0.9999, 17);
        int last = lenet.weightedLayers().size() - 1;
        checkLayer(lenet.weightedLayers().get(last), p.weightedLayers().get(last), 0.9999, true, "lenet5 at 0.9999");
    }

    private static void checkLayer(WeightedLayer before, WeightedLayer after, double target, boolean logits, String what) {
        String at = what + ", " + after.name();
        int rows = before.matrixRows();
        int cols = before.matrixCols();
        int r0 = G.rows();
        int l = G.logicalColumnsPerCrossbar();
        int rowTiles = (rows + r0 - 1) / r0;
        int colTiles = (cols + l - 1) / l;
        int channels = before.inputChannelOfRow(rows - 1) + 1;
        long budget = Math.round(target * (long) rows * cols);
        LayerPruning pr = after.pruning();

        boolean[][] filterMask = new boolean[rows][cols];
        for (int f : pr.filters()) {
            for (int row = 0; row < rows; row++) {
                filterMask[row][f] = true;
            }
            assertEquals(0, after.bias().get(f), at + ": pruned filter " + f + " keeps its bias");
        }
        // filters take whole columns while they fit in a tenth of the budget: exactly this many
        long filtersExpected = logits || cols <= 1 ? 0 : Math.min(cols, (budget / 10) / rows);
        assertEquals(filtersExpected, pr.filters().size(), at + ": filters");

        boolean[][] blockMask = copy(filterMask);
        int[] blocksInTile = new int[colTiles];
        for (LayerPruning.BlockRef b : pr.crossbarBlocks()) {
            blocksInTile[b.colTile()]++;
            for (int row = b.rowTile() * r0; row < Math.min(rows, (b.rowTile() + 1) * r0); row++) {
                for (int col = b.colTile() * l; col < Math.min(cols, (b.colTile() + 1) * l); col++) {
                    blockMask[row][col] = true;
                }
            }
        }
        if (rowTiles == 1) {
            assertTrue(pr.crossbarBlocks().isEmpty(), at + ": a single row tile has no block to prune");
        }
        for (int ct = 0; ct < colTiles; ct++) {
            assertTrue(blocksInTile[ct] < rowTiles || rowTiles == 1, at + ": every row tile of column tile " + ct + " pruned");
        }
        if (!pr.crossbarBlocks().isEmpty()) {
            assertTrue(count(blockMask) <= budget / 3, at + ": blocks exceed a third of the budget");
        }
        // greedy: a block left out either sits in a column tile that may lose no more, or does not fit
        if (rowTiles > 1) {
            java.util.Set<LayerPruning.BlockRef> listed = new java.util.HashSet<>(pr.crossbarBlocks());
            long taken = count(blockMask);
            for (int rt = 0; rt < rowTiles; rt++) {
                for (int ct = 0; ct < colTiles; ct++) {
                    if (listed.contains(new LayerPruning.BlockRef(rt, ct)) || blocksInTile[ct] == rowTiles - 1) {
                        continue;
                    }
                    long area = (long) (Math.min(rows, (rt + 1) * r0) - rt * r0) * (Math.min(cols, (ct + 1) * l) - ct * l);
                    assertTrue(taken + area > budget / 3, at + ": block (" + rt + ", " + ct + ") fits but was left");
                }
            }
        }

        boolean[][] mask = copy(blockMask);
        int[] groupsInTile = new int[colTiles];
        long largestGroup = 0;
        for (LayerPruning.KernelGroupRef g : pr.kernelGroups()) {
            groupsInTile[g.colTile()]++;
            long size = 0;
            for (int row = 0; row < rows; row++) {
                if (before.inputChannelOfRow(row) != g.inputChannel()) {
                    continue;
                }
                for (int col = g.colTile() * l; col < Math.min(cols, (g.colTile() + 1) * l); col++) {
                    mask[row][col] = true;
                    size++;
                }
            }
            largestGroup = Math.max(largestGroup, size);
            assertTrue(newZeros(before, g.colTile(), g.inputChannel(), blockMask, l) > 0,
                    at + ": kernel group " + g + " was already zero");
        }
        int possibleGroups = 0;
        for (int ct = 0; ct < colTiles; ct++) {
            assertTrue(groupsInTile[ct] <= channels - 1, at + ": column tile " + ct + " lost its last live channel");
            possibleGroups += channels - 1;
        }

        // the weights: zero inside the union of the listed structures, unchanged outside it
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                int expected = mask[row][col] ? 0 : before.weight(row, col);
                assertEquals(expected, after.weight(row, col), at + " weight (" + row + ", " + col + ")");
            }
        }
        long zeros = count(mask);
        // the budget is met unless every group that may go has gone, and overshot by less than one group
        assertTrue(zeros >= budget || pr.kernelGroups().size() == possibleGroups || everyGroupLeftIsFullOrZero(before, pr,
                groupsInTile, channels, colTiles, mask, l), at + ": " + zeros + " < " + budget);
        assertTrue(zeros < budget + Math.max(1, largestGroup) || pr.kernelGroups().isEmpty(),
                at + ": " + zeros + " zeros overshoot the budget " + budget);
        assertSorted(pr, at);
    }

    /** Weights of kernel group (colTile, channel) not yet in {@code mask}. */
    private static long newZeros(WeightedLayer layer, int colTile, int channel, boolean[][] mask, int l) {
        long n = 0;
        for (int row = 0; row < layer.matrixRows(); row++) {
            if (layer.inputChannelOfRow(row) != channel) {
                continue;
            }
            for (int col = colTile * l; col < Math.min(layer.matrixCols(), (colTile + 1) * l); col++) {
                n += mask[row][col] ? 0 : 1;
            }
        }
        return n;
    }

    /** Short of the budget: every group not taken is in a tile at its limit or adds no zero. */
    private static boolean everyGroupLeftIsFullOrZero(WeightedLayer layer, LayerPruning pr, int[] groupsInTile, int channels,
                                                      int colTiles, boolean[][] mask, int l) {
        java.util.Set<LayerPruning.KernelGroupRef> listed = new java.util.HashSet<>(pr.kernelGroups());
        for (int ct = 0; ct < colTiles; ct++) {
            for (int ch = 0; ch < channels; ch++) {
                if (!listed.contains(new LayerPruning.KernelGroupRef(ct, ch)) && groupsInTile[ct] < channels - 1
                        && newZeros(layer, ct, ch, mask, l) > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void assertSorted(LayerPruning pr, String at) {
        List<Integer> f = new ArrayList<>(pr.filters());
        f.sort(null);
        assertEquals(f, pr.filters(), at + ": filters unsorted");
        for (int i = 1; i < pr.crossbarBlocks().size(); i++) {
            LayerPruning.BlockRef a = pr.crossbarBlocks().get(i - 1);
            LayerPruning.BlockRef b = pr.crossbarBlocks().get(i);
            assertTrue(a.rowTile() < b.rowTile() || a.rowTile() == b.rowTile() && a.colTile() < b.colTile(), at + ": blocks");
        }
        for (int i = 1; i < pr.kernelGroups().size(); i++) {
            LayerPruning.KernelGroupRef a = pr.kernelGroups().get(i - 1);
            LayerPruning.KernelGroupRef b = pr.kernelGroups().get(i);
            assertTrue(a.colTile() < b.colTile() || a.colTile() == b.colTile() && a.inputChannel() < b.inputChannel(),
                    at + ": kernel groups");
        }
    }

    private static boolean[][] copy(boolean[][] m) {
        boolean[][] c = new boolean[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static long count(boolean[][] m) {
        long n = 0;
        for (boolean[] row : m) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void pruningRefusesSparsityOutsideZeroToOneAndWiderWeightsThanTheGeometry() {
        IntModel m = RandomModels.mlp(1);
        assertThrows(IllegalArgumentException.class, () -> RandomModels.prune(m, G, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomModels.prune(m, G, -0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomModels.prune(m, G, Double.NaN, 1));
        CrossbarGeometry fourBit = new CrossbarGeometry(G.rows(), G.columns(), G.bitsPerCell(), 4, G.encoding());
        assertThrows(IllegalArgumentException.class, () -> RandomModels.prune(m, fourBit, 0.5, 1));
        assertEquals(0, RandomModels.prune(m, G, 0.0, 1).zeroWeightCount() - m.zeroWeightCount());
    }

    @Test
    void vgg16ScalesEveryBlockByTheWidthAndPoolsWhileTheMapIsAtLeastTwoPixels() {
        IntModel m = RandomModels.vgg16(1, 3, new Shape(3, 32, 32));
        List<Integer> outs = new ArrayList<>();
        for (Layer layer : m.layers()) {
            if (layer instanceof Conv2d c) {
                outs.add(c.outChannels());
            }
        }
        assertEquals(List.of(3, 3, 6, 6, 12, 12, 12, 24, 24, 24, 24, 24, 24), outs);
        assertEquals(List.of("conv1_1", "conv1_2", "pool1", "conv2_1", "conv2_2", "pool2", "conv3_1", "conv3_2", "conv3_3",
                "pool3", "conv4_1", "conv4_2", "conv4_3", "pool4", "conv5_1", "conv5_2", "conv5_3", "pool5", "flatten", "fc1",
                "fc2"), m.layers().stream().map(Layer::name).toList());
        // every hidden weighted layer is an 8-bit ReLU, the logits 16-bit without activation
        for (WeightedLayer w : m.weightedLayers()) {
            boolean logits = w == m.weightedLayers().get(m.weightedLayers().size() - 1);
            assertEquals(logits ? Activation.NONE : Activation.RELU, w.activation(), w.name());
            assertEquals(logits ? 16 : 8, w.outputBits(), w.name());
        }
        Dense fc1 = (Dense) m.weightedLayers().get(13);
        assertEquals(24, fc1.outFeatures());
        assertEquals(24, fc1.inFeatures()); // 24 channels at 1x1 after five pools
        assertEquals(5, pools(m));
        assertEquals(1, pools(RandomModels.vgg16(1, 1, new Shape(1, 2, 2))), "2x2 pools once, then 1x1 stops");
        assertEquals(1, pools(RandomModels.vgg16(1, 1, new Shape(1, 8, 3))), "3 wide pools once to 1 wide");
        assertEquals(0, pools(RandomModels.vgg16(1, 1, new Shape(1, 1, 8))), "1 high never pools");
        assertEquals(1, pools(RandomModels.vgg16(1, 1, new Shape(1, 3, 8))), "3 high pools once to 1 high");
        assertThrows(IllegalArgumentException.class, () -> RandomModels.vgg16(1, 0, new Shape(1, 8, 8)));
    }

    private static long pools(IntModel m) {
        return m.layers().stream().filter(x -> x instanceof MaxPool2d).count();
    }

    @Test
    void percentileIsTheNearestRank() {
        assertEquals(0, RandomModels.percentile(new long[0], 50));
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[99 - i] = i + 1; // unsorted on purpose
        }
        assertEquals(99, RandomModels.percentile(hundred.clone(), 99));
        assertEquals(100, RandomModels.percentile(hundred.clone(), 100));
        assertEquals(1, RandomModels.percentile(hundred.clone(), 1));
        assertEquals(1, RandomModels.percentile(hundred.clone(), 0));
        long[] ten = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertEquals(5, RandomModels.percentile(ten.clone(), 50));   // rank ceil(5.0) = 5
        assertEquals(6, RandomModels.percentile(ten.clone(), 51));   // rank ceil(5.1) = 6
        assertEquals(10, RandomModels.percentile(ten.clone(), 99));  // rank ceil(9.9) = 10
        assertEquals(10, RandomModels.percentile(ten.clone(), 150)); // past the end: the largest
    }

    @Test
    void shiftForIsTheSmallestShiftThatBringsTheValueToTheTarget() {
        assertEquals(0, RandomModels.shiftFor(0, 160));
        assertEquals(0, RandomModels.shiftFor(160, 160));
        assertEquals(1, RandomModels.shiftFor(161, 160));  // (161 + 1) >> 1 = 81
        assertEquals(1, RandomModels.shiftFor(320, 160));  // (320 + 1) >> 1 = 160
        assertEquals(2, RandomModels.shiftFor(321, 160));  // (321 + 1) >> 1 = 161, too much
        assertEquals(62, RandomModels.shiftFor(Long.MAX_VALUE / 2, 0));
    }

    @Test
    void multiplierForPicksAFifteenBitNonPowerOfTwoMultiplier() {
        // high = target: 2^14 << 0 would be exact, but a power of two is moved off by one
        assertEquals(new Requant((1 << 14) + 1, 14), RandomModels.multiplierFor(200, 200));
        // the first shift whose multiplier reaches 2^14: 4000 << 3 / 3 = 10666 < 2^14, << 4 gives 21333
        assertEquals(new Requant(21333, 4), RandomModels.multiplierFor(3, 4000));
        // a target far above the value: clamped just under 2^15 at shift 0
        assertEquals(new Requant((1 << 15) - 1, 0), RandomModels.multiplierFor(1, 40_000));
        // at the boundaries: exactly 2^15 at shift 0 is clamped; 2^14 is first reached at the last shift, 62
        assertEquals(new Requant((1 << 15) - 1, 0), RandomModels.multiplierFor(1, 1 << 15));
        assertEquals(new Requant((1 << 14) + 1, 62), RandomModels.multiplierFor(1L << 48, 1));
        // zero is treated as one
        assertEquals(RandomModels.multiplierFor(1, 160), RandomModels.multiplierFor(0, 160));
        for (long high : new long[] {1, 7, 999, 123_456_789L}) {
            Requant q = RandomModels.multiplierFor(high, 160);
            assertTrue(q.multiplier() >= 1 << 14 && q.multiplier() < 1 << 15, q.toString());
            assertTrue(Long.bitCount(q.multiplier()) > 1, q.toString());
            long mapped = IntOps.roundShift(high * q.multiplier(), q.shift());
            assertTrue(Math.abs(mapped - 160) <= 1, high + " maps to " + mapped);
        }
    }

    @Test
    void streamSeedIsFnv1aOfTheNameMixedBySplitMix64() {
        // Published vectors: FNV-1a 64 of "" is its offset basis 0xcbf29ce484222325 and of "a" is
        // 0xaf63dc4c8601ec8c; SplitMix64 seeded with 0 first returns 0xe220a8397b1dcdaf, the mix of
        // its increment 0x9e3779b97f4a7c15. XOR-ing the seed with the name's hash makes the mixer's
        // input exactly that increment.
        long gamma = 0x9e3779b97f4a7c15L;
        assertEquals(0xe220a8397b1dcdafL, RandomModels.streamSeed(gamma ^ 0xcbf29ce484222325L, ""));
        assertEquals(0xe220a8397b1dcdafL, RandomModels.streamSeed(gamma ^ 0xaf63dc4c8601ec8cL, "a"));
        // the second SplitMix64 output (seed 0) is the mix of twice the increment
        assertEquals(0x6e789e6aa1b965f4L, RandomModels.streamSeed((2 * gamma) ^ 0xcbf29ce484222325L, ""));
    }
}
