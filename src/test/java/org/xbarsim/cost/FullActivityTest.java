package org.xbarsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * The full-activity action counts, each against its formula worked by hand on a chip whose figures
 * make every rounding and division visible (no latency of 1, a register width that is not a whole
 * number of bytes, an off-chip link that moves a fractional byte count per interval); the edges of
 * allocations and run costs that the preset figures never reach.
 */
class FullActivityTest {
    /**
     * 5x8 arrays, 3-bit DACs (15 register bits = 2 bytes), 2 columns per ADC at 7 cycles each (the
     * read interval is 14, above the 9-cycle read), activation 3, pooling 4, multiplier 5 cycles per
     * operation (2 pooling units per tile), 1.5 GHz, 3 tiles per router, 2 off-chip links of 1.1 GB/s.
     */
    static Chip oddChip() {
        TileSpec tile = new TileSpec(4, new CrossbarSpec(5, 8, 2, 9), new WeightStorage(4, SignedEncoding.OFFSET),
                new DacSpec(3), new AdcSpec(8, 2, 7), new SampleHoldSpec(1), new UnitSpec(3, 1), 16,
                new BufferSpec(100, 6, 2), new BufferSpec(50, 5, 1), new UnitSpec(2, 3), new UnitSpec(2, 4),
                new UnitSpec(5, 5));
        return new Chip("odd", 1.5, 7, tile, new NetworkSpec(NetworkTopology.MESH, 3, 1, 4, 2, 1.1));
    }

    @Test
    void theIntervalIsTheSlowerOfTheReadAndTheConversionsOfOneArray() {
        Chip odd = oddChip();
        assertEquals(14, FullActivity.intervalCycles(odd)); // 2 columns x 7 cycles > 9
        assertEquals(10, FullActivity.intervalCycles(CostModelTest.tinyChip())); // 10-cycle read > 4 x 1
    }

    @Test
    void everyKindCountsWhatItsFormulaSays() {
        Chip chip = oddChip();
        Allocation a = Allocation.of(chip, 3, 5, true, true);
        assertEquals(3, a.tiles());
        ActionCounts.Snapshot c = FullActivity.counts(chip, a);
        long cycles = 14;
        long adcs = a.count(ComponentKind.ADC);
        assertEquals(5 * 8 / 2, adcs); // 4 ADCs per 8-column array (2 columns each)
        long conversions = adcs * 2;
        assertEquals(5, c.count(ComponentKind.CROSSBAR, Action.READ));
        assertEquals(a.count(ComponentKind.DAC), c.count(ComponentKind.DAC, Action.CONVERT));
        assertEquals(a.count(ComponentKind.SAMPLE_HOLD), c.count(ComponentKind.SAMPLE_HOLD, Action.SAMPLE));
        assertEquals(conversions, c.count(ComponentKind.ADC, Action.CONVERT));
        assertEquals(conversions, c.count(ComponentKind.SHIFT_ADD, Action.OPERATE));
        assertEquals(5 * 2, c.count(ComponentKind.REGISTER, Action.READ)); // ceil(5 rows x 3 bits / 8) = 2 bytes
        assertEquals(3 * 6 * cycles, c.count(ComponentKind.INPUT_BUFFER, Action.READ));
        assertEquals(3 * 6 * cycles, c.count(ComponentKind.BUS, Action.TRANSFER));
        assertEquals(3 * 5 * cycles, c.count(ComponentKind.OUTPUT_BUFFER, Action.READ));
        assertEquals(3 * 2 * (14 / 3), c.count(ComponentKind.ACTIVATION, Action.OPERATE));
        assertEquals(3 * 2 * (14 / 4), c.count(ComponentKind.POOLING, Action.OPERATE));
        assertEquals(3 * 5 * (14 / 5), c.count(ComponentKind.MULTIPLIER, Action.OPERATE));
        // one router (3 tiles per router) with 3 + 4 ports of 4 bytes per cycle
        assertEquals(1 * 7 * 4 * cycles, c.count(ComponentKind.NETWORK, Action.TRANSFER));
        // 1.1 GB/s over 14 cycles at 1.5 GHz (9.33 ns) is 10.27 bytes: 10 per link
        assertEquals(2 * 10, c.count(ComponentKind.IO_LINK, Action.TRANSFER));
        assertEquals(5 * 5, c.count(ComponentKind.INDEX, Action.LOOKUP)); // one lookup per row of each array
    }

    @Test
    void withoutShiftAddUnitsNoShiftAddWorkIsCounted() {
        Chip chip = oddChip();
        Allocation a = Allocation.of(chip, 3, 5, false, false).with(ComponentKind.SHIFT_ADD, 0);
        ActionCounts.Snapshot c = FullActivity.counts(chip, a);
        assertEquals(0, c.count(ComponentKind.SHIFT_ADD, Action.OPERATE));
        assertEquals(0, c.count(ComponentKind.MULTIPLIER, Action.OPERATE));
        assertEquals(0, c.count(ComponentKind.INDEX, Action.LOOKUP));
        Allocation one = Allocation.of(chip, 3, 5, false, false).with(ComponentKind.SHIFT_ADD, 1);
        assertEquals(FullActivity.counts(chip, one).count(ComponentKind.ADC, Action.CONVERT),
                FullActivity.counts(chip, one).count(ComponentKind.SHIFT_ADD, Action.OPERATE));
    }

