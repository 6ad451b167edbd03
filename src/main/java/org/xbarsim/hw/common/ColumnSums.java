package org.xbarsim.hw.common;

import org.xbarsim.model.IntVector;

/**
 * The column sums of one MVM's reads, {@code [r * columns + j]}, made when the ADC bank converts them.
 * A read that waits for its array is then held as its inputs (a bit per row and input bit), not as
 * its sums (an {@code int} per column and read): with many images in flight thousands of reads wait
 * (docs/simulation.md, "Limits (known)"). Making them must read only what never changes.
 */
@FunctionalInterface
public interface ColumnSums {
    IntVector values();

    /**
     * The sums in an array of the caller's own, to change in place: a copy of {@link #values()}
     * unless the sums are made for this call.
     */
    default int[] newArray() {
        return values().toArray();
    }

    /** Sums already made. */
    static ColumnSums of(IntVector values) {
        return () -> values;
    }
}
