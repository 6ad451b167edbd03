package org.xbarsim.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one component's records into timeline slices that never overlap on a track: consecutive
 * records of the same action, image and layer that touch (one starts where the other ends) are merged
 * into one slice, and a record that overlaps work still running on every lane of its component
 * opens a new lane (a unit working on several requests at once gets one lane per slot). Busy work
 * and stalls of a component have separate lane sets; overlapping stalls (requests queued behind
 * each other) merge into one slice per stretch of waiting, its count the waits it holds, its image
 * (layer) -1 when they belong to different images (layers).
 *
 * <p>A lane keeps one open slice; it is handed to the sink once the lane takes another slice, or
 * at {@link #flush}. Slices on one lane therefore reach the sink in start order, and each starts
 * at or after the previous one ends. Records must come in non-decreasing start order per component,
 * as in every trace xbarsim writes.
 */
final class SliceLanes {
    /**
     * One slice.
     *
     * @param component component id
     * @param stall     true for a stall (waiting), false for work
     * @param lane      lane index within the component's busy or stall lanes
     * @param action    action id
     * @param image     image index, -1 for none
     * @param layer     layer index, -1 for none
     * @param startCycle first cycle
     * @param endCycle  one past the last cycle
     * @param count     unit actions of the merged records
     * @param bytes     sum of the merged records' {@code arg}
     * @param records   records merged into it
     */
    record Slice(int component, boolean stall, int lane, int action, int image, int layer, long startCycle, long endCycle, long count,
                 long bytes, long records) {
    }

    interface Sink {
        void accept(Slice s);
    }

    private static final class Lane {
        boolean open;
        int action;
        int image;
        int layer;
        long start;
        long end = Long.MIN_VALUE;
        long count;
        long bytes;
        long records;
    }

    private final List<List<Lane>> lanes; // [component * 2 + (stall ? 1 : 0)]

    SliceLanes(int componentIdLimit) {
        lanes = new ArrayList<>(componentIdLimit * 2);
        for (int i = 0; i < componentIdLimit * 2; i++) {
            lanes.add(new ArrayList<>(1));
        }
    }

    /**
     * Adds a record; returns its lane. A record that must not be merged (a flow end point) is
     * handed to the sink at once, after the lane's open slice.
     */
    int add(TraceRecord r, boolean stall, boolean mergeable, Sink sink) {
        List<Lane> ls = lanes.get(r.component() * 2 + (stall ? 1 : 0));
        if (mergeable && stall) {
            // waits queue up (each request waits a little longer than the one before): one slice per
            // stretch of time in which anything waits, rather than one lane per queued request
            for (int i = 0; i < ls.size(); i++) {
                Lane l = ls.get(i);
                if (l.open && l.action == r.action() && l.end >= r.startCycle()) {
                    l.end = Math.max(l.end, r.endCycle());
                    l.image = l.image == r.image() ? l.image : TraceRecord.NO_IMAGE;
                    l.layer = l.layer == r.layer() ? l.layer : TraceRecord.NO_LAYER;
                    l.count += r.count();
                    l.bytes += r.arg();
                    l.records++;
                    return i;
                }
            }
        } else if (mergeable) {
            for (int i = 0; i < ls.size(); i++) {
                Lane l = ls.get(i);
                if (l.open && l.action == r.action() && l.image == r.image() && l.layer == r.layer()
                        && l.end == r.startCycle()) {
                    l.end = Math.max(l.end, r.endCycle());
                    l.count += r.count();
                    l.bytes += r.arg();
                    l.records++;
                    return i;
                }
            }
        }
        int i = 0;
        while (i < ls.size() && ls.get(i).end > r.startCycle()) {
            i++;
        }
        if (i == ls.size()) {
            ls.add(new Lane());
        }
        Lane l = ls.get(i);
        close(r.component(), stall, i, l, sink);
        l.open = true;
        l.action = r.action();
        l.image = r.image();
        l.layer = r.layer();
        l.start = r.startCycle();
        l.end = r.endCycle();
        l.count = r.count();
        l.bytes = r.arg();
        l.records = 1;
        if (!mergeable) {
            close(r.component(), stall, i, l, sink);
        }
        return i;
    }

    private static void close(int component, boolean stall, int index, Lane l, Sink sink) {
        if (l.open) {
            sink.accept(new Slice(component, stall, index, l.action, l.image, l.layer, l.start, l.end, l.count, l.bytes, l.records));
            l.open = false;
        }
    }

    /** Hands every open slice to the sink, by component, busy before stall, then lane. */
    void flush(Sink sink) {
        for (int k = 0; k < lanes.size(); k++) {
            List<Lane> ls = lanes.get(k);
            for (int i = 0; i < ls.size(); i++) {
                close(k / 2, k % 2 == 1, i, ls.get(i), sink);
            }
        }
    }

    /** Lanes a component's busy work ({@code stall} false) or stalls needed. */
    int laneCount(int component, boolean stall) {
        return lanes.get(component * 2 + (stall ? 1 : 0)).size();
    }
}
