package org.xbarsim.cost;

import org.xbarsim.arch.Chip;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * A chip's components at full activity, the condition under which papers publish a chip's power
 * (ISAAC Table I): over one read interval every allocated crossbar reads once, every DAC drives
 * its row and every sample-and-hold its column once, every ADC converts all its columns, one
 * shift-add per conversion, every input register is read once; every buffer, bus, router port and
 * off-chip link moves its bandwidth; every activation, pooling and multiplier unit works every
 * cycle; every index unit looks up every row. The counts are priced by {@link CostModel#price}, the
 * same path as a simulation's counts, so full-activity power is what the simulator would report
 * for a chip kept that busy. Formulas: docs/cost-model.md, "Full activity".
 */
public final class FullActivity {
    private FullActivity() {
    }

    /**
     * Cycles of one read interval: an array read, or the time its ADCs need for all its columns if
     * that is longer.
     */
    public static long intervalCycles(Chip chip) {
        TileSpec t = chip.tile();
        return Math.max(t.crossbar().readLatencyCycles(), (long) t.adc().columnsPerAdc() * t.adc().latencyCycles());
    }

    /** The actions {@code allocation} performs in one read interval at full activity. */
    public static ActionCounts.Snapshot counts(Chip chip, Allocation allocation) {
        TileSpec t = chip.tile();
        long cycles = intervalCycles(chip);
        long conversions = allocation.count(ComponentKind.ADC) * t.adc().columnsPerAdc();
        long registerBytes = ((long) t.crossbar().rows() * t.dac().bits() + 7) / 8;
        long linkBytes = Math.round(chip.network().offChipLinkGbPerS() * chip.nanoseconds(cycles));
        ActionCounts c = new ActionCounts()
                .add(ComponentKind.CROSSBAR, Action.READ, allocation.count(ComponentKind.CROSSBAR))
                .add(ComponentKind.DAC, Action.CONVERT, allocation.count(ComponentKind.DAC))
                .add(ComponentKind.SAMPLE_HOLD, Action.SAMPLE, allocation.count(ComponentKind.SAMPLE_HOLD))
                .add(ComponentKind.ADC, Action.CONVERT, conversions)
                .add(ComponentKind.SHIFT_ADD, Action.OPERATE, allocation.count(ComponentKind.SHIFT_ADD) > 0 ? conversions : 0)
                .add(ComponentKind.REGISTER, Action.READ, allocation.count(ComponentKind.REGISTER) * registerBytes)
                .add(ComponentKind.INPUT_BUFFER, Action.READ,
                        allocation.count(ComponentKind.INPUT_BUFFER) * t.inputBuffer().bandwidthBytesPerCycle() * cycles)
                .add(ComponentKind.BUS, Action.TRANSFER,
                        allocation.count(ComponentKind.BUS) * t.inputBuffer().bandwidthBytesPerCycle() * cycles)
                .add(ComponentKind.OUTPUT_BUFFER, Action.READ,
                        allocation.count(ComponentKind.OUTPUT_BUFFER) * t.outputBuffer().bandwidthBytesPerCycle() * cycles)
                .add(ComponentKind.ACTIVATION, Action.OPERATE,
                        allocation.count(ComponentKind.ACTIVATION) * (cycles / t.activation().latencyCycles()))
                .add(ComponentKind.POOLING, Action.OPERATE,
                        allocation.count(ComponentKind.POOLING) * (cycles / t.pooling().latencyCycles()))
                .add(ComponentKind.MULTIPLIER, Action.OPERATE,
                        allocation.count(ComponentKind.MULTIPLIER) * (cycles / t.multiplier().latencyCycles()))
                .add(ComponentKind.NETWORK, Action.TRANSFER, allocation.count(ComponentKind.NETWORK)
                        * chip.network().routerPorts() * chip.network().linkBandwidthBytesPerCycle() * cycles)
                .add(ComponentKind.IO_LINK, Action.TRANSFER, allocation.count(ComponentKind.IO_LINK) * linkBytes)
                .add(ComponentKind.INDEX, Action.LOOKUP, allocation.count(ComponentKind.INDEX) * t.crossbar().rows());
        return c.snapshot();
    }

    /** Energy and power of {@code allocation} at full activity over one read interval. */
    public static RunCost price(CostModel model, Allocation allocation) {
        Chip chip = model.chip();
        return model.price(counts(chip, allocation), allocation, intervalCycles(chip));
    }

    /**
     * Peak operations per second of the whole chip with {@code bits}-bit weights and inputs (a
     * multiply-accumulate is two operations): every crossbar computes rows x logical columns MACs
     * per input vector, which takes ceil(bits / DAC bits) read intervals.
     */
    public static double peakOpsPerSecond(Chip chip, int bits) {
        TileSpec t = chip.tile();
        CrossbarGeometry g = new CrossbarGeometry(t.crossbar().rows(), t.crossbar().columns(), t.crossbar().bitsPerCell(), bits,
                t.weights().encoding());
        double opsPerVector = 2.0 * g.rows() * g.logicalColumnsPerCrossbar();
        double secondsPerVector = chip.nanoseconds(t.dac().readsPerInput(bits) * intervalCycles(chip)) * 1e-9;
        return chip.crossbars() * opsPerVector / secondsPerVector;
    }
}
