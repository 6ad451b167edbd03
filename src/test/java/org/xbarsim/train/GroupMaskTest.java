package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.Shape;

/** Crossbar counts of pruned conv and dense layers against counts made by hand. */
class GroupMaskTest {
    private static final double SQRT = BudgetAllocation.SQRT.exponent();
    private static final double UNIFORM = BudgetAllocation.UNIFORM.exponent();

    // 128 rows, 128 columns, 2-bit cells, 8-bit differential weights: 8 physical columns per weight, L = 16
    private static final CrossbarGeometry ISAAC = CrossbarGeometry.isaacLike();

    private static Architecture.Weighted conv(int cin, int cout) {
        return new Architecture.Weighted("c", 0, new Shape(cin, 8, 8), new Shape(cout, 8, 8), cin, cout, 3, 1, false);
    }

    private static Architecture.Weighted dense(int in, int out) {
        return new Architecture.Weighted("d", 0, Shape.flat(in), Shape.flat(out), in, out, 0, 0, false);
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return b;
    }

    @Test
    void unprunedConvNeedsRowTilesTimesColumnTiles() {
        // 16 channels x 3x3 = 144 rows -> 2 row tiles; 40 filters -> 3 column tiles of 16
        GroupMask m = GroupMask.full(conv(16, 40), ISAAC);
        assertEquals(3, m.tiles);
        assertEquals(6, m.crossbars(ISAAC));
    }

    @Test
    void kernelGroupsPackLiveRowsOfOneColumnTile() {
        Architecture.Weighted l = conv(16, 40);
        boolean[] groups = all(3 * 16);
        // tile 0 loses 2 channels: 144 - 18 = 126 live rows -> 1 crossbar (was 2)
        groups[0 * 16 + 3] = false;
        groups[0 * 16 + 9] = false;
        // tile 2 loses 1 channel: 135 rows -> still 2 crossbars
        groups[2 * 16 + 0] = false;
        GroupMask m = new GroupMask(l, all(40), new boolean[16], groups, 16);
        assertEquals(1 + 2 + 2, m.crossbars(ISAAC));
        assertEquals(40 * 144 - 2 * 9 * 16 - 9 * 8, m.keptWeights()); // tile 2 holds filters 32..39 only
        assertEquals(3, m.prunedKernelGroups().size());
    }

    @Test
    void prunedFiltersMoveToTheLastTilesAndFreeThem() {
        Architecture.Weighted l = conv(16, 40);
        boolean[] filters = all(40);
        // prune 8 filters spread over the layer: 32 kept -> exactly 2 column tiles, the third is empty
        for (int f : new int[] {0, 5, 11, 17, 23, 29, 35, 39}) {
            filters[f] = false;
        }
        GroupMask m = new GroupMask(l, filters, new boolean[16], all(3 * 16), 16);
        assertEquals(2 * 2, m.crossbars(ISAAC));
        assertEquals(1, m.order[0]);
        assertEquals(0, m.order[32]);
    }

    @Test
    void deadInputChannelsFromThePreviousLayerAreFree() {
        Architecture.Weighted l = conv(16, 16);
        boolean[] dead = new boolean[16];
        dead[0] = true;
        dead[1] = true; // 144 - 18 = 126 rows -> 1 crossbar
        GroupMask m = new GroupMask(l, all(16), dead, all(16), 16);
        assertEquals(1, m.crossbars(ISAAC));
    }

    @Test
    void denseKernelGroupsAreSingleRows() {
        // 300 inputs -> 3 row tiles; 20 outputs -> 2 column tiles: 6 crossbars
        Architecture.Weighted l = dense(300, 20);
        assertEquals(6, GroupMask.full(l, ISAAC).crossbars(ISAAC));
        boolean[] groups = all(2 * 300);
        for (int i = 0; i < 50; i++) {
            groups[300 + i * 3] = false; // tile 1 keeps 250 rows -> 2 crossbars
        }
        GroupMask m = new GroupMask(l, all(20), new boolean[300], groups, 16);
        assertEquals(3 + 2, m.crossbars(ISAAC));
    }

    @Test
    void offsetEncodingChangesTheTileWidth() {
        // offset: ceil(8/2) = 4 columns per weight -> L = 32; 40 filters -> 2 tiles; 144 rows -> 2 row tiles
        CrossbarGeometry offset = new CrossbarGeometry(128, 128, 2, 8, SignedEncoding.OFFSET);
        assertEquals(4, GroupMask.full(conv(16, 40), offset).crossbars(offset));
    }

