package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How records become slices: what merges, what opens a lane, and the order slices come out in. */
class SliceLanesTest {
    private static final int READ = 0;
    private static final int STALL = 1;
    private final List<SliceLanes.Slice> out = new ArrayList<>();
    private final SliceLanes lanes = new SliceLanes(2);

    private int add(long start, long duration, int component, int action, int image, int layer, long count, long bytes,
            boolean stall, boolean mergeable) {
        return lanes.add(new TraceRecord(start, duration, component, action, count, image, bytes, layer), stall, mergeable, out::add);
    }

    private int work(long start, long duration, int image, int layer) {
        return add(start, duration, 0, READ, image, layer, 1, 4, false, true);
    }

    private static SliceLanes.Slice slice(int component, boolean stall, int lane, int action, int image, int layer, long start,
            long end, long count, long bytes, long records) {
        return new SliceLanes.Slice(component, stall, lane, action, image, layer, start, end, count, bytes, records);
    }

    @Test
    void touchingWorkOfTheSameActionImageAndLayerMergesAndAnythingElseStartsANewSlice() {
        assertEquals(0, work(0, 5, 0, 0));
        assertEquals(0, work(5, 5, 0, 0)); // touches: merged
        assertEquals(0, work(10, 5, 1, 0)); // another image: a new slice on the same lane
        assertEquals(0, work(15, 5, 1, 2)); // another layer: a new slice
        assertEquals(0, work(21, 5, 1, 2)); // a gap: a new slice
        lanes.flush(out::add);
        assertEquals(List.of(slice(0, false, 0, READ, 0, 0, 0, 10, 2, 8, 2), slice(0, false, 0, READ, 1, 0, 10, 15, 1, 4, 1),
                slice(0, false, 0, READ, 1, 2, 15, 20, 1, 4, 1), slice(0, false, 0, READ, 1, 2, 21, 26, 1, 4, 1)), out);
    }

    @Test
    void workThatOverlapsEveryLaneOpensANewOneAndWorkStartingAtALanesEndReusesIt() {
        assertEquals(0, work(0, 10, 0, 0));
        assertEquals(1, work(5, 10, 1, 0)); // overlaps lane 0
        assertEquals(2, work(6, 10, 2, 0)); // overlaps both
        assertEquals(0, add(10, 3, 0, STALL + 1, 0, 0, 1, 0, false, true)); // another action, starts where lane 0 ends
        assertEquals(3, lanes.laneCount(0, false));
        assertEquals(0, lanes.laneCount(0, true));
        assertEquals(0, lanes.laneCount(1, false));
    }

    @Test
    void overlappingStallsMergeIntoOneSliceThatForgetsAnImageOrLayerTheyDoNotShare() {
        assertEquals(0, add(0, 10, 1, STALL, 3, 1, 1, 0, true, true));
        assertEquals(0, add(10, 5, 1, STALL, 3, 1, 1, 0, true, true)); // starts at the end: still waiting
        assertEquals(0, add(12, 5, 1, STALL, 3, 2, 1, 0, true, true)); // another layer
        lanes.flush(out::add);
        assertEquals(List.of(slice(1, true, 0, STALL, 3, TraceRecord.NO_LAYER, 0, 17, 3, 0, 3)), out);
        out.clear();
        SliceLanes other = new SliceLanes(2);
        other.add(new TraceRecord(0, 10, 1, STALL, 1, 3, 0, 1), true, true, out::add);
        other.add(new TraceRecord(4, 2, 1, STALL, 1, 4, 0, 1), true, true, out::add); // another image, same layer; ends inside
        other.add(new TraceRecord(11, 2, 1, STALL, 1, 4, 0, 1), true, true, out::add); // after a gap: a new slice
        other.flush(out::add);
        assertEquals(List.of(slice(1, true, 0, STALL, TraceRecord.NO_IMAGE, 1, 0, 10, 2, 0, 2),
                slice(1, true, 0, STALL, 4, 1, 11, 13, 1, 0, 1)), out);
    }

    @Test
    void anUnmergeableRecordIsHandedOutAtOnceAfterItsLanesOpenSlice() {
        work(0, 5, 0, 0);
        assertEquals(0, add(5, 5, 0, READ, 0, 0, 2, 16, false, false));
        assertEquals(List.of(slice(0, false, 0, READ, 0, 0, 0, 5, 1, 4, 1), slice(0, false, 0, READ, 0, 0, 5, 10, 2, 16, 1)), out);
        assertEquals(0, work(10, 5, 0, 0), "the unmergeable slice is closed: nothing to merge with");
        lanes.flush(out::add);
        assertEquals(3, out.size());
    }

    @Test
    void flushGoesByComponentThenWorkBeforeStallsThenLane() {
        add(0, 10, 1, STALL, 0, 0, 1, 0, true, true);
        add(0, 10, 1, READ, 0, 0, 1, 0, false, true);
        add(1, 10, 1, READ, 0, 0, 1, 0, false, true);
        add(0, 10, 0, READ, 0, 0, 1, 0, false, true);
        lanes.flush(out::add);
        assertEquals(List.of("0 false 0", "1 false 0", "1 false 1", "1 true 0"),
                out.stream().map(s -> s.component() + " " + s.stall() + " " + s.lane()).toList());
        out.clear();
        lanes.flush(out::add);
        assertEquals(List.of(), out, "a flushed slice is not handed out twice");
    }
}
