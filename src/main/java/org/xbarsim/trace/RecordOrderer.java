package org.xbarsim.trace;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts records that arrive in any order (e.g. from components simulated in parallel within a
 * time window) into xbarsim's canonical trace order: start cycle, then component id, then a
 * per-component sequence number the caller assigns. Records wait here until the caller knows no
 * earlier record can still come ({@link #flushBefore}); memory grows only with the records in
 * flight. Not thread-safe: hand records to it from one thread (e.g. the window coordinator).
 */
public final class RecordOrderer {
    private record Pending(TraceRecord record, long sequence) {
    }

    // written out rather than chained Comparator lambdas: the coordinator sorts every record through it
    private static final Comparator<Pending> ORDER = (a, b) -> {
        int c = Long.compare(a.record().startCycle(), b.record().startCycle());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.record().component(), b.record().component());
        return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
    };

    private final PriorityQueue<Pending> queue = new PriorityQueue<>(ORDER);
    private long flushedBefore = Long.MIN_VALUE;

    /**
     * Adds a record. {@code sequence} orders records of one component with the same start cycle
     * (e.g. a per-component counter); two such records with the same sequence are a bug.
     */
    public void add(TraceRecord record, long sequence) {
        if (record.startCycle() < flushedBefore) {
            throw new IllegalArgumentException("record starting at cycle " + record.startCycle()
                    + " arrived after records before cycle " + flushedBefore + " were flushed");
        }
        queue.add(new Pending(record, sequence));
    }

    /** Hands every held record with start cycle {@code < cycle} to {@code sink}, in canonical order. */
    public void flushBefore(long cycle, Consumer<TraceRecord> sink) {
        drain(cycle, false, sink);
    }

    /** Hands every held record to {@code sink}, in canonical order. */
    public void flushAll(Consumer<TraceRecord> sink) {
        drain(Long.MAX_VALUE, true, sink);
    }

    private void drain(long cycle, boolean all, Consumer<TraceRecord> sink) {
        Pending last = null;
        while (!queue.isEmpty() && (all || queue.peek().record().startCycle() < cycle)) {
            Pending p = queue.poll();
            if (last != null && ORDER.compare(last, p) == 0) {
                throw new IllegalStateException("two records tie on (start " + p.record().startCycle() + ", component "
                        + p.record().component() + ", sequence " + p.sequence()
                        + "): the order would not be deterministic");
            }
            sink.accept(p.record());
            last = p;
        }
        flushedBefore = Math.max(flushedBefore, cycle);
    }

    /** Records held, not yet flushed. */
    public int pending() {
        return queue.size();
    }
}
