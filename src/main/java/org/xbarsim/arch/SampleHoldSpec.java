package org.xbarsim.arch;

/** Sample-and-hold: one per physical column, holds the column value while the shared ADC converts. */
public record SampleHoldSpec(long latencyCycles) {
    public SampleHoldSpec {
        Checks.inRange("sample-hold latency cycles", latencyCycles, 1, Integer.MAX_VALUE);
    }
}
