package org.xbarsim.run;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.report.ReplayReport;

/**
 * The host queue's length over time in a fixed number of buckets, whatever the length of the
 * stream: when time runs past the last bucket, neighbouring buckets merge and their width doubles.
 * Each bucket keeps the largest length seen in it and the integral of the length over its cycles.
 * Changes must come in time order (the host's order).
 */
final class QueueTimeline {
    static final int BUCKETS = 128;
    private long width;
    private final long[] max = new long[BUCKETS];
    private final long[] area = new long[BUCKETS]; // length x cycles
    private long now;
    private int length;
    private int maxLength;

    /** @param firstWidth the first bucket width in cycles (it doubles as needed) */
    QueueTimeline(long firstWidth) {
        this.width = Math.max(1, firstWidth);
    }

    /** The queue holds {@code newLength} requests from {@code cycle} on. */
    void change(long cycle, int newLength) {
        advance(cycle);
        length = newLength;
        maxLength = Math.max(maxLength, newLength);
        int b = (int) (cycle / width);
        max[b] = Math.max(max[b], newLength);
    }

    /** Integrates the current length up to {@code cycle}. */
    void advance(long cycle) {
        if (cycle < now) {
            throw new IllegalStateException("queue change at cycle " + cycle + " after cycle " + now);
        }
        while (cycle >= BUCKETS * width) {
            merge();
        }
        while (now < cycle) {
            int b = (int) (now / width);
            long end = Math.min(cycle, (b + 1) * width);
            area[b] += length * (end - now);
            max[b] = Math.max(max[b], length);
            now = end;
        }
    }

    private void merge() {
        for (int i = 0; i < BUCKETS / 2; i++) {
            max[i] = Math.max(max[2 * i], max[2 * i + 1]);
            area[i] = area[2 * i] + area[2 * i + 1];
        }
        for (int i = BUCKETS / 2; i < BUCKETS; i++) {
            max[i] = 0;
            area[i] = 0;
        }
        width *= 2;
    }

    int maxLength() {
        return maxLength;
    }

    /** Mean length over {@code [0, end)} (call {@link #advance} to {@code end} first). */
    double meanLength(long end) {
        long sum = 0;
        for (long a : area) {
            sum += a;
        }
        return end > 0 ? (double) sum / end : 0;
    }

    /** The buckets from cycle 0 to {@code end} (call {@link #advance} to {@code end} first). */
    List<ReplayReport.QueueWindow> windows(long end) {
        List<ReplayReport.QueueWindow> out = new ArrayList<>();
        for (int b = 0; b < BUCKETS && b * width < Math.max(end, 1); b++) {
            long s = b * width;
            long e = Math.min((b + 1) * width, Math.max(end, 1));
            out.add(new ReplayReport.QueueWindow(s, e, max[b], (double) area[b] / (e - s)));
        }
        return out;
    }
}
