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
    void mostlyOrderedArrivalWithStragglersAndPartialFlushesComesOutInCanonicalOrder() {
        TraceHeader h = TraceFixtures.smallHeader();
        List<TraceRecord> canonical = TraceFixtures.realisticRecords(h, 5000, 3);
        Random rnd = new Random(6);
        for (int trial = 0; trial < 20; trial++) {
            // in canonical order, but a record now and then swapped with one a few places on, and flushes
            // at random cycles that no record still to come starts before
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < canonical.size(); i++) {
                order.add(i);
            }
            for (int i = 0; i + 5 < order.size(); i++) {
                if (rnd.nextInt(10) < trial % 5) {
                    Collections.swap(order, i, i + 1 + rnd.nextInt(4));
                }
            }
            RecordOrderer o = new RecordOrderer();
            List<TraceRecord> out = new ArrayList<>();
            long flushed = Long.MIN_VALUE;
            for (int k = 0; k < order.size(); k++) {
                int i = order.get(k);
                o.add(canonical.get(i), i);
                if (rnd.nextInt(20) == 0) {
                    // everything still to come starts at or after this cycle
                    long limit = Long.MAX_VALUE;
                    for (int j = k + 1; j < order.size(); j++) {
                        limit = Math.min(limit, canonical.get(order.get(j)).startCycle());
                    }
                    limit = Math.min(limit, canonical.get(i).startCycle() + 1);
                    if (limit > flushed) {
                        o.flushBefore(limit, out::add);
                        flushed = limit;
                    }
                }
            }
            o.flushAll(out::add);
            assertEquals(0, o.pending());
            assertEquals(canonical, out, "trial " + trial);
        }
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

    @Test
    void fieldByFieldRecordsComeOutLikeRecordsWithSlotsReusedAcrossManyFlushes() {
        // random records in random windows through both paths: same canonical order, same fields
        Random rnd = new Random(9);
        RecordOrderer objects = new RecordOrderer();
        RecordOrderer fields = new RecordOrderer();
        List<TraceRecord> viaObjects = new ArrayList<>();
        List<TraceRecord> viaFields = new ArrayList<>();
        RecordOrderer.Sink collect = (s, d, c, a, n, i, g, l) -> viaFields.add(new TraceRecord(s, d, c, a, n, i, g, l));
        long[] seq = new long[7];
        List<TraceRecord> added = new ArrayList<>();
        List<Long> addedSeq = new ArrayList<>();
        long limit = 0;
        for (int window = 0; window < 400; window++) {
            int n = rnd.nextInt(40);
            for (int k = 0; k < n; k++) {
                int component = rnd.nextInt(seq.length);
                TraceRecord r = new TraceRecord(limit + rnd.nextInt(300), rnd.nextInt(50), component, rnd.nextInt(3),
                        rnd.nextInt(9), rnd.nextInt(3) - 1, rnd.nextInt(3), rnd.nextInt(4) - 1);
                objects.add(r, seq[component]);
                added.add(r);
                addedSeq.add(seq[component]);
                fields.add(r.startCycle(), r.durationCycles(), r.component(), r.action(), r.count(), r.image(), r.arg(),
                        r.layer(), seq[component]++);
            }
            limit += rnd.nextInt(60);
            objects.flushBefore(limit, viaObjects::add);
            fields.drainBefore(limit, collect);
            assertEquals(objects.pending(), fields.pending());
        }
        objects.flushAll(viaObjects::add);
        fields.drainAll(collect);
        assertEquals(0, fields.pending());
        assertTrue(viaFields.size() > 5000, "records: " + viaFields.size());
        assertEquals(viaObjects, viaFields);
        // every record starts at or after the limit of its window's flush, so the whole output is the canonical sort
        assertEquals(canonical(added, addedSeq), viaFields);
    }

    @Test
    void burstsOfArrivalsToFlushAtOnceMergeWithHeldRecordsInCanonicalOrder() {
        // windows whose flush takes far more arrivals than are sorted as they come (the rest go through the
        // heap), ties on start and component among arrivals and held records alike
        Random rnd = new Random(11);
        RecordOrderer o = new RecordOrderer();
        List<TraceRecord> out = new ArrayList<>();
        List<TraceRecord> added = new ArrayList<>();
        List<Long> addedSeq = new ArrayList<>();
        long[] seq = new long[3];
        long limit = 0;
        for (int window = 0; window < 200; window++) {
            boolean burst = window % 4 == 0;
            int n = burst ? RecordOrderer.MAX_SORTED_ARRIVALS + rnd.nextInt(3 * RecordOrderer.MAX_SORTED_ARRIVALS) : rnd.nextInt(20);
            for (int k = 0; k < n; k++) {
                int component = rnd.nextInt(seq.length);
                // the sequence in arg too: records that tie on (start, component) still differ
                TraceRecord r = new TraceRecord(limit + rnd.nextInt(burst ? 20 : 200), 1, component, 0, 1, 0, seq[component], -1);
                added.add(r);
                addedSeq.add(seq[component]);
                o.add(r, seq[component]++);
            }
            limit += burst ? 400 : rnd.nextInt(30); // a burst's flush takes all its arrivals and much held
            o.flushBefore(limit, out::add);
        }
        o.flushAll(out::add);
        assertEquals(0, o.pending());
        assertEquals(canonical(added, addedSeq), out);
    }

    @Test
    void aTieBetweenAHeldRecordAndANewOneOrPastTheSortedArrivalsIsAnError() {
        RecordOrderer o = new RecordOrderer();
        o.add(TraceRecord.of(30, 1, 2, 0, 1, 0), 5);
        o.flushBefore(20, r -> { }); // held: it starts after the flush
        o.add(TraceRecord.of(30, 2, 2, 0, 1, 0), 5); // arrives, and starts before the next flush
        IllegalStateException heldAndNew = assertThrows(IllegalStateException.class, () -> o.flushBefore(40, r -> { }));
        assertTrue(heldAndNew.getMessage().contains("two records tie on (start 30, component 2, sequence 5)"),
                heldAndNew.getMessage());
        RecordOrderer many = new RecordOrderer();
        for (int i = 0; i < RecordOrderer.MAX_SORTED_ARRIVALS + 10; i++) {
            many.add(TraceRecord.of(100 + i, 1, 0, 0, 1, 0), i);
        }
        many.add(TraceRecord.of(100 + RecordOrderer.MAX_SORTED_ARRIVALS + 5, 1, 0, 0, 1, 0),
                RecordOrderer.MAX_SORTED_ARRIVALS + 5); // past the sorted ones: through the heap
        IllegalStateException past = assertThrows(IllegalStateException.class, () -> many.flushAll(r -> { }));
        assertTrue(past.getMessage().contains("two records tie on (start " + (105 + RecordOrderer.MAX_SORTED_ARRIVALS)),
                past.getMessage());
    }

    @Test
    void aSinkThatAddsIsRefusedAndOneThatThrowsLosesNothingButItsRecord() {
        RecordOrderer o = new RecordOrderer();
        for (int i = 0; i < 5; i++) {
            o.add(TraceRecord.of(10 + i, 1, 0, 0, 1, 0), i);
        }
        IllegalStateException reentry = assertThrows(IllegalStateException.class,
                () -> o.flushBefore(100, r -> o.add(TraceRecord.of(200, 1, 0, 0, 1, 0), 99)));
        assertTrue(reentry.getMessage().contains("added while records were being flushed"), reentry.getMessage());
        assertEquals(4, o.pending(), "the record being handed out is gone, the others are held");
        List<Long> out = new ArrayList<>();
        int[] calls = {0};
        assertThrows(IllegalStateException.class, () -> o.flushBefore(100, r -> {
            if (++calls[0] == 2) {
                throw new IllegalStateException("disk full");
            }
            out.add(r.startCycle());
        }));
        o.add(TraceRecord.of(100, 1, 0, 0, 1, 0), 10); // adding works again after a failed flush
        o.flushAll(r -> out.add(r.startCycle()));
        assertEquals(List.of(11L, 13L, 14L, 100L), out);
        assertEquals(0, o.pending());
    }

    /** {@code added} sorted by (start, component, sequence): the canonical order, made the obvious way. */
    private static List<TraceRecord> canonical(List<TraceRecord> added, List<Long> sequence) {
        List<Integer> byKey = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) {
            byKey.add(i);
        }
        byKey.sort(Comparator.<Integer>comparingLong(i -> added.get(i).startCycle())
                .thenComparingInt(i -> added.get(i).component()).thenComparingLong(sequence::get));
        return byKey.stream().map(added::get).toList();
    }
}
