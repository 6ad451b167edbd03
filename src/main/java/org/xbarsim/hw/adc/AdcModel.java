package org.xbarsim.hw.adc;

import org.xbarsim.hw.common.ColumnSums;
import org.xbarsim.hw.common.Port;

/**
 * The ADCs of one crossbar: {@code adcs} converters, each shared by {@code columnsPerAdc} columns
 * through a multiplexer, one conversion per {@code latencyCycles}. A column sum needing more bits
 * than the ADC has is rounded to the ADC's step and clipped at its largest code, as in hardware:
 * with {@code drop = idealBits - bits}, {@code value = min(roundShift(sum, drop), 2^bits - 1) << drop}.
 * An ADC with {@code bits >= idealBits} has step 1 ({@code drop = 0}) and still saturates at
 * {@code 2^bits - 1}, so a sum above the bound the ideal bits rest on (e.g. a column that should
 * have been flipped) shows up as a mismatch instead of passing silently; a forced-ideal ADC
 * ({@code --ideal-adc}) returns every sum unchanged.
 */
public final class AdcModel {
    private final int bits;
    private final int idealBits;
    private final boolean forceIdeal;
    private final int drop;
    private final long maxCode;
    private final int columnsPerAdc;
    private final long latencyCycles;
    private final Port converters = new Port();

    /**
     * @param bits          ADC resolution
     * @param idealBits     bits the largest possible column sum needs
     * @param forceIdeal    convert exactly whatever {@code bits} is (the {@code --ideal-adc} option)
     */
    public AdcModel(int bits, int idealBits, boolean forceIdeal, int columnsPerAdc, long latencyCycles) {
        boolean ideal = forceIdeal || bits >= idealBits;
        this.bits = bits;
        this.idealBits = idealBits;
        this.forceIdeal = forceIdeal;
        this.drop = ideal ? 0 : idealBits - bits;
        this.maxCode = forceIdeal ? Long.MAX_VALUE : (1L << bits) - 1;
        this.columnsPerAdc = columnsPerAdc;
        this.latencyCycles = latencyCycles;
    }

    /** A fresh bank with the same parameters (its converters idle). */
    public AdcModel copy() {
        return new AdcModel(bits, idealBits, forceIdeal, columnsPerAdc, latencyCycles);
    }

    public int bits() {
        return bits;
    }

    /** True when conversions are exact: step 1, and every sum the chip's bound allows fits the codes. */
    public boolean isExact() {
        return drop == 0;
    }

    /** The value the shift-add stage sees for an analog column sum. */
    public int convert(int sum) {
        if (forceIdeal) {
            return sum;
        }
        long code = Math.min(org.xbarsim.model.IntOps.roundShift(sum, drop), maxCode);
        return (int) (code << drop);
    }

    /**
     * Converts all column sums of all reads, in the array {@link ColumnSums#newArray} makes (no second
     * copy of sums made for this conversion); a forced-ideal bank returns the sums unchanged.
     */
    public org.xbarsim.model.IntVector convertAll(ColumnSums sums) {
        if (forceIdeal) {
            return sums.values();
        }
        int[] out = sums.newArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = convert(out[i]);
        }
        return org.xbarsim.model.IntVector.wrap(out);
    }

    /**
     * {@link #convertAll} as sums for the shift-add unit: a forced-ideal bank passes {@code sums} on
     * as they are, still unmade, so a crossbar's make themselves already recombined across the reads
     * (no array of every read's sums: 314 MB of the 1.1 GB a one-image VGG-16 simulate allocated;
     * docs/simulation.md, "Twelfth pass").
     */
    public ColumnSums converted(ColumnSums sums) {
        return forceIdeal ? sums : ColumnSums.of(convertAll(sums));
    }

    /** Cycles to convert one read of {@code columns} used columns: the busiest ADC's share. */
    public long cyclesPerRead(int columns) {
        return Math.min(columnsPerAdc, columns) * latencyCycles;
    }

    /**
     * Reserves the converters for {@code reads} reads sampled at {@code firstSample},
     * {@code firstSample + interval}, ...; returns the cycle the last conversion ends.
     */
    public long schedule(long firstSample, long intervalCycles, int reads, int columns) {
        long per = cyclesPerRead(columns);
        long end = firstSample;
        for (int r = 0; r < reads; r++) {
            long start = converters.reserve(firstSample + r * intervalCycles, per);
            end = start + per;
        }
        return end;
    }
}
