package org.xbarsim.sim;

import java.util.Arrays;

/**
 * The messages one component sent in one window, as (target id, due cycle) pairs: what the
 * coordinator needs to know which components have work in later windows. Built by the sender,
 * frozen when handed over.
 */
public final class Sends {
    private int[] targets = new int[8];
    private long[] cycles = new long[8];
    private int size;

    void add(int target, long cycle) {
        if (size == targets.length) {
            targets = Arrays.copyOf(targets, size * 2);
            cycles = Arrays.copyOf(cycles, size * 2);
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
