package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.vocabulary.Action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.AdcSpec;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.CrossbarSpec;
import org.xbarsim.arch.DacSpec;
import org.xbarsim.arch.NetworkSpec;
import org.xbarsim.arch.NetworkTopology;
import org.xbarsim.arch.SampleHoldSpec;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.arch.UnitSpec;
import org.xbarsim.arch.WeightStorage;

/** The cost model on a tiny chip with round cost figures, checked against sums worked by hand. */
class CostModelTest {
    static final double EPS = 1e-9;

    /** 4x8 arrays of 2-bit cells, 4-bit offset weights, 2 ADCs per array, 2 GHz, 2 tiles per router. */
    static Chip tinyChip() {
        TileSpec tile = new TileSpec(4, new CrossbarSpec(4, 8, 2, 10), new WeightStorage(4, SignedEncoding.OFFSET),
                new DacSpec(1), new AdcSpec(8, 4, 1), new SampleHoldSpec(1), new UnitSpec(3, 1), 16,
                new BufferSpec(100, 8, 2), new BufferSpec(50, 8, 1), new UnitSpec(2, 1), new UnitSpec(1, 1),
                new UnitSpec(5, 1));
        return new Chip("tiny", 2.0, 4, tile, new NetworkSpec(NetworkTopology.MESH, 2, 1, 4));
    }

    static ComponentCost cost(ComponentKind k, double area, double leak, double... energies) {
        Map<Action, Double> e = new java.util.EnumMap<>(Action.class);
        int i = 0;
        for (Action a : k.actions()) {
            e.put(a, energies[i++]);
        }
        return new ComponentCost(k, e, area, leak, "hand-made test figure");
    }

    static CostTable roundTable() {
        return new CostTable(List.of(
                cost(ComponentKind.CROSSBAR, 2, 0.01, 0.5),       // per cell
                cost(ComponentKind.DAC, 3, 0.1, 1),
                cost(ComponentKind.ADC, 100, 1, 10),
                cost(ComponentKind.SAMPLE_HOLD, 0.5, 0, 0.25),
                cost(ComponentKind.SHIFT_ADD, 20, 0.5, 2),
                cost(ComponentKind.MULTIPLIER, 40, 2, 4),
                cost(ComponentKind.INPUT_BUFFER, 1, 0.001, 0.5, 1),  // per byte; read, write
                cost(ComponentKind.OUTPUT_BUFFER, 2, 0, 0.25, 0.75),
                cost(ComponentKind.ACTIVATION, 30, 0, 3),
                cost(ComponentKind.POOLING, 10, 0, 1),
                cost(ComponentKind.NETWORK, 1000, 5, 8),
                cost(ComponentKind.REGISTER, 0.5, 0, 0.125),
                cost(ComponentKind.INDEX, 0.25, 0, 0.5),
                cost(ComponentKind.BUS, 7, 0, 0.5),
                cost(ComponentKind.IO_LINK, 1e6, 0, 100)));
    }

    final Chip chip = tinyChip();
    final CostModel model = new CostModel(chip, roundTable());
    /** 3 tiles, 5 crossbars, with multipliers and index hardware. */
    final Allocation alloc = Allocation.of(chip, 3, 5, true, true);

