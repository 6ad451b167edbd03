package org.xbarsim.trace;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Puts records that arrive in any order (e.g. from components simulated in parallel within a
 * time window) into xbarsim's canonical trace order: start cycle, then component id, then a
 * per-component sequence number the caller assigns. Records wait here until the caller knows no
 * earlier record can still come ({@link #flushBefore}); memory grows only with the records in
 * flight. Not thread-safe: hand records to it from one thread (e.g. the window coordinator).
 *
 * <p>The held records live in parallel primitive arrays (a slot per record, reused) under a binary
 * heap of slot numbers: the simulator passes every record of a run through here, so no object is
 * made per record on the {@link #add(long, long, int, int, long, int, long, int, long)} and
 * {@link #drainBefore} path. The heap keeps each entry's start cycle beside its slot, so a sift reads
 * the slot's other fields only to break a tie: a simulation holds thousands of records that start after
 * the current window (2,800 on average in a VGG-16 inference), whose slots lie all over the arrays.
 *
 * <p>Records wait unsorted until the next flush, which sorts those that start before it (a few; 59 % of
 * a VGG-16 inference's 737,526 records start in the window that made them) and merges them with the
 * heap's; only the others go into the heap. Insertion sort: the arrivals of one window are few (past
 * {@link #MAX_SORTED_ARRIVALS}, the rest take the heap).
 */
public final class RecordOrderer {
    /** Receives flushed records field by field (see {@link TraceRecord}), e.g. {@code TraceWriter::write}. */
    @FunctionalInterface
    public interface Sink {
        void accept(long startCycle, long durationCycles, int component, int action, long count, int image, long arg,
                int layer);
    }

    private long[] start = new long[64];
    private long[] duration = new long[64];
    private long[] count = new long[64];
    private long[] arg = new long[64];
    private long[] sequence = new long[64];
    private int[] component = new int[64];
    private int[] action = new int[64];
    private int[] image = new int[64];
    private int[] layer = new int[64];
    private int[] heap = new int[64]; // slots, earliest record first
    private long[] heapStart = new long[64]; // heapStart[k] == start[heap[k]]
    private int size;
    private int[] arrivals = new int[64]; // slots added since the last flush, in arrival order
    private int arrivalCount;
    /** Beyond this many arrivals to flush at once, the rest go through the heap (insertion sort is quadratic). */
    static final int MAX_SORTED_ARRIVALS = 64;
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int slotsUsed; // slots ever handed out (the rest of the arrays is unused)
    private long flushedBefore = Long.MIN_VALUE;
    private boolean draining;
    private int readyTaken; // during a flush: the sorted arrivals handed out (or taken to hand out) so far

    /**
     * Adds a record. {@code sequence} orders records of one component with the same start cycle
     * (e.g. a per-component counter); two such records with the same sequence are a bug.
     */
    public void add(TraceRecord record, long sequence) {
        add(record.startCycle(), record.durationCycles(), record.component(), record.action(), record.count(), record.image(),
                record.arg(), record.layer(), sequence);
    }

    /** {@link #add(TraceRecord, long)} field by field, without making a record. */
    public void add(long startCycle, long durationCycles, int component, int action, long count, int image, long arg,
            int layer, long sequence) {
        if (draining) {
            throw new IllegalStateException("a record was added while records were being flushed (from the sink?)");
        }
        if (startCycle < flushedBefore) {
            throw new IllegalArgumentException("record starting at cycle " + startCycle
                    + " arrived after records before cycle " + flushedBefore + " were flushed");
        }
        int s = newSlot();
        this.start[s] = startCycle;
        this.duration[s] = durationCycles;
        this.component[s] = component;
        this.action[s] = action;
        this.count[s] = count;
        this.image[s] = image;
        this.arg[s] = arg;
        this.layer[s] = layer;
        this.sequence[s] = sequence;
        if (arrivalCount == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, arrivalCount * 2);
        }
        arrivals[arrivalCount++] = s;
    }

    private void push(int s) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            heapStart = Arrays.copyOf(heapStart, size * 2);
        }
        siftUp(size++, s, start[s]);
    }

    /**
     * Leaves at the front of {@code arrivals}, sorted, the arrivals that start before {@code cycle} (every
     * one when {@code all}), at most {@link #MAX_SORTED_ARRIVALS}; moves the rest into the heap. Returns
     * how many it left.
     */
    private int sortArrivalsBefore(long cycle, boolean all) {
        int ready = 0;
        for (int a = 0; a < arrivalCount; a++) {
            int s = arrivals[a];
            if (!all && start[s] >= cycle || ready == MAX_SORTED_ARRIVALS) {
                push(s);
                continue;
            }
            int k = ready++;
            while (k > 0 && before(s, start[s], arrivals[k - 1], start[arrivals[k - 1]])) {
                arrivals[k] = arrivals[k - 1];
                k--;
            }
            arrivals[k] = s;
        }
        arrivalCount = 0;
        return ready;
    }

    /** Hands every held record with start cycle {@code < cycle} to {@code sink}, in canonical order. */
    public void flushBefore(long cycle, Consumer<TraceRecord> sink) {
        drain(cycle, false, asSink(sink));
    }

    /** Hands every held record to {@code sink}, in canonical order. */
    public void flushAll(Consumer<TraceRecord> sink) {
        drain(Long.MAX_VALUE, true, asSink(sink));
    }

    /** {@link #flushBefore} field by field, without making records. */
    public void drainBefore(long cycle, Sink sink) {
        drain(cycle, false, sink);
    }

    /** {@link #flushAll} field by field. */
    public void drainAll(Sink sink) {
        drain(Long.MAX_VALUE, true, sink);
    }

    private static Sink asSink(Consumer<TraceRecord> consumer) {
        return (s, d, c, a, n, i, g, l) -> consumer.accept(new TraceRecord(s, d, c, a, n, i, g, l));
    }

    private void drain(long cycle, boolean all, Sink sink) {
        int ready = sortArrivalsBefore(cycle, all);
        readyTaken = 0;
        draining = true;
        try {
            merge(cycle, all, sink, ready);
        } finally {
            draining = false;
            // a sink that threw (or a tie) leaves the sorted arrivals not yet handed out held, not lost
            for (int k = readyTaken; k < ready; k++) {
                push(arrivals[k]);
            }
        }
        flushedBefore = Math.max(flushedBefore, cycle);
    }

    /** Hands out the first {@code ready} arrivals and the heap's records before {@code cycle}, in canonical order. */
    private void merge(long cycle, boolean all, Sink sink, int ready) {
        boolean first = true;
        long lastStart = 0;
        int lastComponent = 0;
        long lastSequence = 0;
        while (true) {
            boolean fromHeap = size > 0 && (all || heapStart[0] < cycle);
            int s;
            int next = readyTaken;
            if (next < ready && !(fromHeap && before(heap[0], heapStart[0], arrivals[next], start[arrivals[next]]))) {
                s = arrivals[next];
                readyTaken = next + 1;
            } else if (fromHeap) {
                s = heap[0];
                int moved = heap[--size];
                if (size > 0) {
                    siftDown(0, moved, heapStart[size]);
                }
            } else {
                break;
            }
            if (!first && start[s] == lastStart && component[s] == lastComponent && sequence[s] == lastSequence) {
                throw new IllegalStateException("two records tie on (start " + start[s] + ", component " + component[s]
                        + ", sequence " + sequence[s] + "): the order would not be deterministic");
            }
            first = false;
            lastStart = start[s];
            lastComponent = component[s];
            lastSequence = sequence[s];
            sink.accept(start[s], duration[s], component[s], action[s], count[s], image[s], arg[s], layer[s]);
            freeSlot(s);
        }
    }

    /** Records held, not yet flushed. */
    public int pending() {
        return size + arrivalCount;
    }

    /** Whether slot {@code a}, starting at {@code startA}, goes before slot {@code b}, starting at {@code startB}. */
    private boolean before(int a, long startA, int b, long startB) {
        if (startA != startB) {
            return startA < startB;
        }
        if (component[a] != component[b]) {
            return component[a] < component[b];
        }
        return sequence[a] < sequence[b];
    }

    private void siftUp(int k, int slot, long slotStart) {
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!before(slot, slotStart, heap[parent], heapStart[parent])) {
                break;
            }
            heap[k] = heap[parent];
            heapStart[k] = heapStart[parent];
            k = parent;
        }
        heap[k] = slot;
        heapStart[k] = slotStart;
    }

    private void siftDown(int k, int slot, long slotStart) {
        int half = size >>> 1;
        while (k < half) {
            int child = 2 * k + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heapStart[right], heap[child], heapStart[child])) {
                child = right;
            }
            if (!before(heap[child], heapStart[child], slot, slotStart)) {
                break;
            }
            heap[k] = heap[child];
            heapStart[k] = heapStart[child];
            k = child;
        }
        heap[k] = slot;
        heapStart[k] = slotStart;
    }

    private int newSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == start.length) {
            int n = slotsUsed * 2;
            start = Arrays.copyOf(start, n);
            duration = Arrays.copyOf(duration, n);
            count = Arrays.copyOf(count, n);
            arg = Arrays.copyOf(arg, n);
            sequence = Arrays.copyOf(sequence, n);
            component = Arrays.copyOf(component, n);
            action = Arrays.copyOf(action, n);
            image = Arrays.copyOf(image, n);
            layer = Arrays.copyOf(layer, n);
        }
        return slotsUsed++;
    }

    private void freeSlot(int s) {
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = s;
    }
}