    @Test
    void selectorMeetsABudgetOnRandomWeights() {
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        FloatParams p = FloatParams.init(a, 7);
        GroupSelector s = new GroupSelector(a, ISAAC);
        assertEquals(42, s.unpruned().crossbars()); // 1 + 2 + 4*8 + 1*6 + 1*1
        GroupSelector.Selection sel = s.forBudget(p, 12);
        assertEquals(true, sel.crossbars() <= 12);
        assertEquals(true, s.forBudget(p, 12).crossbars() == sel.crossbars()); // deterministic
        GroupSelector.Selection sp = s.forSparsity(p, 0.8);
        assertEquals(true, sp.sparsity() >= 0.8 && sp.sparsity() < 0.9, "sparsity " + sp.sparsity());
    }

    @Test
    void aSparsityFloorPrunesOnlyWithinTheBudgetsSelectionAndKeepsItsBudget() {
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        FloatParams p = FloatParams.init(a, 7);
        GroupSelector s = new GroupSelector(a, ISAAC);
        GroupSelector.Selection budget = s.forBudget(p, 12);
        double target = budget.sparsity() + 0.05;
        GroupSelector.Selection both = s.atLeastSparsity(p, budget, target);
        assertTrue(both.sparsity() >= target && both.sparsity() < target + 0.02, "sparsity " + both.sparsity());
        assertTrue(both.crossbars() <= budget.crossbars(), both.crossbars() + " > " + budget.crossbars());
        for (int l = 0; l < budget.masks().size(); l++) {
            GroupMask before = budget.masks().get(l);
            GroupMask after = both.masks().get(l);
            assertArrayEquals(before.keptFilter, after.keptFilter);
            for (int g = 0; g < before.keptGroup.length; g++) {
                assertTrue(before.keptGroup[g] || !after.keptGroup[g], "layer " + l + " group " + g + " came back");
            }
        }
        // a floor the budget already meets changes nothing
        assertEquals(budget, s.atLeastSparsity(p, budget, budget.sparsity() - 0.01));
    }

    private static double maxLayerSparsity(GroupSelector.Selection s) {
        return s.masks().stream().mapToDouble(m -> 1.0 - (double) m.keptWeights() / m.layer.weightCount()).max()
                .orElseThrow();
    }

