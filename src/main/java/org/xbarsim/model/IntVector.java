package org.xbarsim.model;

import java.util.Arrays;

/**
 * An immutable vector of {@code int}s with value equality. Records that carry arrays use this so
 * that equality compares contents and no receiver can change what a sender still holds.
 */
public final class IntVector {
    private final int[] values;

    private IntVector(int[] values) {
        this.values = values;
    }

    /** Copies {@code values}. */
    public static IntVector of(int... values) {
        return new IntVector(values.clone());
    }

    /** Takes ownership of {@code values}: the caller must not change the array afterwards. */
    public static IntVector wrap(int[] values) {
        return new IntVector(values);
    }

    public int get(int i) {
        return values[i];
    }

    public int size() {
        return values.length;
    }

    /** A copy of the contents. */
    public int[] toArray() {
        return values.clone();
    }

    /** Copies {@code length} values starting at {@code from} into {@code dest} at {@code destPos}. */
    public void copyTo(int from, int[] dest, int destPos, int length) {
        System.arraycopy(values, from, dest, destPos, length);
    }

    /** {@code dest[a] = get(base + index[a])} for every {@code a} of {@code index}. */
    public void gather(int base, int[] index, int[] dest) {
        for (int a = 0; a < index.length; a++) {
            dest[a] = values[base + index[a]];
        }
    }

    /** How many of the values at {@code from} (inclusive) to {@code to} (exclusive) are not zero. */
    public int countNonZero(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, values.length);
        int n = 0;
        for (int i = from; i < to; i++) {
            n += values[i] != 0 ? 1 : 0;
        }
        return n;
    }

    public int min() {
        return Arrays.stream(values).min().orElse(0);
    }

    public int max() {
        return Arrays.stream(values).max().orElse(0);
    }

    public long countZeros() {
        return Arrays.stream(values).filter(v -> v == 0).count();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntVector v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        if (values.length <= 16) {
            return Arrays.toString(values);
        }
        return "IntVector[" + values.length + "]" + Arrays.toString(Arrays.copyOf(values, 8)).replace("]", ", ...]");
    }
}
