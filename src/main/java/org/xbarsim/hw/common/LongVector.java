package org.xbarsim.hw.common;

import java.util.Arrays;

/** An immutable vector of {@code long}s with value equality (partial sums in messages). */
public final class LongVector {
    private final long[] values;

    private LongVector(long[] values) {
        this.values = values;
    }

    /** Takes ownership of {@code values}: the caller must not change the array afterwards. */
    public static LongVector wrap(long[] values) {
        return new LongVector(values);
    }

    public static LongVector of(long... values) {
        return new LongVector(values.clone());
    }

    public long get(int i) {
        return values[i];
    }

    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongVector v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