    /** LeNet-5 with fc1's weights spread unevenly, so one shared threshold prunes fc1 hardest. */
    private static FloatParams unevenLenet(Architecture a) {
        FloatParams p = FloatParams.init(a, 7);
        INDArray fc1 = p.weights.get(2);
        long inputs = fc1.size(0);
        // inputs in the first tenth keep their size, the others shrink: most of fc1's groups score low
        fc1.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(inputs / 10, inputs),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).muli(0.2);
        return p;
    }

    @Test
    void aLayerCapStopsEveryLayerAtTheCapAndTheOthersMakeUpTheTarget() {
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        FloatParams p = unevenLenet(a);
        GroupSelector s = new GroupSelector(a, ISAAC);
        double target = 0.6;
        double cap = 0.7;
        GroupSelector.Selection free = s.forSparsity(p, target);
        assertTrue(maxLayerSparsity(free) > cap, "uncapped: a layer should pass the cap, max " + maxLayerSparsity(free));
        GroupSelector.Selection capped = s.forSparsity(p, target, cap);
        assertTrue(maxLayerSparsity(capped) <= cap, "capped: max layer sparsity " + maxLayerSparsity(capped));
        assertTrue(capped.sparsity() >= target && capped.sparsity() < target + 0.02, "sparsity " + capped.sparsity());
        // the cap 1 is no cap
        GroupSelector.Selection none = s.forSparsity(p, target, GroupSelector.NO_LAYER_CAP);
        assertEquals(free.keptWeights(), none.keptWeights());
        for (int l = 0; l < free.masks().size(); l++) {
            assertArrayEquals(free.masks().get(l).keptGroup, none.masks().get(l).keptGroup, "layer " + l);
        }
    }

    @Test
    void aCapThatCannotReachTheTargetGivesTheMostItAllows() {
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        FloatParams p = unevenLenet(a);
        GroupSelector s = new GroupSelector(a, ISAAC);
        GroupSelector.Selection capped = s.forSparsity(p, 0.5, 0.5);
        assertTrue(maxLayerSparsity(capped) <= 0.5, "max layer sparsity " + maxLayerSparsity(capped));
        assertTrue(capped.sparsity() < 0.5 && capped.sparsity() > 0.4, "sparsity " + capped.sparsity());
    }

    @Test
    void aCappedSparsityFloorKeepsTheBudgetAndTheCap() {
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        FloatParams p = unevenLenet(a);
        GroupSelector s = new GroupSelector(a, ISAAC);
        GroupSelector.Selection budget = s.forBudget(p, 12);
        double before = maxLayerSparsity(budget);
        double target = budget.sparsity() + 0.03;
        double cap = Math.max(before, target) + 0.01;
        GroupSelector.Selection free = s.atLeastSparsity(p, budget, target);
        GroupSelector.Selection both = s.atLeastSparsity(p, budget, target, cap);
        assertTrue(both.sparsity() >= target, "sparsity " + both.sparsity());
        assertTrue(both.crossbars() <= budget.crossbars(), both.crossbars() + " > " + budget.crossbars());
        for (int l = 0; l < both.masks().size(); l++) {
            GroupMask m = both.masks().get(l);
            double ls = 1.0 - (double) m.keptWeights() / m.layer.weightCount();
            double was = 1.0 - (double) budget.masks().get(l).keptWeights() / m.layer.weightCount();
            assertTrue(ls <= Math.max(cap, was) + 1e-12, "layer " + l + ": " + ls + " above the cap " + cap);
        }
        assertTrue(maxLayerSparsity(free) >= maxLayerSparsity(both), "the cap should not prune more");
    }

    @Test
    void rescalingKeepsEachLayersWeightEnergyThroughPruning() {
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        FloatParams p = FloatParams.init(a, 7);
        GroupSelector.Selection sel = new GroupSelector(a, ISAAC).forSparsity(p, 0.5);
        double[] before = p.weights.stream().mapToDouble(w -> w.norm2Number().doubleValue()).toArray();
        FloatParams plain = p.copy();
        Trainer.rescaleKept(p, sel.masks());
        Trainer.applyMasks(p, Trainer.maskArrays(sel.masks()));
        Trainer.applyMasks(plain, Trainer.maskArrays(sel.masks()));
        boolean shrank = false;
        for (int l = 0; l < before.length; l++) {
            double after = p.weights.get(l).norm2Number().doubleValue();
            assertEquals(before[l], after, 1e-4 * before[l], "layer " + l);
            shrank |= plain.weights.get(l).norm2Number().doubleValue() < 0.9 * before[l];
            // the same weights are zero with and without rescaling
            assertEquals(plain.weights.get(l).eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().longValue(),
                    p.weights.get(l).eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().longValue());
        }
        assertTrue(shrank, "plain pruning should lose a layer's energy");
    }

    @Test
    void rescalingIsBoundedWhenALayerLosesAlmostEverything() {
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        FloatParams p = unevenLenet(a);
        GroupSelector.Selection sel = new GroupSelector(a, ISAAC).forSparsity(p, 0.97);
        FloatParams plain = p.copy();
        Trainer.rescaleKept(p, sel.masks());
        Trainer.applyMasks(p, Trainer.maskArrays(sel.masks()));
        Trainer.applyMasks(plain, Trainer.maskArrays(sel.masks()));
        for (int l = 0; l < p.weights.size(); l++) {
            double plainNorm = plain.weights.get(l).norm2Number().doubleValue();
            double norm = p.weights.get(l).norm2Number().doubleValue();
            assertTrue(norm <= Trainer.MAX_RESCALE * plainNorm * (1 + 1e-6), "layer " + l + ": " + norm + " vs " + plainNorm);
        }
    }

    @Test
    void aNarrowLayerKeepsTheMinimumInputUnitsPerTile() {
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        Architecture.Weighted narrow = conv(8, 20); // L = 16: two column tiles, 8 input units each
        float[] w = new float[narrow.weightCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i * 0.7);
        }
        GroupMask usual = new GroupSelector(a, ISAAC).selectLayer(narrow, w, null, Double.MAX_VALUE);
        GroupMask four = new GroupSelector(a, ISAAC).minKeptUnits(4).selectLayer(narrow, w, null, Double.MAX_VALUE);
        GroupMask all = new GroupSelector(a, ISAAC).minKeptUnits(100).selectLayer(narrow, w, null, Double.MAX_VALUE);
        for (int t = 0; t < 2; t++) {
            assertEquals(1, keptIn(usual, t, 8), "tile " + t + ": one unit, the usual floor");
            assertEquals(4, keptIn(four, t, 8), "tile " + t);
            assertEquals(8, keptIn(all, t, 8), "tile " + t + ": a minimum above the live units keeps them all");
        }
    }

    private static int keptIn(GroupMask m, int tile, int units) {
        int n = 0;
        for (int u = 0; u < units; u++) {
            n += m.keptGroup[tile * units + u] ? 1 : 0;
        }
        return n;
    }

    @Test
    void budgetIsSharedSoBigLayersGiveUpMore() {
        // LeNet-5 at 128x128 / L = 16: conv1 1, conv2 2, fc1 32, fc2 6, fc3 1 crossbars
        long[] share = GroupSelector.allocate(new long[] {1, 2, 32, 6, 1}, new long[] {1, 1, 1, 1, 1}, 10, SQRT);
        assertEquals(10, java.util.Arrays.stream(share).sum());
        assertEquals(1, share[0]);
        assertEquals(1, share[4]);
        assertTrue(share[2] >= 4 && share[2] > share[3], java.util.Arrays.toString(share));
        // nothing to cut: every layer keeps what it has
        assertArrayEquals(new long[] {1, 2, 32}, GroupSelector.allocate(new long[] {1, 2, 32}, new long[] {1, 1, 1}, 50, SQRT));
    }

    @Test
    void uniformAllocationCutsEveryLayerByAboutTheSameFactor() {
        // vgg-small at width 0.5: 1, 2, 4, 6, 52, 1 crossbars; 11 of 66 is a 6x cut
        long[] dense = {1, 2, 4, 6, 52, 1};
        long[] least = {1, 1, 1, 1, 1, 1};
        long[] uniform = GroupSelector.allocate(dense, least, 11, UNIFORM);
        long[] sqrt = GroupSelector.allocate(dense, least, 11, SQRT);
        assertArrayEquals(new long[] {1, 1, 1, 1, 6, 1}, uniform);
        assertArrayEquals(new long[] {1, 1, 2, 2, 4, 1}, sqrt);
        // with room for it, each layer keeps about a third
        assertArrayEquals(new long[] {1, 1, 2, 2, 17, 1}, GroupSelector.allocate(dense, least, 24, UNIFORM));
    }

    @Test
    void energyAllocationGivesCrossbarsWhereTheWeightEnergyIs() {
        // fc1 (400 -> 120) holds its energy in 3 column tiles (48 filters) x 128 inputs and fc2 in one
        // column tile: a few crossbars keep almost all of it, while conv2's energy is spread over both
        // of its crossbars, so conv2 gets its second one
        Architecture a = Architecture.of("lenet5", new Shape(1, 28, 28), 10, 1);
        FloatParams p = FloatParams.init(a, 7);
        INDArray fc1 = p.weights.get(2);
        for (int co = 0; co < 120; co++) {
            for (int ci = 0; ci < 400; ci++) {
                if (co >= 48 || ci >= 128) {
                    fc1.putScalar(new long[] {co, ci}, fc1.getDouble(co, ci) * 1e-3);
                }
            }
        }
        INDArray fc2 = p.weights.get(3); // 120 -> 84: its energy in the first column tile
        for (int co = 16; co < 84; co++) {
            fc2.getRow(co).muli(1e-3);
        }
        GroupSelector s = new GroupSelector(a, ISAAC, BudgetAllocation.ENERGY);
        long[] dense = {1, 2, 32, 6, 1};
        long[] least = {1, 1, 1, 1, 1};
        long[] share = s.allocateGreedy(p, dense, least, 10, GroupSelector.energyCost(p));
        assertEquals(10, java.util.Arrays.stream(share).sum(), java.util.Arrays.toString(share));
        assertEquals(2, share[1], java.util.Arrays.toString(share));
        assertTrue(share[2] >= 3, java.util.Arrays.toString(share));
        for (int i = 0; i < share.length; i++) {
            assertTrue(share[i] >= least[i] && share[i] <= dense[i], java.util.Arrays.toString(share));
        }
        GroupSelector.Selection sel = s.forBudget(p, 10);
        assertTrue(sel.crossbars() <= 10, "crossbars " + sel.crossbars());
        // a budget above the unpruned count is not spent
        assertArrayEquals(dense, s.allocateGreedy(p, dense, least, 60, GroupSelector.energyCost(p)));
    }
}
