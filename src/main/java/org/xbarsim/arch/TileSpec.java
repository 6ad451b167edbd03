package org.xbarsim.arch;

/**
 * One tile: {@code crossbars} arrays of one {@link CrossbarSpec} with their peripherals (a DAC per
 * row, a sample-and-hold per column, {@code columns / adc.columnsPerAdc} ADCs per array), the
 * tile's digital units (shift-add, activation, pooling, optional multipliers), registers next to
 * the arrays and the input and output buffers.
 *
 * <p>Counts of {@code shiftAdd}, {@code activation}, {@code pooling} and {@code multiplier} are per
 * tile; {@code registerBytesPerCrossbar} is the input and output register space beside each array
 * (ISAAC: 2 KB input + 256 B output per 8 arrays = 288 B).
 */
public record TileSpec(int crossbars, CrossbarSpec crossbar, WeightStorage weights, DacSpec dac, AdcSpec adc,
                       SampleHoldSpec sampleHold, UnitSpec shiftAdd, long registerBytesPerCrossbar,
                       BufferSpec inputBuffer, BufferSpec outputBuffer, UnitSpec activation, UnitSpec pooling,
                       UnitSpec multiplier) {
    public TileSpec {
        Checks.inRange("crossbars per tile", crossbars, 1, 1 << 20);
        Checks.present("crossbar", crossbar);
        Checks.present("weights", weights);
        Checks.present("dac", dac);
        Checks.present("adc", adc);
        Checks.present("sample-hold", sampleHold);
        Checks.present("shift-add", shiftAdd);
        Checks.inRange("register bytes per crossbar", registerBytesPerCrossbar, 0, 1L << 30);
        Checks.present("input buffer", inputBuffer);
        Checks.present("output buffer", outputBuffer);
        Checks.present("activation", activation);
        Checks.present("pooling", pooling);
        Checks.present("multiplier", multiplier);
        if (crossbar.columns() % adc.columnsPerAdc() != 0) {
            throw new IllegalArgumentException("crossbar columns = " + crossbar.columns()
                    + ": not divisible by adc columns per adc = " + adc.columnsPerAdc());
        }
        Checks.inRange("shift-add count", shiftAdd.count(), 1, 1 << 20);
        Checks.inRange("activation count", activation.count(), 1, 1 << 20);
        Checks.inRange("pooling count", pooling.count(), 1, 1 << 20);
        // The geometry's own checks (e.g. columns >= physical columns of one weight) apply here too.
        // (Fields are not assigned yet inside a compact constructor, so use the parameters.)
        new CrossbarGeometry(crossbar.rows(), crossbar.columns(), crossbar.bitsPerCell(), weights.bits(),
                weights.encoding());
    }

    /** The crossbar geometry pruning and mapping align to. */
    public CrossbarGeometry geometry() {
        return new CrossbarGeometry(crossbar.rows(), crossbar.columns(), crossbar.bitsPerCell(), weights.bits(),
                weights.encoding());
    }

    /** ADCs per crossbar: {@code columns / columnsPerAdc}. */
    public int adcsPerCrossbar() {
        return crossbar.columns() / adc.columnsPerAdc();
    }

    /** DACs per crossbar: one per row. */
    public int dacsPerCrossbar() {
        return crossbar.rows();
    }

    /** Sample-and-hold circuits per crossbar: one per physical column. */
    public int sampleHoldsPerCrossbar() {
        return crossbar.columns();
    }

    /**
     * Bits an ADC needs to convert the largest ideal column sum without clipping:
     * {@code ceil(log2(rows * (2^dacBits - 1) * (2^bitsPerCell - 1) + 1))}.
     */
    public int idealAdcBits() {
        long max = (long) crossbar.rows() * ((1L << dac.bits()) - 1) * ((1L << crossbar.bitsPerCell()) - 1);
        return 64 - Long.numberOfLeadingZeros(max);
    }
}
