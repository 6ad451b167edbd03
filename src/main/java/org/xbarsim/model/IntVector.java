package org.xbarsim.model;

import java.util.Arrays;

/**
 * An immutable vector of {@code int}s with value equality. Records that carry arrays use this so
 * that equality compares contents and no receiver can change what a sender still holds.
 */
public final class IntVector {
    // Exactly one is set. Weights read from a model file's int8 encoding stay one byte each (a
    // VGG-16's 15 million take 15 MB, not 60 MB, and the decoded bytes are kept, not widened: less to
    // allocate, and less for the collector to copy while the model lives).
    private final int[] values;
    private final byte[] int8s;

    private IntVector(int[] values, byte[] int8s) {
        this.values = values;
        this.int8s = int8s;
    }

    /** Copies {@code values}. */
    public static IntVector of(int... values) {
        return new IntVector(values.clone(), null);
    }

    /** Takes ownership of {@code values}: the caller must not change the array afterwards. */
    public static IntVector wrap(int[] values) {
        return new IntVector(values, null);
    }

    /**
     * The signed bytes {@code values} as ints, taking ownership of the array: the caller must not
     * change it afterwards. Equal to {@code wrap} of the same values widened.
     */
    public static IntVector wrapInt8(byte[] values) {
        return new IntVector(null, java.util.Objects.requireNonNull(values, "values"));
    }

    public int get(int i) {
        return int8s != null ? int8s[i] : values[i];
    }

    public int size() {
        return int8s != null ? int8s.length : values.length;
    }

    /** A copy of the contents. */
    public int[] toArray() {
        if (int8s == null) {
            return values.clone();
        }
        int[] out = new int[int8s.length];
        copyTo(0, out, 0, out.length);
        return out;
    }

    /**
     * Copies {@code length} values starting at {@code from} into {@code dest} at {@code destPos}.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array (nothing is copied then)
     */
    public void copyTo(int from, int[] dest, int destPos, int length) {
        if (int8s == null) {
            System.arraycopy(values, from, dest, destPos, length);
            return;
        }
        java.util.Objects.checkFromIndexSize(from, length, int8s.length);
        java.util.Objects.checkFromIndexSize(destPos, length, dest.length);
        for (int i = 0; i < length; i++) {
            dest[destPos + i] = int8s[from + i];
        }
    }

    /** {@code dest[a] = get(base + index[a])} for every {@code a} of {@code index}. */
    public void gather(int base, int[] index, int[] dest) {
        if (int8s != null) {
            for (int a = 0; a < index.length; a++) {
                dest[a] = int8s[base + index[a]];
            }
            return;
        }
        for (int a = 0; a < index.length; a++) {
            dest[a] = values[base + index[a]];
        }
    }

    /** How many of the values at {@code from} (inclusive) to {@code to} (exclusive) are not zero. */
    public int countNonZero(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, size());
        int n = 0;
        if (int8s != null) {
            for (int i = from; i < to; i++) {
                n += int8s[i] != 0 ? 1 : 0;
            }
            return n;
        }
        for (int i = from; i < to; i++) {
            n += values[i] != 0 ? 1 : 0;
        }
        return n;
    }

    /** The sum of the magnitudes of the values in {@code [from, to)}. */
    public long absSum(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, size());
        long sum = 0;
        if (int8s != null) {
            for (int i = from; i < to; i++) {
                sum += Math.abs(int8s[i]);
            }
            return sum;
        }
        for (int i = from; i < to; i++) {
            sum += Math.abs((long) values[i]);
        }
        return sum;
    }

    /** The index of the first value below {@code lo} or above {@code hi}, or -1. */
    public int firstOutside(long lo, long hi) {
        for (int i = 0; i < size(); i++) {
            int v = get(i);
            if (v < lo || v > hi) {
                return i;
            }
        }
        return -1;
    }

    public int min() {
        int m = Integer.MAX_VALUE;
        for (int i = 0; i < size(); i++) {
            m = Math.min(m, get(i));
        }
        return size() == 0 ? 0 : m;
    }

    public int max() {
        int m = Integer.MIN_VALUE;
        for (int i = 0; i < size(); i++) {
            m = Math.max(m, get(i));
        }
        return size() == 0 ? 0 : m;
    }

    public long countZeros() {
        return size() - countNonZero(0, size());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IntVector v) || v.size() != size()) {
            return false;
        }
        if (int8s != null && v.int8s != null) {
            return Arrays.equals(int8s, v.int8s);
        }
        if (values != null && v.values != null) {
            return Arrays.equals(values, v.values);
        }
        for (int i = 0; i < size(); i++) {
            if (get(i) != v.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        // Arrays.hashCode of bytes widens each to int: the same value as of the widened ints
        return int8s != null ? Arrays.hashCode(int8s) : Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        int[] head = new int[Math.min(size(), 16)];
        copyTo(0, head, 0, head.length);
        if (size() <= 16) {
            return Arrays.toString(head);
        }
        return "IntVector[" + size() + "]" + Arrays.toString(Arrays.copyOf(head, 8)).replace("]", ", ...]");
    }
}