    @Test
    void defaultAllocationPolicyCountsPerCrossbarAndPerTileParts() {
        assertEquals(5, alloc.count(ComponentKind.CROSSBAR));
        assertEquals(20, alloc.count(ComponentKind.DAC));          // 5 x 4 rows
        assertEquals(10, alloc.count(ComponentKind.ADC));          // 5 x 8/4
        assertEquals(40, alloc.count(ComponentKind.SAMPLE_HOLD));  // 5 x 8 columns
        assertEquals(9, alloc.count(ComponentKind.SHIFT_ADD));     // 3 tiles x 3
        assertEquals(15, alloc.count(ComponentKind.MULTIPLIER));   // 3 tiles x 5
        assertEquals(3, alloc.count(ComponentKind.INPUT_BUFFER));
        assertEquals(3, alloc.count(ComponentKind.OUTPUT_BUFFER));
        assertEquals(6, alloc.count(ComponentKind.ACTIVATION));
        assertEquals(3, alloc.count(ComponentKind.POOLING));
        assertEquals(2, alloc.count(ComponentKind.NETWORK));       // ceil(3 / 2) routers
        assertEquals(5, alloc.count(ComponentKind.REGISTER));
        assertEquals(5, alloc.count(ComponentKind.INDEX));
        assertEquals(3, alloc.count(ComponentKind.BUS));           // one per tile
        assertEquals(0, alloc.count(ComponentKind.IO_LINK));
        assertEquals(0.75, alloc.share(ComponentKind.NETWORK), EPS); // 3 of the 4 tiles the 2 routers serve
        assertEquals(1, alloc.share(ComponentKind.CROSSBAR), EPS);
        Allocation plain = Allocation.of(chip, 3, 5, false, false);
        assertEquals(0, plain.count(ComponentKind.MULTIPLIER));
        assertEquals(0, plain.count(ComponentKind.INDEX));
    }

    @Test
    void sharedPartsAreChargedInProportionToTheTilesUsed() {
        TileSpec t = tinyChip().tile();
        Chip linked = new Chip("linked", 2.0, 4, t, new NetworkSpec(NetworkTopology.MESH, 2, 1, 4, 4, 6.4));
        CostModel m = new CostModel(linked, roundTable());
        Allocation one = Allocation.of(linked, 1, 1, false, false);
        assertEquals(1, one.count(ComponentKind.NETWORK));
        assertEquals(4, one.count(ComponentKind.IO_LINK));
        assertEquals(500, m.area(one).get(ComponentKind.NETWORK), EPS);        // half of a router serving 2 tiles
        assertEquals(4 * 1e6 / 4, m.area(one).get(ComponentKind.IO_LINK), EPS); // a quarter of the chip's 4 links
        assertEquals(2.5, m.leakage(one).get(ComponentKind.NETWORK), EPS);
        Allocation whole = Allocation.wholeChip(linked);
        assertEquals(2000, m.area(whole).get(ComponentKind.NETWORK), EPS);
        assertEquals(4e6, m.area(whole).get(ComponentKind.IO_LINK), EPS);
    }

    @Test
    void areaIsTheSumOfAllocatedInstancesTimesScaleTimesUnitArea() {
        ComponentBreakdown a = model.area(alloc);
        assertEquals(320, a.get(ComponentKind.CROSSBAR), EPS);      // 5 x 32 cells x 2
        assertEquals(60, a.get(ComponentKind.DAC), EPS);
        assertEquals(1000, a.get(ComponentKind.ADC), EPS);
        assertEquals(20, a.get(ComponentKind.SAMPLE_HOLD), EPS);
        assertEquals(180, a.get(ComponentKind.SHIFT_ADD), EPS);
        assertEquals(600, a.get(ComponentKind.MULTIPLIER), EPS);
        assertEquals(300, a.get(ComponentKind.INPUT_BUFFER), EPS);  // 3 x 100 B x 1
        assertEquals(300, a.get(ComponentKind.OUTPUT_BUFFER), EPS); // 3 x 50 B x 2
        assertEquals(180, a.get(ComponentKind.ACTIVATION), EPS);
        assertEquals(30, a.get(ComponentKind.POOLING), EPS);
        assertEquals(1500, a.get(ComponentKind.NETWORK), EPS);      // 2 routers for 4 tiles, 3 used: 3/4 of 2 x 1000
        assertEquals(40, a.get(ComponentKind.REGISTER), EPS);       // 5 x 16 B x 0.5
        assertEquals(5, a.get(ComponentKind.INDEX), EPS);           // 5 x 4 rows x 0.25
        assertEquals(21, a.get(ComponentKind.BUS), EPS);            // 3 tiles x 7
        assertEquals(0, a.get(ComponentKind.IO_LINK), EPS);         // a mapped model's allocation has no links
        assertEquals(2180, a.compute(), EPS);
        assertEquals(2376, a.nonCompute(), EPS);
        assertEquals(4556, a.total(), EPS);
    }

