package org.xbarsim.hw;

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

/** Small chips for hardware tests. */
public final class TestChips {
    private TestChips() {
    }

    /** A small chip: {@code tiles} tiles of {@code crossbars} {@code rows x cols} arrays, 1-bit DACs. */
    public static Chip small(int tiles, int crossbars, int rows, int cols, int cellBits, SignedEncoding enc, int adcBits) {
        return small(tiles, crossbars, rows, cols, cellBits, enc, adcBits, false);
    }

    /** As above, with or without flipped columns. */
    public static Chip small(int tiles, int crossbars, int rows, int cols, int cellBits, SignedEncoding enc, int adcBits,
                      boolean flipColumns) {
        TileSpec t = new TileSpec(crossbars, new CrossbarSpec(rows, cols, cellBits, 10), new WeightStorage(8, enc, flipColumns),
                new DacSpec(1),
                new AdcSpec(adcBits, 8, 1), new SampleHoldSpec(1), new UnitSpec(4, 1), 288, new BufferSpec(64 * 1024, 32, 2),
                new BufferSpec(4 * 1024, 32, 2), new UnitSpec(2, 1), new UnitSpec(1, 1), new UnitSpec(1, 2));
        return new Chip("test-small", 1.0, tiles, t, new NetworkSpec(NetworkTopology.MESH, 2, 2, 16));
    }

    /** {@code chip} with tiles whose input buffer holds {@code bytes}. */
    public static Chip withInputBuffer(Chip chip, long bytes) {
        TileSpec t = chip.tile();
        BufferSpec b = t.inputBuffer();
        TileSpec small = new TileSpec(t.crossbars(), t.crossbar(), t.weights(), t.dac(), t.adc(), t.sampleHold(), t.shiftAdd(),
                t.registerBytesPerCrossbar(), new BufferSpec(bytes, b.bandwidthBytesPerCycle(), b.latencyCycles()), t.outputBuffer(),
                t.activation(), t.pooling(), t.multiplier());
        return new Chip(chip.name(), chip.clockGhz(), chip.tiles(), small, chip.network());
    }

    /** {@code chip} with an output buffer of {@code bytes} and {@code bandwidth} bytes per cycle per tile. */
    public static Chip withOutputBuffer(Chip chip, long bytes, int bandwidth) {
        TileSpec t = chip.tile();
        BufferSpec b = t.outputBuffer();
        TileSpec small = new TileSpec(t.crossbars(), t.crossbar(), t.weights(), t.dac(), t.adc(), t.sampleHold(), t.shiftAdd(),
                t.registerBytesPerCrossbar(), t.inputBuffer(), new BufferSpec(bytes, bandwidth, b.latencyCycles()), t.activation(),
                t.pooling(), t.multiplier());
        return new Chip(chip.name(), chip.clockGhz(), chip.tiles(), small, chip.network());
    }
}
