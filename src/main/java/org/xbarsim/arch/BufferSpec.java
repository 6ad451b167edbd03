package org.xbarsim.arch;

/** A tile buffer: capacity in bytes, bytes moved per cycle, and cycles from request to first byte. */
public record BufferSpec(long sizeBytes, int bandwidthBytesPerCycle, long latencyCycles) {
    public BufferSpec {
        Checks.inRange("buffer size bytes", sizeBytes, 1, 1L << 40);
        Checks.inRange("buffer bandwidth bytes per cycle", bandwidthBytesPerCycle, 1, 1 << 20);
        Checks.inRange("buffer latency cycles", latencyCycles, 1, Integer.MAX_VALUE);
    }

    /** Cycles to move {@code bytes}: access latency plus {@code ceil(bytes / bandwidth)}; 0 bytes cost 0. */
    public long transferCycles(long bytes) {
        if (bytes <= 0) {
            return 0;
        }
        return latencyCycles + (bytes + bandwidthBytesPerCycle - 1) / bandwidthBytesPerCycle;
    }
}
