package org.xbarsim.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChipRecordsTest {
    static TileSpec tile(int rows, int columns, int cellBits, int columnsPerAdc, int dacBits, SignedEncoding enc) {
        return new TileSpec(8, new CrossbarSpec(rows, columns, cellBits, 100), new WeightStorage(8, enc),
                new DacSpec(dacBits), new AdcSpec(8, columnsPerAdc, 1), new SampleHoldSpec(1), new UnitSpec(4, 1), 0,
                new BufferSpec(1024, 16, 2), new BufferSpec(512, 16, 1), new UnitSpec(1, 1), new UnitSpec(1, 1),
                new UnitSpec(0, 1));
    }

    @Test
    void derivedCountsAndGeometry() {
        TileSpec t = tile(128, 128, 2, 8, 1, SignedEncoding.DIFFERENTIAL);
        assertEquals(16, t.adcsPerCrossbar());
        assertEquals(128, t.dacsPerCrossbar());
        assertEquals(128, t.sampleHoldsPerCrossbar());
        assertEquals(9, t.idealAdcBits());               // 128 x 1 x 3 = 384 < 512
        assertEquals(CrossbarGeometry.isaacLike(), t.geometry());
        Chip chip = new Chip("c", 1.0, 10, t, new NetworkSpec(NetworkTopology.MESH, 4, 2, 4));
        assertEquals(80, chip.crossbars());
        assertEquals(3, chip.network().routersFor(10));
        assertEquals(250.0, new Chip("c", 4.0, 1, t, chip.network()).nanoseconds(1000));
        assertEquals(7, tile(32, 32, 2, 8, 1, SignedEncoding.OFFSET).idealAdcBits());   // 96 < 128
        assertEquals(11, tile(128, 128, 2, 8, 2, SignedEncoding.OFFSET).idealAdcBits()); // 128 x 3 x 3 = 1152
    }

    @Test
    void flippedColumnsHalveTheLargestSumExactlyForOddAndEvenCounts() {
        // 128 x 3 = 384 -> 192: 8 bits instead of 9 (ISAAC).
        assertEquals(192, TileSpec.maxColumnSum(128, 1, 2, true));
        assertEquals(8, TileSpec.idealAdcBits(128, 1, 2, true));
        assertEquals(9, TileSpec.idealAdcBits(128, 1, 2, false));
        // odd 5 x 3 = 15: a flipped column sums to at most 7 (sums of 8..15 are stored as 7..0): 3 bits, not 4
        assertEquals(7, TileSpec.maxColumnSum(5, 1, 2, true));
        assertEquals(3, TileSpec.idealAdcBits(5, 1, 2, true));
        assertEquals(4, TileSpec.idealAdcBits(5, 1, 2, false));
        // 128 x 1 = 128 (8 bits) -> 64 (7 bits); 2-bit DACs scale the bound: 3 x floor(128 x 3 / 2) = 576 (10 bits)
        assertEquals(7, TileSpec.idealAdcBits(128, 1, 1, true));
        assertEquals(10, TileSpec.idealAdcBits(128, 2, 2, true));
        // a single 1-bit row: every column of level 1 flips to 0, but an ADC has at least 1 bit
        assertEquals(0, TileSpec.maxColumnSum(1, 1, 1, true));
        assertEquals(1, TileSpec.idealAdcBits(1, 1, 1, true));
        TileSpec flipped = new TileSpec(8, new CrossbarSpec(128, 128, 2, 100), new WeightStorage(8, SignedEncoding.OFFSET, true),
                new DacSpec(1), new AdcSpec(8, 8, 1), new SampleHoldSpec(1), new UnitSpec(4, 1), 0,
                new BufferSpec(1024, 16, 2), new BufferSpec(512, 16, 1), new UnitSpec(1, 1), new UnitSpec(1, 1),
                new UnitSpec(0, 1));
        assertEquals(8, flipped.idealAdcBits());
    }

    @Test
    void recordsRejectInconsistentShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tile(128, 128, 2, 48, 1, SignedEncoding.DIFFERENTIAL));
        assertTrue(e.getMessage().contains("not divisible"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tile(16, 6, 2, 2, 1, SignedEncoding.DIFFERENTIAL));
        assertThrows(IllegalArgumentException.class, () -> new BufferSpec(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdcSpec(0, 1, 1));
    }

    @Test
    void transferTimes() {
        BufferSpec b = new BufferSpec(1024, 16, 2);
        assertEquals(0, b.transferCycles(0));
        assertEquals(3, b.transferCycles(16));   // 2 latency + 1
        assertEquals(4, b.transferCycles(17));   // 2 + ceil(17 / 16)
        NetworkSpec n = new NetworkSpec(NetworkTopology.MESH, 2, 3, 4);
        // 16 tiles -> 8 routers -> mesh 3 wide; tile 0 at router 0 (0,0), tile 15 at router 7 (1,2).
        assertEquals(0, n.hops(0, 1, 16));
        assertEquals(3, n.hops(0, 15, 16));
        assertEquals(3 * 3 + 2, n.transferCycles(8, 3));
        assertEquals(0, n.transferCycles(8, 0));
        assertEquals(3, new DacSpec(3).readsPerInput(8));
    }
}
