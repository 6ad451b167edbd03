package org.xbarsim.hw.common;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the simulated output of every weighted layer (after requantization, before pooling) so a
 * mismatch with the golden engine can be traced to its first layer and position. Written by the
 * output units at disjoint positions, read only after the run. Not part of the simulated hardware:
 * it costs no cycles and records no actions.
 */
public final class LayerProbe {
    private final int[] sizes;
    private final ConcurrentHashMap<Long, int[]> outputs = new ConcurrentHashMap<>();

    /** @param sizes output size of each weighted layer */
    public LayerProbe(int[] sizes) {
        this.sizes = sizes.clone();
    }

    private static long key(int image, int plan) {
        return ((long) image << 16) | plan;
    }

    public void put(int image, int plan, int index, int value) {
        output(image, plan, true)[index] = value;
    }

    /**
     * The array that keeps weighted layer {@code plan}'s output for {@code image}, made (zeros) if
     * {@code make} and there is none yet; a writer sets only its own positions.
     */
    public int[] output(int image, int plan, boolean make) {
        return make ? outputs.computeIfAbsent(key(image, plan), k -> new int[sizes[plan]]) : outputs.get(key(image, plan));
    }

    /** The simulated output of weighted layer {@code plan} for {@code image}, or null if none. */
    public int[] output(int image, int plan) {
        return output(image, plan, false);
    }

    /** Forgets an image once it has been checked. */
    public void drop(int image) {
        for (int p = 0; p < sizes.length; p++) {
            outputs.remove(key(image, p));
        }
    }
}
