package org.xbarsim.arch;

/**
 * One crossbar array: {@code rows} word lines (inputs) by {@code columns} physical bit lines, each
 * cell holding {@code bitsPerCell} bits. One read applies one input slice to all rows and senses
 * all columns; it takes {@code readLatencyCycles}.
 */
public record CrossbarSpec(int rows, int columns, int bitsPerCell, long readLatencyCycles) {
    public CrossbarSpec {
        Checks.inRange("crossbar rows", rows, 1, 4096);
        Checks.inRange("crossbar columns", columns, 1, 4096);
        Checks.inRange("crossbar bits per cell", bitsPerCell, 1, 8);
        Checks.inRange("crossbar read latency cycles", readLatencyCycles, 1, Integer.MAX_VALUE);
    }

    /** Cells in one array: {@code rows * columns}. */
    public long cells() {
        return (long) rows * columns;
    }
}
