package org.xbarsim.arch;

/**
 * Column converters: {@code columnsPerAdc} physical columns share one ADC through a multiplexer,
 * so a crossbar has {@code columns / columnsPerAdc} ADCs; one conversion takes
 * {@code latencyCycles}.
 */
public record AdcSpec(int bits, int columnsPerAdc, long latencyCycles) {
    public AdcSpec {
        Checks.inRange("adc bits", bits, 1, 16);
        Checks.inRange("adc columns per adc", columnsPerAdc, 1, 4096);
        Checks.inRange("adc latency cycles", latencyCycles, 1, Integer.MAX_VALUE);
    }

    /** Largest code the ADC outputs: {@code 2^bits - 1}. */
    public long maxCode() {
        return (1L << bits) - 1;
    }
}
