package org.xbarsim.hw.buffer;

import java.util.PriorityQueue;

/**
 * A tile's input or output buffer as a bounded store: writes land in arrival order (first come, first
 * written) and each takes its bits until its data is read for the last time. A write that does not
 * fit waits for the reads already scheduled to free room; every read is scheduled when its data
 * arrives, so the wait is known when the write arrives, and when those reads cannot free enough
 * room nothing ever will (the pixels waiting need data queued behind this write): the buffer is
 * too small, {@link InputBufferFullException}. Occupancy is counted in bits, reported in bytes.
 */
public final class InputBufferModel {
    private final long capacityBits;
    private final String sizeKey;
    private final PriorityQueue<long[]> releases = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0])); // {cycle, bits}
    private long held;
    private long peak;
    private long lastWrite = Long.MIN_VALUE;
    private long waits;
    private long waitCycles;

    public InputBufferModel(long capacityBytes) {
        this(capacityBytes, "chip.tile.input-buffer.size-bytes");
    }

    /** A store of {@code capacityBytes} set by the config key {@code sizeKey} (named when it is too small). */
    public InputBufferModel(long capacityBytes, String sizeKey) {
        this.capacityBits = capacityBytes * 8;
        this.sizeKey = sizeKey;
    }

    /**
     * Writes {@code bits} arriving at cycle {@code now}; returns the cycle the write lands (later than
     * {@code now} when it waits for room or for an earlier waiting write).
     *
     * @param what names the data for the message when it can never fit
     * @throws InputBufferFullException when the reads scheduled cannot free enough room
     */
    public long write(long now, long bits, java.util.function.Supplier<String> what) {
        long at = Math.max(now, lastWrite);
        freeUpTo(at);
        while (held + bits > capacityBits) {
            long[] r = releases.poll();
            if (r == null) {
                throw new InputBufferFullException(capacityBits / 8, held, bits, what.get(), sizeKey);
            }
            at = Math.max(at, r[0]);
            held -= r[1];
        }
        held += bits;
        peak = Math.max(peak, held);
        lastWrite = at;
        if (at > now) {
            waits++;
            waitCycles += at - now;
        }
        return at;
    }

    /** Frees {@code bits} at cycle {@code cycle} (when their last read ends). */
    public void release(long cycle, long bits) {
        if (bits > 0) {
            releases.add(new long[] {cycle, bits});
        }
    }

    private void freeUpTo(long cycle) {
        while (!releases.isEmpty() && releases.peek()[0] <= cycle) {
            held -= releases.poll()[1];
        }
    }

    /** The most bytes held at once (rounded up). */
    public long peakBytes() {
        return (peak + 7) / 8;
    }

    /** Writes that waited for room. */
    public long waits() {
        return waits;
    }

    /** Cycles writes waited for room, summed. */
    public long waitCycles() {
        return waitCycles;
    }
}
