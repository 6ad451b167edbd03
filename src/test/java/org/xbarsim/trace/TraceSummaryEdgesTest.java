package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary at its edges: ties, empty traces, zero spans, unknown pairs, busy intervals that touch. */
class TraceSummaryEdgesTest {
    // smallHeader ids: tile0 xbar0=0 xbar1=1 adc0=2; actions read=0 convert=1; clock 1.2 GHz
    private static final TraceHeader H = TraceFixtures.smallHeader();
    private static final ActionEnergy ENERGY = (kind, action) -> kind.key().equals("adc") ? 1.0 : 0.0;

    private static TraceSummary summarize(long window, TraceRecord... records) {
        TraceSummarizer s = new TraceSummarizer(H, window);
        for (TraceRecord r : records) {
            s.add(r);
        }
        return s.finish();
    }

    @Test
    void aTieForThePeakGoesToTheEarliestWindowAndAnEmptyTraceHasNone() {
        TraceSummary s = summarize(10, TraceRecord.of(5, 1, 2, 1, 4, 0), TraceRecord.of(25, 1, 2, 1, 4, 0));
        assertEquals(0, s.peakPower(ENERGY).startCycle());
        TraceSummary empty = summarize(10);
        assertNull(empty.peakPower(ENERGY));
        assertEquals(List.of(), empty.powerByWindow(ENERGY));
        assertEquals(List.of(0L, 0L, 0L, 0L), List.of(empty.records(), empty.firstCycle(), empty.endCycle(), empty.spanCycles()));
    }

    @Test
    void utilizationIsZeroWhenTheTraceSpansNoTime() {
        TraceSummary s = summarize(10, TraceRecord.of(7, 0, 2, 1, 4, 0));
        assertEquals(0, s.spanCycles());
        assertEquals(0.0, s.utilization(s.components().get(2)));
    }

    @Test
    void pairsAndWindowsThatHoldNothingCountZero() {
        TraceSummary s = summarize(10, TraceRecord.of(5, 1, 2, 1, 4, 0));
        assertEquals(4, s.actionCount("adc", "convert"));
        assertEquals(0, s.actionCount("adc", "no-such-action"));
        assertEquals(0, s.actionCount("crossbar", "read"), "a pair the header allows but no record has");
        assertEquals(4, s.windowCount(0, "adc", "convert"));
        assertEquals(0, s.windowCount(1, "adc", "convert"));
        assertEquals(0, s.windowCount(0, "adc", "no-such-action"));
        assertTrue(s.recordCounts().keySet().stream().allMatch(k -> k.equals(new KindAction("adc", "convert"))));
        assertEquals(1, s.durationCycles().size());
    }

    @Test
    void busyIntervalsThatTouchJoinAndAGapStartsANewOne() {
        TraceSummary s = summarize(100, TraceRecord.of(0, 5, 0, 0, 1, 0), TraceRecord.of(5, 5, 0, 0, 1, 0),
                TraceRecord.of(12, 3, 0, 0, 1, 0), TraceRecord.of(12, 1, 0, 0, 1, 0));
        assertEquals(13, s.components().get(0).busyCycles(), "[0, 10) and [12, 15)");
        assertEquals(4, s.components().get(0).records());
    }

