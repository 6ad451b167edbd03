package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IntVectorTest {
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
