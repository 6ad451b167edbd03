package org.xbarsim.sim;

import java.util.Arrays;

/**
 * The messages one component sent in one window, as (target id, due cycle) pairs: what the
 * coordinator needs to know which components have work in later windows. Built by the sender,
 * frozen when handed over.
 */
public final class Sends {
    private static final int[] NO_TARGETS = {};
    private static final long[] NO_CYCLES = {};
    private int[] targets = NO_TARGETS; // most windows of most components send nothing: allocated on the first send
    private long[] cycles = NO_CYCLES;
    private int size;

    void add(int target, long cycle) {
        if (size == targets.length) {
            int n = Math.max(8, size * 2);
            targets = Arrays.copyOf(targets, n);
            cycles = Arrays.copyOf(cycles, n);
        }
        targets[size] = target;
        cycles[size] = cycle;
        size++;
    }

    public int size() {
        return size;
    }

    public int target(int i) {
        return targets[i];
    }

    public long cycle(int i) {
        return cycles[i];
    }
}
