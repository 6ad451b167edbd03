package org.xbarsim.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * How full one buffer is over time, from its writes (+bytes) and frees (-bytes) in cycle order, as
 * counter samples per window of {@code windowCycles}: a window in which the level changed gets a
 * sample at its start holding the most bytes held at any cycle of it, and the window after it a
 * sample of the level it ended with (so a quiet stretch shows the bytes still held, not the peak).
 */
final class BufferOccupancy {
    /** One counter sample: from {@code cycle} on, {@code bytes} held. */
    record Sample(long cycle, long bytes) {
    }

    private final long windowCycles;
    private final List<Sample> samples = new ArrayList<>();
    private long level;
    private long window = Long.MIN_VALUE; // the window with changes not yet sampled
    private long windowMax;

    BufferOccupancy(long windowCycles) {
        this.windowCycles = windowCycles;
    }

    /** Adds a change of {@code bytes} (negative for a free) at {@code cycle}; cycles must not decrease. */
    void add(long cycle, long bytes) {
        long w = Math.floorDiv(cycle, windowCycles);
        if (w != window) {
            close(w);
            window = w;
            windowMax = level;
        }
        level += bytes;
        windowMax = Math.max(windowMax, level);
    }

    /** Samples the open window, and the level it ended with unless window {@code next} follows at once. */
    private void close(long next) {
        if (window == Long.MIN_VALUE) {
            return;
        }
        samples.add(new Sample(window * windowCycles, windowMax));
        if (next != window + 1) {
            samples.add(new Sample((window + 1) * windowCycles, level));
        }
    }

    /** The samples, after the last change has been added. */
    List<Sample> finish() {
        close(Long.MIN_VALUE);
        window = Long.MIN_VALUE;
        return List.copyOf(samples);
    }
}
