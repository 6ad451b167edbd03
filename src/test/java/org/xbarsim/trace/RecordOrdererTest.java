package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordOrdererTest {
    @Test
    void shuffledArrivalComesOutInCanonicalOrderWindowByWindow() {
        TraceHeader h = TraceFixtures.smallHeader();
        List<TraceRecord> canonical = TraceFixtures.realisticRecords(h, 5000, 2);
        // sequence = position, so ties on (start, component) keep their original order
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < canonical.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(4));
        RecordOrderer o = new RecordOrderer();
        List<TraceRecord> out = new ArrayList<>();
        long horizon = 0;
        order.sort(Comparator.comparingLong(i -> canonical.get(i).startCycle() / 50));
        for (int i : order) {
            TraceRecord r = canonical.get(i);
            if (r.startCycle() / 50 * 50 > horizon) {
                horizon = r.startCycle() / 50 * 50;
                o.flushBefore(horizon, out::add);
            }
            o.add(r, i);
        }
        o.flushAll(out::add);
        assertEquals(0, o.pending());
        assertEquals(canonical, out);
        // and the writer, which checks the order, takes them
        TraceFixtures.bytesOf(h, out, TraceWriter.Options.DEFAULT);
    }

    @Test
    void lateRecordsAndTiesAreErrors() {
        RecordOrderer o = new RecordOrderer();
        o.add(TraceRecord.of(10, 1, 0, 0, 1, 0), 0);
        o.flushBefore(20, r -> { });
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> o.add(TraceRecord.of(15, 1, 0, 0, 1, 0), 1));
        assertTrue(late.getMessage().contains("arrived after records before cycle 20 were flushed"), late.getMessage());
        o.add(TraceRecord.of(30, 1, 2, 0, 1, 0), 5);
        o.add(TraceRecord.of(30, 2, 2, 0, 1, 0), 5);
        IllegalStateException tie = assertThrows(IllegalStateException.class, () -> o.flushAll(r -> { }));
        assertTrue(tie.getMessage().contains("two records tie on (start 30, component 2, sequence 5)"), tie.getMessage());
    }

    @Test
    void recordsAtTheLastCycleAreFlushedByFlushAll() {
        RecordOrderer o = new RecordOrderer();
        o.add(TraceRecord.of(Long.MAX_VALUE, 0, 1, 0, 1, 0), 0);
        o.add(TraceRecord.of(Long.MAX_VALUE, 0, 0, 0, 1, 0), 0);
        List<TraceRecord> out = new ArrayList<>();
        o.flushAll(out::add);
        assertEquals(List.of(0, 1), out.stream().map(TraceRecord::component).toList());
    }
    @Test
    void flushBeforeHoldsRecordsAtTheCycleItselfAndNeverMovesTheLimitBack() {
        RecordOrderer o = new RecordOrderer();
        o.add(TraceRecord.of(19, 1, 0, 0, 1, 0), 0);
        o.add(TraceRecord.of(20, 1, 0, 0, 1, 0), 0);
        List<TraceRecord> out = new ArrayList<>();
        o.flushBefore(20, out::add);
        assertEquals(List.of(19L), out.stream().map(TraceRecord::startCycle).toList());
        assertEquals(1, o.pending());
        o.add(TraceRecord.of(20, 1, 1, 0, 1, 0), 0); // at the limit: still allowed
        o.flushBefore(30, out::add);
        o.flushBefore(10, out::add);
        assertEquals(List.of(19L, 20L, 20L), out.stream().map(TraceRecord::startCycle).toList());
        assertThrows(IllegalArgumentException.class, () -> o.add(TraceRecord.of(25, 1, 0, 0, 1, 0), 1),
                "the limit stays at 30 after an earlier flush");
        assertEquals(0, o.pending());
    }
}
