package org.xbarsim.hw.common;

/**
 * A resource that serves one request at a time (a buffer port, an ADC, a link): a request that
 * arrives while it is busy waits. This is where contention turns into delay.
 */
public final class Port {
    private long freeAt;

    /** Reserves the port for {@code durationCycles} from {@code readyCycle} or when it frees up; returns the start. */
    public long reserve(long readyCycle, long durationCycles) {
        long start = Math.max(readyCycle, freeAt);
        freeAt = start + durationCycles;
        return start;
    }

    public long freeAt() {
        return freeAt;
    }
}
