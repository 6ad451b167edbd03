package org.xbarsim.sim;

import java.util.Arrays;

/**
 * A min-heap of {@code (cycle, id, tag)} entries, earliest cycle first and the lower id first among equal
 * cycles, in primitive arrays: the coordinator adds two entries for every wake-up of a component (hundreds
 * of thousands in a VGG-16 inference), which a {@code PriorityQueue<long[]>} made an array each for and
 * compared through a lambda. The tag rides along (the coordinator's staleness check) and takes no part
 * in the order: entries equal in cycle and id come out in no particular order of tag. Not thread-safe.
 */
final class CycleHeap {
    private long[] cycles = new long[64];
    private int[] ids = new int[64];
    private long[] tags = new long[64];
    private int size;

    void add(long cycle, int id, long tag) {
        if (size == cycles.length) {
            cycles = Arrays.copyOf(cycles, 2 * size);
            ids = Arrays.copyOf(ids, 2 * size);
            tags = Arrays.copyOf(tags, 2 * size);
        }
        int k = size++;
        while (k > 0) { // sift up
            int parent = (k - 1) >>> 1;
            if (!before(cycle, id, cycles[parent], ids[parent])) {
                break;
            }
            move(parent, k);
            k = parent;
        }
        set(k, cycle, id, tag);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The earliest entry's cycle; only when not {@link #isEmpty}. */
    long cycle() {
        return cycles[0];
    }

    int id() {
        return ids[0];
    }

    long tag() {
        return tags[0];
    }

    /** Removes the earliest entry. */
    void poll() {
        if (size == 0) {
            throw new java.util.NoSuchElementException("no entry to remove");
        }
        int last = --size;
        if (last == 0) {
            return;
        }
        long cycle = cycles[last];
        int id = ids[last];
        long tag = tags[last];
        int k = 0;
        int half = last >>> 1;
        while (k < half) { // sift down
            int child = 2 * k + 1;
            int right = child + 1;
            if (right < last && before(cycles[right], ids[right], cycles[child], ids[child])) {
                child = right;
            }
            if (!before(cycles[child], ids[child], cycle, id)) {
                break;
            }
            move(child, k);
            k = child;
        }
        set(k, cycle, id, tag);
    }

    private static boolean before(long cycleA, int idA, long cycleB, int idB) {
        return cycleA != cycleB ? cycleA < cycleB : idA < idB;
    }

    private void move(int from, int to) {
        cycles[to] = cycles[from];
        ids[to] = ids[from];
        tags[to] = tags[from];
    }

    private void set(int k, long cycle, int id, long tag) {
        cycles[k] = cycle;
        ids[k] = id;
        tags[k] = tag;
    }
}