    @Test
    void leakageScalesLikeArea() {
        ComponentBreakdown l = model.leakage(alloc);
        assertEquals(1.6, l.get(ComponentKind.CROSSBAR), EPS);      // 5 x 32 x 0.01
        assertEquals(0.3, l.get(ComponentKind.INPUT_BUFFER), EPS);  // 3 x 100 x 0.001
        assertEquals(48.1, l.compute(), EPS);                       // 1.6 + 2 + 10 + 0 + 4.5 + 30
        assertEquals(55.9, l.total(), EPS);                         // + 0.3 + 7.5 (3/4 of 2 routers x 5)
    }

    static ActionCounts someCounts() {
        return new ActionCounts()
                .add(ComponentKind.CROSSBAR, Action.READ, 10)
                .add(ComponentKind.DAC, Action.CONVERT, 40)
                .add(ComponentKind.ADC, Action.CONVERT, 20)
                .add(ComponentKind.SAMPLE_HOLD, Action.SAMPLE, 40)
                .add(ComponentKind.SHIFT_ADD, Action.OPERATE, 7)
                .add(ComponentKind.INPUT_BUFFER, Action.READ, 100)
                .add(ComponentKind.INPUT_BUFFER, Action.WRITE, 10)
                .add(ComponentKind.NETWORK, Action.TRANSFER, 3);
    }

    @Test
    void energyIsCountsTimesEnergyPerAction() {
        EnergyBreakdown e = model.energy(someCounts().snapshot());
        assertEquals(160, e.energyPj(ComponentKind.CROSSBAR, Action.READ), EPS); // 10 x 0.5 x 32 cells
        assertEquals(40, e.energyPj(ComponentKind.DAC, Action.CONVERT), EPS);
        assertEquals(200, e.energyPj(ComponentKind.ADC, Action.CONVERT), EPS);
        assertEquals(10, e.energyPj(ComponentKind.SAMPLE_HOLD, Action.SAMPLE), EPS);
        assertEquals(14, e.energyPj(ComponentKind.SHIFT_ADD, Action.OPERATE), EPS);
        assertEquals(50, e.energyPj(ComponentKind.INPUT_BUFFER, Action.READ), EPS);
        assertEquals(10, e.energyPj(ComponentKind.INPUT_BUFFER, Action.WRITE), EPS);
        assertEquals(60, e.byComponent().get(ComponentKind.INPUT_BUFFER), EPS);
        assertEquals(24, e.energyPj(ComponentKind.NETWORK, Action.TRANSFER), EPS);
        assertEquals(0, e.energyPj(ComponentKind.MULTIPLIER, Action.OPERATE), EPS);
        assertEquals(424, e.computePj(), EPS);
        assertEquals(508, e.totalPj(), EPS);
        assertEquals(8, e.entries().size());
    }

