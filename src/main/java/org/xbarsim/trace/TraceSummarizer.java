package org.xbarsim.trace;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Folds a stream of records into a {@link TraceSummary} in one pass. Memory grows with the number
 * of components, (kind, action) pairs, images and non-empty windows, never with the records.
 *
 * <p>Busy cycles are the union of a component's record intervals; computing that in one pass
 * needs each component's records in non-decreasing start order (true of every trace xbarsim
 * writes); {@link #add} throws otherwise. Action counts of a record that spans several windows
 * are spread over them in proportion to the overlap, with exact integer rounding (the shares add
 * up to the count); a zero-length record counts in the window of its start cycle.
 *
 * <p>A summarizer made by {@link #deferringWindows} takes the window width only at {@link
 * #finish(long)} (a simulation's power window depends on its span, known at its end): until then it
 * keeps each record's start, duration, count and (kind, action) in primitive arrays, at most a given
 * number of records, and spreads them then, giving the same figures as a summarizer that knew the
 * width from the start.
 */
public final class TraceSummarizer {
    /** Bytes kept per record while the window width is unknown. */
    public static final int DEFERRED_BYTES_PER_RECORD = 28;

    private final TraceHeader header;
    private final TraceDictionary dictionary;
    private long windowCycles; // 0 while deferred
    private final long deferLimit;
    /** Kept records in chunks (no copying as they grow): start, duration, count per record; and its pair. */
    private static final int CHUNK = 1 << 14;
    private final List<long[]> deferredValues = new ArrayList<>();
    private final List<int[]> deferredPairs = new ArrayList<>();
    private long deferred;
    private boolean overflowed;
    /** Index into the sorted (kind, action) list, per [component][action]. */
    private final int[][] pairIndex;
    private final List<KindAction> pairs;
    private final long[] busy;
    private final long[] runStart;
    private final long[] runEnd;
    private final long[] componentRecords;
    private final long[] componentCounts;
    private final long[] pairCounts;
    private final long[] pairRecords;
    private final long[] pairDurations;
    private final TreeMap<Long, long[]> windows = new TreeMap<>();
    private final TreeMap<Integer, long[]> images = new TreeMap<>();
    private long lastWindow; // the window and image of the last lookups, and their entries (null: none yet)
    private long[] lastWindowCounts;
    private int lastImage;
    private long[] lastImageSpan;
    private long records;
    private long firstCycle = Long.MAX_VALUE;
    private long endCycle = Long.MIN_VALUE;

    /**
     * @param windowCycles width of the time windows for per-window counts, {@code > 0}
     */
    public TraceSummarizer(TraceHeader header, long windowCycles) {
        this(header, windowCycles, 0);
        if (windowCycles <= 0) {
            throw new IllegalArgumentException("windowCycles must be > 0, got " + windowCycles);
        }
    }

    /**
     * A summarizer whose window width is given to {@link #finish(long)}; it keeps at most {@code
     * maxRecords} records' window inputs ({@link #DEFERRED_BYTES_PER_RECORD} bytes each) and, past
     * them, {@linkplain #overflowed() gives up} (the caller then summarizes the trace file instead).
     */
    public static TraceSummarizer deferringWindows(TraceHeader header, long maxRecords) {
        if (maxRecords < 0) {
            throw new IllegalArgumentException("maxRecords must be >= 0, got " + maxRecords);
        }
        return new TraceSummarizer(header, 0, maxRecords);
    }

    private TraceSummarizer(TraceHeader header, long windowCycles, long deferLimit) {
        this.deferLimit = deferLimit;
        this.header = header;
        this.dictionary = header.dictionary();
        this.windowCycles = windowCycles;
        // the (kind, action) pairs and their indices per kind: a chip has thousands of components of a few kinds
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (TraceComponent c : header.components()) {
            kinds.add(c.kind());
        }
        TreeMap<KindAction, Integer> sorted = new TreeMap<>();
        for (String kind : kinds) {
            for (TraceAction a : header.actions()) {
                sorted.put(new KindAction(kind, a.name()), 0);
            }
        }
        this.pairs = List.copyOf(sorted.keySet());
        int i = 0;
        for (KindAction k : pairs) {
            sorted.put(k, i++);
        }
        int nc = dictionary.componentIdLimit();
        int na = dictionary.actionIdLimit();
        java.util.Map<String, int[]> indexOfKind = new java.util.HashMap<>();
        for (String kind : kinds) {
            int[] index = new int[na];
            for (TraceAction a : header.actions()) {
                index[a.id()] = sorted.get(new KindAction(kind, a.name()));
            }
            indexOfKind.put(kind, index);
        }
        pairIndex = new int[nc][];
        for (TraceComponent c : header.components()) {
            pairIndex[c.id()] = indexOfKind.get(c.kind()); // shared by the kind's components, never written
        }
        busy = new long[nc];
        runStart = new long[nc];
        runEnd = new long[nc];
        java.util.Arrays.fill(runStart, Long.MIN_VALUE);
        java.util.Arrays.fill(runEnd, Long.MIN_VALUE);
        componentRecords = new long[nc];
        componentCounts = new long[nc];
        pairCounts = new long[pairs.size()];
        pairRecords = new long[pairs.size()];
        pairDurations = new long[pairs.size()];
    }

    /** Summarizes a whole trace file in one streaming pass. */
    public static TraceSummary summarize(Path file, long windowCycles) {
        try (TraceReader reader = TraceReader.open(file)) {
            return summarize(reader, windowCycles);
        }
    }

    /**
     * As {@link #summarize(Path, long)} for a trace this process just wrote with the header {@code
     * written}, which is not parsed back ({@link TraceReader#openWritten}).
     */
    public static TraceSummary summarizeWritten(Path file, TraceHeader written, long windowCycles) {
        try (TraceReader reader = TraceReader.openWritten(file, written)) {
            return summarize(reader, windowCycles);
        }
    }

    private static TraceSummary summarize(TraceReader reader, long windowCycles) {
        TraceSummarizer s = new TraceSummarizer(reader.header(), windowCycles);
        reader.forEach(s::add);
        return s.finish();
    }

    public void add(TraceRecord r) {
        add(r.startCycle(), r.durationCycles(), r.component(), r.action(), r.count(), r.image());
    }

    /** As {@link #add(TraceRecord)}, the record given field by field (as {@link TraceWriter#write} takes it). */
    public void add(long start, long duration, int c, int action, long count, int image) {
        if (dictionary.component(c) == null || dictionary.action(action) == null) {
            throw new IllegalArgumentException("record " + records + " names component " + c + " / action "
                    + action + ", not in the header");
        }
        long end = start + duration;
        if (end < start) {
            end = Long.MAX_VALUE; // as TraceRecord.endCycle
        }
        if (componentRecords[c] > 0 && start < runStart[c]) {
            throw new IllegalArgumentException("record " + records + ": component " + c + " ("
                    + dictionary.component(c).name() + ") starts at cycle " + start + ", before cycle " + runStart[c]
                    + " where its current busy interval began; busy cycles need each component's records in start order");
        }
        if (componentRecords[c] == 0 || start > runEnd[c]) {
            if (componentRecords[c] > 0) {
                busy[c] += runEnd[c] - runStart[c];
            }
            runStart[c] = start;
            runEnd[c] = end;
        } else if (end > runEnd[c]) {
            runEnd[c] = end;
        }
        componentRecords[c]++;
        componentCounts[c] += count;
        int p = pairIndex[c][action];
        pairCounts[p] += count;
        pairRecords[p]++;
        pairDurations[p] += duration;
        if (windowCycles > 0) {
            spreadOverWindows(p, start, duration, count);
        } else {
            defer(p, start, duration, count);
        }
        long[] span = image == lastImage && lastImageSpan != null ? lastImageSpan : images.get(image);
        if (span == null) {
            images.put(image, new long[] {start, end});
        } else {
            lastImage = image;
            lastImageSpan = span;
            span[0] = Math.min(span[0], start);
            span[1] = Math.max(span[1], end);
        }
        firstCycle = Math.min(firstCycle, start);
        endCycle = Math.max(endCycle, end);
        records++;
    }

    private void defer(int pair, long start, long duration, long count) {
        if (overflowed) {
            return;
        }
        if (deferred >= deferLimit) {
            overflowed = true;
            deferredValues.clear();
            deferredPairs.clear();
            return;
        }
        int at = (int) (deferred % CHUNK);
        if (at == 0) {
            deferredValues.add(new long[3 * CHUNK]);
            deferredPairs.add(new int[CHUNK]);
        }
        long[] values = deferredValues.get(deferredValues.size() - 1);
        values[3 * at] = start;
        values[3 * at + 1] = duration;
        values[3 * at + 2] = count;
        deferredPairs.get(deferredPairs.size() - 1)[at] = pair;
        deferred++;
    }

    /** True when a {@link #deferringWindows} summarizer got more records than it may keep: it cannot finish. */
    public boolean overflowed() {
        return overflowed;
    }

    /**
     * The summary of a {@link #deferringWindows} summarizer, with windows of {@code windowCycles}
     * (once: the kept records are spread and dropped).
     *
     * @throws IllegalStateException when it {@linkplain #overflowed() overflowed} or already finished
     */
    public TraceSummary finish(long windowCycles) {
        if (this.windowCycles > 0 || overflowed) {
            throw new IllegalStateException(overflowed ? "more records than kept: summarize the trace file"
                    : "the window width was given already");
        }
        if (windowCycles <= 0) {
            throw new IllegalArgumentException("windowCycles must be > 0, got " + windowCycles);
        }
        this.windowCycles = windowCycles;
        for (int c = 0; c < deferredValues.size(); c++) {
            long[] values = deferredValues.get(c);
            int[] pairs = deferredPairs.get(c);
            int n = (int) Math.min(CHUNK, deferred - (long) c * CHUNK);
            for (int i = 0; i < n; i++) {
                spreadOverWindows(pairs[i], values[3 * i], values[3 * i + 1], values[3 * i + 2]);
            }
        }
        deferredValues.clear();
        deferredPairs.clear();
        deferred = 0;
        return finish();
    }

    private void spreadOverWindows(int pair, long start, long duration, long count) {
        long w = Math.floorDiv(start, windowCycles);
        long end = start + duration;
        if (duration == 0 || count == 0 || end < start || Math.floorDiv(end - 1, windowCycles) == w) {
            window(w)[pair] += count;
            return;
        }
        // Window w gets floor(count * elapsed(w) / duration) - (what earlier windows got), where
        // elapsed(w) runs to the window's end (or the record's). Jump over windows that get nothing,
        // so a long record with a small count costs O(count) steps, not O(windows).
        long given = 0;
        while (given < count) {
            long cycleOfNext = start + ceilShare(given + 1, duration, count);
            w = Math.max(w, Math.floorDiv(cycleOfNext - 1, windowCycles));
            long windowEnd = (w + 1) * windowCycles;
            long cumulative = windowEnd >= end || windowEnd < start ? count : share(count, windowEnd - start, duration);
            window(w)[pair] += cumulative - given;
            given = cumulative;
            w++;
        }
    }

    /** ceil(a * b / d) for {@code a, b >= 0, d > 0}, exact: in longs unless the product overflows one. */
    private static long ceilShare(long a, long b, long d) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / d + (lo % d == 0 ? 0 : 1);
        }
        return ceilDiv(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), BigInteger.valueOf(d)).longValueExact();
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** floor(count * elapsed / duration), exact. */
    private static long share(long count, long elapsed, long duration) {
        long hi = Math.multiplyHigh(count, elapsed);
        long lo = count * elapsed;
        if (hi == 0 && lo >= 0) {
            return lo / duration;
        }
        return BigInteger.valueOf(count).multiply(BigInteger.valueOf(elapsed))
                .divide(BigInteger.valueOf(duration)).longValueExact();
    }

    private long[] window(long w) {
        if (w != lastWindow || lastWindowCounts == null) { // records come in start order: mostly the same window again
            // get and put rather than computeIfAbsent: its capturing lambda was made anew on every miss,
            // through a method handle, before the JIT compiled this (the spread at a run's end is one-off)
            long[] counts = windows.get(w);
            if (counts == null) {
                counts = new long[pairs.size()];
                windows.put(w, counts);
            }
            lastWindowCounts = counts;
            lastWindow = w;
        }
        return lastWindowCounts;
    }

    /** The summary of everything added so far (the summarizer can keep going afterwards). */
    public TraceSummary finish() {
        if (windowCycles <= 0) {
            throw new IllegalStateException("this summarizer defers its windows: finish(windowCycles)");
        }
        List<ComponentUsage> usage = new ArrayList<>();
        for (TraceComponent c : header.components()) {
            int id = c.id();
            long b = busy[id] + (componentRecords[id] > 0 ? runEnd[id] - runStart[id] : 0);
            usage.add(new ComponentUsage(c, b, componentRecords[id], componentCounts[id]));
        }
        usage.sort((a, b) -> Integer.compare(a.component().id(), b.component().id()));
        TreeMap<Long, long[]> windowCopy = new TreeMap<>();
        windows.forEach((k, v) -> windowCopy.put(k, v.clone()));
        List<ImageSpan> spans = new ArrayList<>();
        images.forEach((i, s) -> spans.add(new ImageSpan(i, s[0], s[1])));
        return new TraceSummary(header, windowCycles, records, records == 0 ? 0 : firstCycle,
                records == 0 ? 0 : endCycle, usage, pairs, pairCounts.clone(), pairRecords.clone(),
                pairDurations.clone(), windowCopy, spans);
    }
}
