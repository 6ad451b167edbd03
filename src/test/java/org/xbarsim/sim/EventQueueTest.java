package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventQueueTest {
    @Test
    void takesEventsByCycleThenSourceThenSequenceWhateverTheArrivalOrder() {
        EventQueue q = new EventQueue("q");
        q.add(new Event(5, 2, 0, "c"));
        q.add(new Event(5, 1, 7, "b"));
        q.add(new Event(9, 0, 0, "d"));
        q.add(new Event(5, 1, 3, "a"));
        q.add(new Event(4, 9, 9, "first"));
        StringBuilder order = new StringBuilder();
        Event e;
        while ((e = q.pollBefore(Long.MAX_VALUE)) != null) {
            order.append(e.payload()).append(' ');
        }
        assertEquals("first a b c d ", order.toString());
    }

    @Test
    void stopsAtTheWindowEnd() {
        EventQueue q = new EventQueue("q");
        q.add(new Event(10, 0, 0, "x"));
        assertNull(q.pollBefore(10));
        assertEquals(10, q.nextCycle());
        assertEquals("x", q.pollBefore(11).payload());
        assertEquals(Long.MAX_VALUE, q.nextCycle());
    }

    @Test
    void aTieIsABugAndThrows() {
        EventQueue q = new EventQueue("adc-3");
        q.add(new Event(7, 1, 4, "one"));
        q.add(new Event(7, 1, 4, "two"));
        EventTieException ex = assertThrows(EventTieException.class, () -> q.pollBefore(100));
        assertTrue(ex.getMessage().contains("adc-3") && ex.getMessage().contains("cycle 7"), ex.getMessage());
    }
}