    @Test
    void priceAddsLeakageOverTheTimeToDynamicEnergyInTotalAndCompute() {
        // 1000 cycles at 2 GHz = 500 ns; pJ / ns = mW.
        RunCost p = model.price(someCounts().snapshot(), alloc, 1000);
        assertEquals(500, p.nanoseconds(), EPS);
        assertEquals(508, p.dynamicPj().totalPj(), EPS);
        assertEquals(424, p.dynamicPj().computePj(), EPS);
        assertEquals(56.916, p.averageMw(), EPS);                // 508 / 500 + 55.9 leakage
        assertEquals(48.948, p.computeMw(), EPS);                // 424 / 500 + 48.1 leakage of compute kinds
        assertEquals(48.948 * 500, p.computePj(), 1e-6);
        assertEquals(55.9 * 500, p.leakagePj(), EPS);
        assertEquals(p.averageMw(), p.powerMw().total(), EPS);
        assertEquals(57.916, p.withLeakageMw(2.016), EPS);
        RunCost untimed = model.price(someCounts().snapshot(), alloc, 0);
        assertEquals(508, untimed.totalPj(), EPS, "no time: dynamic only");
        assertTrue(Double.isNaN(untimed.averageMw()));
        assertThrows(IllegalArgumentException.class, () -> model.price(someCounts().snapshot(), alloc, -1));
    }

    @Test
    void computeFlagMarksExactlyThePapersComputingPart() {
        EnumSet<ComponentKind> compute = EnumSet.noneOf(ComponentKind.class);
        for (ComponentKind k : ComponentKind.values()) {
            if (k.compute()) {
                compute.add(k);
            }
        }
        assertEquals(EnumSet.of(ComponentKind.CROSSBAR, ComponentKind.DAC, ComponentKind.ADC,
                ComponentKind.SAMPLE_HOLD, ComponentKind.SHIFT_ADD, ComponentKind.MULTIPLIER), compute);
    }

    @Test
    void actionCountsRejectActionsAComponentDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ActionCounts().add(ComponentKind.ADC, Action.READ, 1));
        assertTrue(e.getMessage().contains("adc has no action read"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ActionCounts().add(ComponentKind.ADC, Action.CONVERT, -1));
    }

    @Test
    void snapshotsAreOrderedAndIndependentOfInsertionOrder() {
        ActionCounts forward = someCounts();
        ActionCounts backward = new ActionCounts();
        List<ActionCounts.Entry> entries = new ArrayList<>(forward.snapshot().entries());
        java.util.Collections.reverse(entries);
        for (ActionCounts.Entry en : entries) {
            backward.add(en.kind(), en.action(), en.count());
        }
        assertEquals(forward.snapshot(), backward.snapshot());
        assertEquals(ComponentKind.CROSSBAR, forward.snapshot().entries().get(0).kind());
        assertEquals(ComponentKind.NETWORK, forward.snapshot().entries().get(7).kind());
        // Snapshots are frozen: later adds do not change them.
        ActionCounts.Snapshot before = forward.snapshot();
        forward.add(ComponentKind.ADC, Action.CONVERT, 5);
        assertEquals(20, before.count(ComponentKind.ADC, Action.CONVERT));
        assertEquals(25, forward.count(ComponentKind.ADC, Action.CONVERT));
        assertEquals(45, before.plus(forward.snapshot()).count(ComponentKind.ADC, Action.CONVERT));
        // Same counts, same bits: sums run in a fixed order.
        assertEquals(model.energy(someCounts().snapshot()).totalPj(), model.energy(backward.snapshot()).totalPj(), 0.0);
    }

    @Test
    void mergingCountersAddsThem() {
        ActionCounts a = new ActionCounts().add(ComponentKind.ADC, Action.CONVERT, 3);
        ActionCounts b = new ActionCounts().add(ComponentKind.ADC, Action.CONVERT, 4).add(ComponentKind.POOLING, Action.OPERATE);
        a.addAll(b);
        assertEquals(7, a.count(ComponentKind.ADC, Action.CONVERT));
        assertEquals(1, a.count(ComponentKind.POOLING, Action.OPERATE));
    }

    @Test
    void costTableNeedsEveryKindAndASource() {
        List<ComponentCost> partial = new ArrayList<>(roundTable().entries());
        partial.remove(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CostTable(partial));
        assertTrue(e.getMessage().contains("crossbar"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ComponentCost(ComponentKind.ADC,
                Map.of(Action.CONVERT, 1.0), 1, 0, " "));
    }
}
