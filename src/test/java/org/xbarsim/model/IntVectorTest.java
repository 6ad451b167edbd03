package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
