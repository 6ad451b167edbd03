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

    /**
     * The reads recombined, as the shift-add unit does with values an ADC left as they were:
     * {@code into[j] = sum over r < reads of values()[r * into.length + j] << (r * dacBits)}. A
     * crossbar's sums make this straight from its bit-planes, without the array of every read's sums
     * ({@code CrossbarModel#lazySums}).
     */
    default void addReads(long[] into, int reads, int dacBits) {
        addReads(values(), into, reads, dacBits);
    }

    /** {@link #addReads(long[], int, int)} of sums already made. */
    static void addReads(IntVector values, long[] into, int reads, int dacBits) {
        int columns = into.length;
        if (reads == 0) {
            java.util.Arrays.fill(into, 0);
            return;
        }
        for (int j = 0; j < columns; j++) { // the first read sets the sums (no separate clearing pass)
            into[j] = values.get(j);
        }
        for (int r = 1; r < reads; r++) { // read by read, so the values are visited in their stored order
            int base = r * columns;
            int shift = r * dacBits;
            for (int j = 0; j < columns; j++) {
                into[j] += (long) values.get(base + j) << shift;
            }
        }
    }

    /** Sums already made. */
    static ColumnSums of(IntVector values) {
        return () -> values;
    }
}
