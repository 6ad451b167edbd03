package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BufferOccupancyTest {
    private static BufferOccupancy.Sample at(long cycle, long bytes) {
        return new BufferOccupancy.Sample(cycle, bytes);
    }

    @Test
    void aWindowShowsTheMostHeldInItAndTheNextOneTheLevelItEndedWith() {
        BufferOccupancy o = new BufferOccupancy(10);
        o.add(2, 100);  // window 0: up to 100, then 160, then down to 60
        o.add(3, 60);
        o.add(5, -100);
        o.add(12, -60); // window 1: starts at 60, ends empty
        o.add(41, 30);  // window 4 after a quiet stretch
        o.add(45, -30);
        assertEquals(List.of(at(0, 160), at(10, 60), at(20, 0), at(40, 30), at(50, 0)), o.finish());
    }

    @Test
    void aFreeBeforeAWriteOnOneCycleKeepsThePeakLow() {
        BufferOccupancy o = new BufferOccupancy(100);
        o.add(0, 50);
        o.add(7, -50);
        o.add(7, 50);
        o.add(9, -50);
        assertEquals(List.of(at(0, 50), at(100, 0)), o.finish());
    }

    @Test
    void nothingAddedGivesNoSample() {
        assertEquals(List.of(), new BufferOccupancy(10).finish());
    }
}
