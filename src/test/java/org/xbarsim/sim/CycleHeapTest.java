package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CycleHeapTest {
    @Test
    void pollsInCycleThenIdOrderAsAPriorityQueueWouldThroughGrowthAndInterleavedAdds() {
        Random rnd = new Random(5);
        CycleHeap heap = new CycleHeap();
        PriorityQueue<long[]> expected = new PriorityQueue<>(
                Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        List<String> got = new ArrayList<>();
        List<String> want = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (rnd.nextInt(3) > 0 || heap.isEmpty()) {
                // few distinct cycles and ids, so ties on the cycle are common; equal (cycle, id) pairs carry the same tag
                long cycle = rnd.nextInt(50) == 0 ? Long.MAX_VALUE : rnd.nextInt(200);
                int id = rnd.nextInt(30);
                heap.add(cycle, id, cycle * 31 + id);
                expected.add(new long[] {cycle, id, cycle * 31 + id});
            } else {
                long[] e = expected.poll();
                want.add(e[0] + "/" + e[1] + "/" + e[2]);
                got.add(heap.cycle() + "/" + heap.id() + "/" + heap.tag());
                heap.poll();
            }
            assertEquals(expected.size(), heap.size());
        }
        while (!heap.isEmpty()) {
            long[] e = expected.poll();
            want.add(e[0] + "/" + e[1] + "/" + e[2]);
            got.add(heap.cycle() + "/" + heap.id() + "/" + heap.tag());
            heap.poll();
        }
        assertTrue(expected.isEmpty());
        assertThrows(java.util.NoSuchElementException.class, heap::poll);
        assertTrue(want.size() > 5_000);
        assertEquals(want, got);
    }
}
