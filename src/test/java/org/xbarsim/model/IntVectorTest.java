package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IntVectorTest {
    @Test
    void gathersTheValuesAtABasePlusEachIndex() {
        IntVector v = IntVector.of(10, 11, 12, 13, 14, 15);
        int[] dest = new int[3];
        v.gather(2, new int[] {0, 1, 3}, dest);
        assertArrayEquals(new int[] {12, 13, 15}, dest);
        assertThrows(IndexOutOfBoundsException.class, () -> v.gather(4, new int[] {2}, new int[1]));
    }

    @Test
    void countsTheNonZeroValuesOfARange() {
        IntVector v = IntVector.of(0, 3, 0, -1, 7, 0);
        assertEquals(3, v.countNonZero(0, 6));
        assertEquals(1, v.countNonZero(2, 4));
        assertEquals(0, v.countNonZero(5, 6));
        assertEquals(0, v.countNonZero(3, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> v.countNonZero(4, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> v.countNonZero(-1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> v.countNonZero(3, 2));
    }

    /** The same values as ints and as int8 bytes: every method must answer alike. */
    private static final int[] VALUES = {0, 3, -128, 127, -1, 0, 5, 0, -7, 1, 2, 3, 4, 5, 6, 7, 8};

    private static IntVector asInt8(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return IntVector.wrapInt8(b);
    }

    @Test
    void int8BytesReadAsTheSignedValuesTheyHold() {
        IntVector ints = IntVector.of(VALUES);
        IntVector bytes = asInt8(VALUES);
        assertEquals(ints.size(), bytes.size());
        for (int i = 0; i < VALUES.length; i++) {
            assertEquals(VALUES[i], bytes.get(i), "value " + i);
        }
        assertArrayEquals(VALUES, bytes.toArray());
        assertEquals(ints, bytes);
        assertEquals(bytes, ints);
        assertEquals(ints.hashCode(), bytes.hashCode());
        assertEquals(ints.toString(), bytes.toString());
        assertEquals(-128, bytes.min());
        assertEquals(127, bytes.max());
        assertEquals(ints.countZeros(), bytes.countZeros());
        assertEquals(0, asInt8().min());
        assertEquals(0, asInt8().max());
        assertEquals(IntVector.of(), asInt8());
        assertEquals("[0, 3, -128]", asInt8(0, 3, -128).toString());
        assertNotEquals(ints, asInt8(0, 3, -128));
        int[] changed = VALUES.clone();
        changed[16] = 9;
        assertNotEquals(IntVector.of(changed), bytes);
        assertNotEquals(bytes, IntVector.of(changed));
        assertNotEquals(bytes, asInt8(changed));
        assertEquals(bytes, asInt8(VALUES));
    }

    @Test
    void int8BytesCopyGatherAndCountAsInts() {
        IntVector ints = IntVector.of(VALUES);
        IntVector bytes = asInt8(VALUES);
        int[] a = new int[7];
        int[] b = new int[7];
        ints.copyTo(3, a, 2, 5);
        bytes.copyTo(3, b, 2, 5);
        assertArrayEquals(a, b);
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.copyTo(14, new int[5], 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.copyTo(0, new int[5], 2, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.copyTo(-1, new int[5], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.copyTo(0, new int[5], 0, -1));
        int[] untouched = {9, 9, 9};
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.copyTo(15, untouched, 0, 3));
        assertArrayEquals(new int[] {9, 9, 9}, untouched, "nothing is copied when the range is out of bounds");
        int[] index = {0, 2, 5, 1};
        ints.gather(4, index, a);
        bytes.gather(4, index, b);
        assertArrayEquals(a, b);
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.gather(16, new int[] {1}, new int[1]));
        for (int from = 0; from <= VALUES.length; from++) {
            for (int to = from; to <= VALUES.length; to++) {
                assertEquals(ints.countNonZero(from, to), bytes.countNonZero(from, to), from + ".." + to);
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.countNonZero(3, 18));
    }

    @Test
    void firstOutsideFindsTheFirstValueOutOfRange() {
        for (IntVector v : new IntVector[] {IntVector.of(VALUES), asInt8(VALUES)}) {
            assertEquals(-1, v.firstOutside(-128, 127));
            assertEquals(2, v.firstOutside(-127, 127));
            assertEquals(3, v.firstOutside(-128, 126));
            assertEquals(1, v.firstOutside(-8, 2));
        }
        assertEquals(-1, IntVector.of().firstOutside(0, 0));
    }
}
