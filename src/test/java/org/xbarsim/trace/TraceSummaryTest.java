package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceSummaryTest {
    // smallHeader ids: tile0 xbar0=0 xbar1=1 adc0=2 shift-add0=3 input-buffer=4; tile1 5..9; network=10
    // actions: read=0 convert=1 operate=2 sample=3 write=4 transfer=5 stall=6
    private static final TraceHeader H = TraceFixtures.smallHeader();
    private static final List<TraceRecord> HAND_MADE = List.of(
            TraceRecord.of(0, 4, 0, 0, 1, 0),
            TraceRecord.of(2, 4, 0, 0, 1, 0),            // overlaps the first: xbar0 busy [0, 6)
            TraceRecord.of(2, 20, 2, 1, 128, 0),         // spans windows 0, 1, 2
            new TraceRecord(10, 0, 10, 5, 1, 0, 64),     // instantaneous, window 1
            TraceRecord.of(30, 5, 0, 0, 1, 1),           // xbar0 busy again [30, 35)
            TraceRecord.of(35, 1, 5, 0, 3, 1));
    private static final ActionEnergy ENERGY = (kind, action) -> switch (kind.key() + "/" + action.key()) {
        case "crossbar/read" -> 2.0;
        case "adc/convert" -> 1.5;
        case "network/transfer" -> 10.0;
        default -> 0.0;
    };

    @TempDir
    Path dir;

    private static TraceSummary summarize(List<TraceRecord> records, long window) {
        TraceSummarizer s = new TraceSummarizer(H, window);
        records.forEach(s::add);
        return s.finish();
    }

    @Test
    void busyCyclesCountOverlapsOnceAndUtilizationUsesTheSpan() {
        TraceSummary s = summarize(HAND_MADE, 10);
        assertEquals(0, s.firstCycle());
        assertEquals(36, s.endCycle());
        ComponentUsage xbar0 = s.components().get(0);
        assertEquals("tile0/xbar0", xbar0.component().name());
        assertEquals(11, xbar0.busyCycles());
        assertEquals(3, xbar0.records());
        assertEquals(3, xbar0.actionCount());
        assertEquals(11.0 / 36, s.utilization(xbar0), 1e-15);
        assertEquals(20, s.components().get(2).busyCycles());
        assertEquals(0, s.components().get(10).busyCycles(), "an instantaneous event is not busy time");
        assertEquals(0, s.components().get(1).records(), "components without records are listed too");
        assertEquals(11, s.components().size());
    }

    @Test
    void countsPerKindActionAndPerWindowSpreadExactly() {
        TraceSummary s = summarize(HAND_MADE, 10);
        assertEquals(Map.of(new KindAction("adc", "convert"), 128L, new KindAction("crossbar", "read"), 6L,
                new KindAction("network", "transfer"), 1L), s.actionCounts());
        assertEquals(List.of(0L, 1L, 2L, 3L), s.windowIndices());
        // 128 conversions over cycles [2, 22): floor(128*8/20) = 51 by cycle 10, floor(128*18/20) = 115 by 20
        assertEquals(51, s.windowCount(0, "adc", "convert"));
        assertEquals(64, s.windowCount(1, "adc", "convert"));
        assertEquals(13, s.windowCount(2, "adc", "convert"));
        assertEquals(2, s.windowCount(0, "crossbar", "read"));
        assertEquals(1, s.windowCount(1, "network", "transfer"));
        assertEquals(4, s.windowCount(3, "crossbar", "read"));
        assertEquals(List.of(new ImageSpan(0, 0, 22), new ImageSpan(1, 30, 36)), s.images());
        assertEquals(14L, s.durationCycles().get(new KindAction("crossbar", "read")), "4 + 4 + 5 + 1");
        assertEquals(4L, s.recordCounts().get(new KindAction("crossbar", "read")));
    }

    @Test
    void energyAndPowerPerWindow() {
        TraceSummary s = summarize(HAND_MADE, 10);
        assertEquals(214.0, s.totalEnergyPj(ENERGY), 1e-12);
        assertEquals(Map.of("adc", 192.0, "crossbar", 12.0, "network", 10.0), s.energyByKindPj(ENERGY));
        List<WindowPower> p = s.powerByWindow(ENERGY);
        double windowNs = 10 / 1.2;
        assertEquals(4, p.size());
        assertEquals(new WindowPower(0, 10, 80.5, 80.5 / windowNs), p.get(0));
        assertEquals(new WindowPower(10, 10, 106.0, 106.0 / windowNs), p.get(1));
        assertEquals(new WindowPower(20, 10, 19.5, 19.5 / windowNs), p.get(2));
        assertEquals(new WindowPower(30, 10, 8.0, 8.0 / windowNs), p.get(3));
        assertEquals(p.get(1), s.peakPower(ENERGY));
        assertEquals(106.0 / windowNs, s.peakPower(ENERGY).powerMw(), 1e-12);
    }

    @Test
    void windowsStartAtMultiplesOfTheWidthAndEmptyOnesInBetweenAreListed() {
        // adc0 converts: 2 in [25, 27) and 4 in [47, 49); windows of 10 cycles: 20, 30 (empty), 40
        TraceSummary s = summarize(List.of(TraceRecord.of(25, 2, 2, 1, 2, 0), TraceRecord.of(47, 2, 2, 1, 4, 0)), 10);
        double windowNs = 10 / 1.2;
        assertEquals(List.of(new WindowPower(20, 10, 3.0, 3.0 / windowNs), new WindowPower(30, 10, 0.0, 0.0),
                new WindowPower(40, 10, 6.0, 6.0 / windowNs)), s.powerByWindow(ENERGY));
        assertEquals(new WindowPower(40, 10, 6.0, 6.0 / windowNs), s.peakPower(ENERGY));
        // a record before cycle 0 falls in a window of negative start
        TraceSummary early = summarize(List.of(TraceRecord.of(-7, 2, 2, 1, 2, 0)), 5);
        assertEquals(List.of(new WindowPower(-10, 5, 3.0, 3.0 / (5 / 1.2))), early.powerByWindow(ENERGY));
    }

    @Test
    void farApartRecordsGiveAPeakButRefuseAHugeWindowList() {
        TraceSummary s = summarize(List.of(TraceRecord.of(0, 1, 0, 0, 1, 0),
                TraceRecord.of(1_000_000_000_000L, 1, 2, 1, 4, 0)), 1);
        assertEquals(new WindowPower(1_000_000_000_000L, 1, 6.0, 6.0 * 1.2), s.peakPower(ENERGY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.powerByWindow(ENERGY));
        assertTrue(e.getMessage().contains("use wider windows"), e.getMessage());
    }

    @Test
    void summaryOfAFileEqualsSummaryOfTheRecords() {
        Path file = dir.resolve("s.xbt");
        List<TraceRecord> records = TraceFixtures.realisticRecords(H, 20_000, 9);
        try (TraceWriter w = TraceWriter.create(file, H)) {
            records.forEach(w::write);
        }
        TraceSummary fromFile = TraceSummarizer.summarize(file, 100);
        TraceSummary direct = summarize(records, 100);
        assertEquals(direct.actionCounts(), fromFile.actionCounts());
        assertEquals(direct.components(), fromFile.components());
        assertEquals(direct.powerByWindow(ENERGY), fromFile.powerByWindow(ENERGY));
        long total = records.stream().mapToLong(TraceRecord::count).sum();
        long inWindows = 0;
        for (long w : fromFile.windowIndices()) {
            for (KindAction k : fromFile.kindActions()) {
                inWindows += fromFile.windowCount(w, k.kind(), k.action());
            }
        }
        assertEquals(total, inWindows, "window shares add up to the counts");
        // the header as written, taken instead of parsed back: the same summary
        TraceSummary written = TraceSummarizer.summarizeWritten(file, H, 100);
        assertEquals(fromFile.actionCounts(), written.actionCounts());
        assertEquals(fromFile.components(), written.components());
        assertEquals(fromFile.powerByWindow(ENERGY), written.powerByWindow(ENERGY));
        assertEquals(fromFile.records(), written.records());
    }

    @Test
    void aWrittenTracesHeaderIsStillCheckedAgainstItsChecksum() throws java.io.IOException {
        Path file = dir.resolve("c.xbt");
        try (TraceWriter w = TraceWriter.create(file, H)) {
            TraceFixtures.realisticRecords(H, 100, 3).forEach(w::write);
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[TraceFormat.PREAMBLE_BYTES + 3] ^= 1; // inside the JSON header
        java.nio.file.Files.write(file, bytes);
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceSummarizer.summarizeWritten(file, H, 100));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void windowSharesAlwaysAddUpAndLongRecordsAreCheap() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            long start = rnd.nextLong(-1000, 1000);
            long duration = rnd.nextLong(0, 200);
            long count = rnd.nextLong(0, 1000);
            long window = 1 + rnd.nextInt(50);
            TraceSummary s = summarize(List.of(TraceRecord.of(start, duration, 2, 1, count, 0)), window);
            String what = "start " + start + " duration " + duration + " count " + count + " window " + window;
            long sum = 0;
            for (long w : s.windowIndices()) {
                long c = s.windowCount(w, "adc", "convert");
                assertEquals(expectedShare(start, duration, count, window, w), c, what + ", window index " + w);
                sum += c;
            }
            assertEquals(count, sum, what);
        }
        TraceSummary huge = summarize(List.of(TraceRecord.of(0, 1_000_000_000_000_000L, 2, 1, 3, 0),
                TraceRecord.of(5, Long.MAX_VALUE, 3, 2, Long.MAX_VALUE, 0)), 10);
        assertEquals(3, huge.actionCount("adc", "convert"));
        assertEquals(Long.MAX_VALUE, huge.actionCount("shift-add", "operate"));
    }

    /**
     * The rule, computed independently: a record with duration d and count n has given
     * floor(n * elapsed / d) actions once elapsed cycles have passed, so window [a, b) gets
     * floor(n * clamp(b - start) / d) - floor(n * clamp(a - start) / d), elapsed clamped to [0, d];
     * a zero-length record gives all its count to the window of its start cycle.
     */
    private static long expectedShare(long start, long duration, long count, long window, long w) {
        if (duration == 0) {
            return Math.floorDiv(start, window) == w ? count : 0;
        }
        long a = Math.min(duration, Math.max(0, w * window - start));
        long b = Math.min(duration, Math.max(0, (w + 1) * window - start));
        return count * b / duration - count * a / duration;
    }

    /** Everything a summary tells, as text: two summaries of the same records must give the same. */
    private static String figures(TraceSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(s.windowCycles()).append(' ').append(s.records()).append(' ').append(s.firstCycle()).append(' ')
                .append(s.endCycle()).append('\n').append(s.components()).append('\n').append(s.actionCounts()).append('\n')
                .append(s.recordCounts()).append('\n').append(s.durationCycles()).append('\n').append(s.images()).append('\n');
        for (long w : s.windowIndices()) {
            for (KindAction k : s.kindActions()) {
                b.append(w).append(' ').append(k).append(' ').append(s.windowCount(w, k.kind(), k.action())).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void aSummaryWhoseWindowWidthComesLastHasTheSameFigures() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<TraceRecord> records = new java.util.ArrayList<>();
        long[] start = new long[11];
        for (int i = 0; i < 40_000; i++) { // three chunks of kept records
            int c = rnd.nextInt(11);
            start[c] += rnd.nextInt(30);
            long duration = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1, 200);
            records.add(TraceRecord.of(start[c], duration, c, rnd.nextInt(7), rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(1, 1000),
                    rnd.nextInt(3)));
        }
        for (long window : new long[] {7, 64, 1000, 1L << 40}) {
            TraceSummarizer later = TraceSummarizer.deferringWindows(H, records.size());
            for (TraceRecord r : records) {
                later.add(r.startCycle(), r.durationCycles(), r.component(), r.action(), r.count(), r.image());
            }
            assertEquals(figures(summarize(records, window)), figures(later.finish(window)), "window " + window);
            assertThrows(IllegalStateException.class, () -> later.finish(window), "finishes once");
        }
    }

    @Test
    void aSummaryWhoseWindowWidthComesLastGivesUpPastItsRecordLimit() {
        TraceSummarizer s = TraceSummarizer.deferringWindows(H, 5);
        HAND_MADE.subList(0, 5).forEach(s::add);
        assertTrue(!s.overflowed());
        s.add(HAND_MADE.get(5));
        assertTrue(s.overflowed());
        assertThrows(IllegalStateException.class, () -> s.finish(10));
        assertThrows(IllegalStateException.class, s::finish, "no window width yet");
    }

    @Test
    void outOfOrderComponentRecordsAreRejectedWithAClearMessage() {
        TraceSummarizer s = new TraceSummarizer(H, 10);
        s.add(TraceRecord.of(10, 1, 2, 1, 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(TraceRecord.of(5, 1, 2, 1, 1, 0)));
        assertTrue(e.getMessage().contains("component 2 (tile0/adc0) starts at cycle 5, before cycle 10 where its current busy interval began"),
                e.getMessage());
    }
}