    @Test
    void allocationEdges() {
        Chip chip = oddChip();
        Allocation empty = Allocation.of(chip, 0, 0, false, false);
        assertEquals(0, empty.tiles());
        assertEquals(0, empty.count(ComponentKind.IO_LINK), "no tile used, no off-chip link charged");
        assertEquals(0, empty.count(ComponentKind.NETWORK));
        assertEquals(1, empty.share(ComponentKind.NETWORK));
        Allocation one = Allocation.of(chip, 1, 0, false, false);
        assertEquals(2, one.count(ComponentKind.IO_LINK));
        assertEquals(1 / 3.0, one.share(ComponentKind.NETWORK), 1e-12); // 1 tile of a 3-tile router
        assertEquals(1 / 7.0, one.share(ComponentKind.IO_LINK), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Allocation.of(chip, -1, 0, false, false));
        assertThrows(IllegalArgumentException.class, () -> Allocation.of(chip, 0, -1, false, false));
        // a copy with one count changed keeps the shares of the shared parts
        Allocation changed = one.with(ComponentKind.CROSSBAR, 9);
        assertEquals(9, changed.crossbars());
        assertEquals(one.share(ComponentKind.NETWORK), changed.share(ComponentKind.NETWORK));
        assertEquals(one.share(ComponentKind.IO_LINK), changed.share(ComponentKind.IO_LINK));
        assertEquals(one.count(ComponentKind.DAC), changed.count(ComponentKind.DAC));
        // no register file without register bytes
        TileSpec t = chip.tile();
        TileSpec noRegisters = new TileSpec(t.crossbars(), t.crossbar(), t.weights(), t.dac(), t.adc(), t.sampleHold(),
                t.shiftAdd(), 0, t.inputBuffer(), t.outputBuffer(), t.activation(), t.pooling(), t.multiplier());
        Chip bare = new Chip("bare", chip.clockGhz(), chip.tiles(), noRegisters, chip.network());
        assertEquals(0, Allocation.of(bare, 1, 3, false, false).count(ComponentKind.REGISTER));
        assertEquals(3, Allocation.of(chip, 1, 3, false, false).count(ComponentKind.REGISTER));
    }

    @Test
    void withoutTimeThereIsEnergyButNoPower() {
        Chip chip = oddChip();
        CostModel model = new CostModel(chip, CostModelTest.roundTable());
        Allocation a = Allocation.of(chip, 1, 2, false, false);
        RunCost r = model.price(FullActivity.counts(chip, a), a, 0);
        assertTrue(r.computePj() > 0 && r.totalPj() > 0);
        assertTrue(Double.isNaN(r.averageMw()));
        assertTrue(Double.isNaN(r.computeMw()));
        assertTrue(r.energyPj().get(ComponentKind.CROSSBAR) > 0);
        assertTrue(Double.isNaN(r.powerMw().get(ComponentKind.CROSSBAR)));
    }

    @Test
    void countsKeepEachKindAndActionApart() {
        ActionCounts c = new ActionCounts()
                .add(ComponentKind.CROSSBAR, Action.READ, 3)
                .add(ComponentKind.REGISTER, Action.READ, 5)
                .add(ComponentKind.INPUT_BUFFER, Action.READ, 7)
                .add(ComponentKind.INPUT_BUFFER, Action.WRITE, 11);
        assertEquals(3, c.count(ComponentKind.CROSSBAR, Action.READ));
        assertEquals(5, c.count(ComponentKind.REGISTER, Action.READ));
        assertEquals(7, c.count(ComponentKind.INPUT_BUFFER, Action.READ));
        assertEquals(11, c.count(ComponentKind.INPUT_BUFFER, Action.WRITE));
        ActionCounts sum = new ActionCounts();
        assertSame(sum, sum.addAll(c));
        assertSame(sum, sum.addAll(c.snapshot()));
        assertEquals(22, sum.count(ComponentKind.INPUT_BUFFER, Action.WRITE));
    }

    @Test
    void scalingInterpolatesInBothNodesAtOnceAndCoversTheEndNodes() {
        // 38.5 nm is half-way between 45 and 32, 26 half-way between 32 and 20 (adjacent in the list)
        double expected = 0.25 * (TechnologyScaling.areaFactor(45, 32) + TechnologyScaling.areaFactor(45, 20)
                + TechnologyScaling.areaFactor(32, 32) + TechnologyScaling.areaFactor(32, 20));
        assertEquals(expected, TechnologyScaling.areaFactor(38.5, 26), 1e-12);
        // energy at a node between two: the mean of the two nodes' fitted energies
        double e45 = 1.103 * 0.64 - 0.362 * 0.8 + 0.2767;
        double e32 = 0.9559 * 0.64 - 0.7823 * 0.8 + 0.471;
        assertEquals((e45 + e32) / 2 / e32, TechnologyScaling.energyFactor(32, 38.5), 1e-12);
        assertEquals(1, TechnologyScaling.areaFactor(TechnologyScaling.MIN_NM, TechnologyScaling.MIN_NM), 1e-12);
        assertEquals(1, TechnologyScaling.areaFactor(TechnologyScaling.MAX_NM, TechnologyScaling.MAX_NM), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TechnologyScaling.areaFactor(TechnologyScaling.MAX_NM + 0.5, 32));
        assertThrows(IllegalArgumentException.class, () -> TechnologyScaling.areaFactor(32, TechnologyScaling.MIN_NM - 0.5));
    }
}
