package org.xbarsim.hw.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputBufferModelTest {
    @Test
    void aWriteThatFitsLandsAtOnce() {
        InputBufferModel b = new InputBufferModel(10);
        assertEquals(5, b.write(5, 80, () -> "x"));
        assertEquals(10, b.peakBytes());
        assertEquals(0, b.waits());
    }

    @Test
    void aWriteThatDoesNotFitWaitsForTheReadsThatFreeRoomAndLaterWritesQueueBehindIt() {
        InputBufferModel b = new InputBufferModel(10);
        b.write(0, 64, () -> "a");
        b.release(30, 16);
        b.release(20, 16);
        assertEquals(20, b.write(5, 24, () -> "b"), "room for 3 B once the read ending at 20 freed 2 B");
        assertEquals(20, b.write(6, 8, () -> "c"), "behind b, and 1 B is free by then");
        assertEquals(30, b.write(7, 16, () -> "d"));
        assertEquals(3, b.waits());
        assertEquals(15 + 14 + 23, b.waitCycles());
        assertEquals(10, b.peakBytes());
    }

    @Test
    void aWriteNoScheduledReadMakesRoomForFailsNamingTheData() {
        InputBufferModel b = new InputBufferModel(10);
        b.write(0, 72, () -> "a");
        b.release(9, 8);
        InputBufferFullException e = assertThrows(InputBufferFullException.class, () -> b.write(10, 40, () -> "the write of z"));
        assertTrue(e.getMessage().startsWith("the write of z (5 B) does not fit: the buffer holds 8 of its 10 B"), e.getMessage());
    }
}