    @Test
    void aRecordStartingBeforeItsComponentsBusyIntervalIsRefusedButOneAtItsStartIsNot() {
        TraceSummarizer s = new TraceSummarizer(H, 10);
        s.add(TraceRecord.of(10, 5, 0, 0, 1, 0));
        s.add(TraceRecord.of(10, 1, 0, 0, 1, 0));
        s.add(TraceRecord.of(3, 1, 1, 0, 1, 0)); // another component may start earlier
        assertThrows(IllegalArgumentException.class, () -> s.add(TraceRecord.of(9, 1, 0, 0, 1, 0)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> s.add(TraceRecord.of(20, 1, 99, 0, 1, 0)));
        assertEquals("record 3 names component 99 / action 0, not in the header", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.add(TraceRecord.of(20, 1, 0, 99, 1, 0)));
    }

    @Test
    void aFinishedSummaryDoesNotChangeWhenTheSummarizerGoesOn() {
        TraceSummarizer s = new TraceSummarizer(H, 10);
        s.add(TraceRecord.of(5, 1, 2, 1, 4, 0));
        TraceSummary first = s.finish();
        s.add(TraceRecord.of(6, 1, 2, 1, 4, 0));
        assertEquals(4, first.actionCount("adc", "convert"));
        assertEquals(4, first.windowCount(0, "adc", "convert"));
        assertEquals(8, s.finish().actionCount("adc", "convert"));
    }

    @Test
    void aHugeCountTimesAnElapsedSpanIsSharedExactly() {
        // count x elapsed exceeds a long: the exact path divides in BigInteger
        long count = Long.MAX_VALUE / 3;
        TraceSummary s = summarize(10, TraceRecord.of(0, 20, 2, 1, count, 0));
        assertEquals(count / 2, s.windowCount(0, "adc", "convert"));
        assertEquals(count - count / 2, s.windowCount(1, "adc", "convert"));
    }

    @Test
    void componentsAreListedInIdOrderWhateverTheHeadersOrder() {
        TraceHeader h = new TraceHeader("m", "c", 1, 0, new java.util.TreeMap<>(),
                List.of(new TraceComponent(1, "b", "adc", 0), new TraceComponent(0, "a", "adc", 0)), List.of(new TraceAction(0, "convert")));
        TraceSummarizer s = new TraceSummarizer(h, 10);
        s.add(TraceRecord.of(3, 2, 1, 0, 5, 0));
        TraceSummary sum = s.finish();
        assertEquals(List.of("a", "b"), sum.components().stream().map(u -> u.component().name()).toList());
        assertEquals(List.of(1L, 3L, 5L), List.of(sum.records(), sum.firstCycle(), sum.endCycle()));
    }
    @Test
    void aRecordInsideTheCurrentBusyIntervalIsTakenEvenAfterALaterTouchingOne() {
        // [10, 15) then [15, 18) touch, so one busy interval runs from 10: a record at 12 is in it
        TraceSummary s = summarize(100, TraceRecord.of(10, 5, 0, 0, 1, 0), TraceRecord.of(15, 3, 0, 0, 1, 0),
                TraceRecord.of(12, 1, 0, 0, 1, 0));
        assertEquals(8, s.components().get(0).busyCycles());
        assertEquals(3, s.components().get(0).records());
    }

    @Test
    void busyCyclesAddTheLengthsOfSeparateIntervals() {
        // [20, 25), [40, 43) and [50, 51): 5 + 3 + 1, wherever the intervals start
        TraceSummary s = summarize(100, TraceRecord.of(20, 5, 1, 0, 1, 0), TraceRecord.of(40, 3, 1, 0, 1, 0),
                TraceRecord.of(50, 1, 1, 0, 1, 0));
        assertEquals(9, s.components().get(1).busyCycles());
        assertEquals(0, s.components().get(0).busyCycles(), "a component without records");
    }

    @Test
    void sharesAreExactWhateverPartOfTheProductOverflows() {
        // 2^62 actions over 8 cycles, windows of 4 and of 2: count x elapsed is 2^64 (high word 1,
        // low word 0) at cycle 4 and 2^63 (a negative low word) at cycle 2
        long count = 1L << 62;
        TraceSummary four = summarize(4, TraceRecord.of(0, 8, 2, 1, count, 0));
        assertEquals(List.of(count / 2, count / 2),
                List.of(four.windowCount(0, "adc", "convert"), four.windowCount(1, "adc", "convert")));
        TraceSummary two = summarize(2, TraceRecord.of(0, 8, 2, 1, count, 0));
        for (long w = 0; w < 4; w++) {
            assertEquals(count / 4, two.windowCount(w, "adc", "convert"), "window " + w);
        }
    }

    @Test
    void theWindowListIsRefusedFromMaxListedWindowsApartAndNamesTheirCount() {
        long max = TraceSummary.MAX_LISTED_WINDOWS;
        TraceSummary tooMany = summarize(1, TraceRecord.of(5, 1, 2, 1, 1, 0), TraceRecord.of(5 + max, 1, 2, 1, 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooMany.powerByWindow(ENERGY));
        assertEquals("the trace spans " + (max + 1) + " windows of 1 cycles, more than " + max + "; use wider windows",
                e.getMessage());
        // far from cycle 0 but close together: two windows
        TraceSummary late = summarize(1, TraceRecord.of(6 * max / 10, 1, 2, 1, 1, 0),
                TraceRecord.of(6 * max / 10 + 1, 1, 2, 1, 1, 0));
        assertEquals(2, late.powerByWindow(ENERGY).size());
    }
}
