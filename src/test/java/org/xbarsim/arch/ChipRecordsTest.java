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
