package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/** The Chrome-trace export on hand-made traces whose slices, lanes and flows are known. */
class ChromeTraceExporterTest {
    @TempDir
    Path tmp;

    private final TraceHeader.Builder b = TraceHeader.builder("m", "chip", 1.0).attribute("images", "2")
            .attribute("model-sha256", "aa").attribute("config-sha256", "bb");
    private final int xbar = b.component("tile0/xbar0", ComponentKind.CROSSBAR.key(), 0);
    private final int in0 = b.component("tile0/controller", ComponentKind.INPUT_BUFFER.key(), 0);
    private final int in1 = b.component("tile1/controller", ComponentKind.INPUT_BUFFER.key(), 1);
    private final int net = b.component("network", ComponentKind.NETWORK.key(), -1);
    private final int read = b.action(Action.READ.key());
    private final int write = b.action(Action.WRITE.key());
    private final int bufRead = b.action(Action.READ.key());
    private final int send = b.action(Action.TRANSFER.key());
    private final int stall = b.action(Action.STALL.key());
    private final TraceHeader header = b.build();

    /** The hand-made run: merges, a second lane, a queue of stalls, two sends with their writes. */
    private List<TraceRecord> records() {
        List<TraceRecord> r = new ArrayList<>();
        r.add(new TraceRecord(5, 7, net, send, 28, 0, 28));
        r.add(TraceRecord.of(10, 10, xbar, read, 1, 0));
        r.add(new TraceRecord(12, 0, in1, write, 28, 0, 28));
        r.add(new TraceRecord(12, 7, net, send, 28, 0, 28));
        r.add(TraceRecord.of(12, 8, xbar, stall, 1, 0));
        r.add(TraceRecord.of(12, 16, xbar, stall, 1, 0));
        r.add(TraceRecord.of(12, 24, xbar, stall, 1, 1));
        r.add(new TraceRecord(19, 0, in1, write, 28, 0, 28));
        r.add(TraceRecord.of(20, 10, xbar, read, 1, 0)); // touches the first read: merged
        r.add(TraceRecord.of(25, 10, xbar, read, 1, 0)); // overlaps it: a second lane
        r.add(new TraceRecord(30, 3, in0, bufRead, 25, 0, 25));
        r.add(TraceRecord.of(40, 10, xbar, read, 1, 1)); // back on the first lane
        r.sort(Comparator.comparingLong(TraceRecord::startCycle).thenComparingInt(TraceRecord::component));
        return r;
    }

    private Path trace(List<TraceRecord> records) {
        Path p = tmp.resolve("trace.xbt");
        try (TraceWriter w = TraceWriter.create(p, header)) {
            records.forEach(w::write);
        }
        return p;
    }

    private TimelineChecks.Parsed export(TimelineOptions o) throws IOException {
        Path out = tmp.resolve("timeline-" + o.detail().key() + ".json");
        ChromeTraceExporter.export(trace(records()), out, o);
        return TimelineChecks.check(out);
    }

    private static List<JsonNode> slices(TimelineChecks.Parsed p, String thread) {
        return p.events().stream().filter(e -> List.of("X", "i").contains(e.path("ph").asText())
                && thread.equals(p.threadNames().get(e.get("pid").asInt() + "/" + e.get("tid").asInt()))).toList();
    }

    @Test
    void mergesTouchingRecordsOpensALanePerConcurrentRequestAndFoldsQueuedStalls() throws IOException {
        TimelineChecks.Parsed p = export(TimelineOptions.defaults());
        List<JsonNode> lane0 = slices(p, "tile0/xbar0");
        assertEquals(2, lane0.size(), lane0.toString());
        assertEquals(2, lane0.get(0).at("/args/count").asLong());
        assertEquals(2, lane0.get(0).at("/args/records").asLong());
        // cycle 10 at 1 GHz, 20 cycles long: to the nearest 1/8192 us
        assertEquals(0.01, lane0.get(0).get("ts").asDouble(), 0.5 / ChromeTraceExporter.UNITS_PER_MICROSECOND);
        assertEquals(0.02, lane0.get(0).get("dur").asDouble(), 1.0 / ChromeTraceExporter.UNITS_PER_MICROSECOND);
        assertEquals("0.010009765625", lane0.get(0).get("ts").decimalValue().toPlainString()); // 82 / 8192, exactly
        assertEquals(1, slices(p, "tile0/xbar0 #2").size());
        List<JsonNode> stalls = slices(p, "tile0/xbar0 stalls");
        assertEquals(1, stalls.size());
        assertEquals("stall", stalls.get(0).get("cat").asText());
        assertEquals(3, stalls.get(0).at("/args/count").asLong());
        assertTrue(stalls.get(0).at("/args/image").isMissingNode(), "waits of two images: no single image");
        assertEquals(0, p.flowStarts());
        assertEquals("network", p.threadNames().get(ChromeTraceExporter.NETWORK_PID + "/1"));
    }

    @Test
    void slicesCountEveryActionOfTheTraceOnce() throws IOException {
        TraceSummary s = TraceSummarizer.summarize(trace(records()), 10);
        TreeMap<String, Long> expected = new TreeMap<>();
        s.actionCounts().forEach((k, v) -> expected.put(k.key(), v));
        assertEquals(expected, export(TimelineOptions.defaults()).countsByKindAction(header));
    }

    @Test
    void progressCountsTheRecordsOfBothPassesAndChangesNothingWritten() throws IOException {
        TraceHeader h = TraceFixtures.smallHeader();
        int n = 2 * ChromeTraceExporter.PROGRESS_EVERY + 1000;
        Path p = tmp.resolve("progress.xbt");
        try (TraceWriter w = TraceWriter.create(p, h)) {
            TraceFixtures.realisticRecords(h, n, 3).forEach(w::write);
        }
        List<String> told = new ArrayList<>();
        Path with = tmp.resolve("with-progress.json");
        Path without = tmp.resolve("without-progress.json");
        ChromeTraceExporter.export(p, with, TimelineOptions.defaults(), (pass, records, total) -> told.add(pass + ":" + records
                + "/" + total));
        ChromeTraceExporter.export(p, without, TimelineOptions.defaults());
        int every = ChromeTraceExporter.PROGRESS_EVERY;
        assertEquals(List.of("1:" + every + "/-1", "1:" + 2 * every + "/-1", "2:" + every + "/" + n, "2:" + 2 * every + "/" + n),
                told);
        assertArrayEquals(java.nio.file.Files.readAllBytes(without), java.nio.file.Files.readAllBytes(with));
    }

    @Test
    void aLongPipelineLikeTraceKeepsEveryRule() throws IOException {
        TraceHeader h = TraceFixtures.smallHeader();
        List<TraceRecord> recs = TraceFixtures.realisticRecords(h, 20_000, 7);
        Path p = tmp.resolve("big.xbt");
        try (TraceWriter w = TraceWriter.create(p, h)) {
            recs.forEach(w::write);
        }
        for (TimelineDetail d : TimelineDetail.values()) {
            Path out = tmp.resolve("big-" + d.key() + ".json");
            ChromeTraceExporter.export(p, out, TimelineOptions.defaults().withDetail(d));
            TimelineChecks.Parsed parsed = TimelineChecks.check(out);
            assertTrue(parsed.slices() > 0 && parsed.counters() > 0);
            if (d != TimelineDetail.SUMMARY) {
                TreeMap<String, Long> expected = new TreeMap<>();
                TraceSummarizer.summarize(p, 100).actionCounts().forEach((k, v) -> expected.put(k.key(), v));
                assertEquals(expected, parsed.countsByKindAction(h), d.key());
            }
        }
    }

    @Test
    void fullDetailJoinsEachSendToTheWriteItCausedAtTheReceivingTile() throws IOException {
        TimelineChecks.Parsed p = export(TimelineOptions.defaults().withDetail(TimelineDetail.FULL));
        assertEquals(2, p.flowStarts());
        assertEquals(2, p.flowEnds());
        for (JsonNode e : p.events()) {
            if (e.path("ph").asText().equals("f")) {
                assertEquals("tile1/controller", p.threadNames().get(e.get("pid").asInt() + "/" + e.get("tid").asInt()));
            }
        }
    }

    @Test
    void summaryDetailLeavesOutStalls() throws IOException {
        TimelineChecks.Parsed p = export(TimelineOptions.defaults().withDetail(TimelineDetail.SUMMARY));
        assertTrue(p.events().stream().noneMatch(e -> "stall".equals(e.path("cat").asText())));
        assertTrue(p.threadNames().values().stream().noneMatch(n -> n.contains("stalls")));
    }

    @Test
    void powerCountersAddUpToTheEnergyOfTheActions() throws IOException {
        // 2 pJ per crossbar read, 4 reads: the chip's dynamic power x window length sums to 8 pJ
        TimelineChecks.Parsed p = export(TimelineOptions.defaults().withPower((k, a) -> k == ComponentKind.CROSSBAR && a == Action.READ ? 2 : 0, 1.5));
        double windowNs = p.root().at("/otherData/power-window-cycles").asLong() / 1.0;
        double energyPj = 0;
        int samples = 0;
        for (JsonNode e : p.events()) {
            if (e.path("ph").asText().equals("C") && e.get("pid").asInt() == ChromeTraceExporter.CHIP_PID) {
                energyPj += e.at("/args/dynamic").asDouble() * windowNs;
                samples++;
                double staticMw = e.at("/args/static").asDouble();
                assertTrue(staticMw == 1.5 || staticMw == 0 && e.at("/args/dynamic").asDouble() == 0, e.toString());
            }
        }
        assertTrue(samples > 2);
        assertEquals(8.0, energyPj, 1e-9);
    }

    @Test
    void filtersLimitWhatIsExportedAndMaxEventsSaysWhatItDropped() throws IOException {
        TimelineChecks.Parsed byImage = export(TimelineOptions.defaults().withImages(1, 1));
        assertTrue(byImage.events().stream().filter(e -> List.of("X", "i").contains(e.path("ph").asText()))
                .allMatch(e -> e.at("/args/image").asInt(-1) == 1 || e.get("cat").asText().equals("stall")));
        TimelineChecks.Parsed tile1 = export(TimelineOptions.defaults().withComponents("tile1/**"));
        assertEquals(List.of("tile1/controller"), List.copyOf(new java.util.TreeSet<>(tile1.threadNames().values())));
        TimelineChecks.Parsed late = export(TimelineOptions.defaults().withCycles(38, 100));
        assertEquals(1, late.slices());
        Path out = tmp.resolve("capped.json");
        ChromeTraceExporter.Result r = ChromeTraceExporter.export(trace(records()), out, TimelineOptions.defaults().withMaxEvents(2));
        assertEquals(2, r.slices());
        assertTrue(r.dropped() > 0 && r.firstDroppedCycle() >= 0);
        assertEquals(r.dropped(), TimelineChecks.check(out).root().at("/otherData/dropped-events").asLong());
    }

    @Test
    void sameTraceSameBytes() throws IOException {
        Path t = trace(records());
        Path a = tmp.resolve("a.json");
        Path c = tmp.resolve("c.json");
        ChromeTraceExporter.export(t, a, TimelineOptions.defaults().withDetail(TimelineDetail.FULL));
        ChromeTraceExporter.export(t, c, TimelineOptions.defaults().withDetail(TimelineDetail.FULL));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(c));
    }

    @Test
    void refusesARangeOutsideTheRunAPatternThatMatchesNothingAndADamagedTrace() throws IOException {
        Path t = trace(records());
        Path out = tmp.resolve("never.json");
        UserInputException after = assertThrows(UserInputException.class,
                () -> ChromeTraceExporter.export(t, out, TimelineOptions.defaults().withCycles(1000, 2000)));
        assertTrue(after.getMessage().contains("--from-cycle 1000 is outside the run: the run covers cycles 5 to 50"),
                after.getMessage());
        UserInputException glob = assertThrows(UserInputException.class,
                () -> ChromeTraceExporter.export(t, out, TimelineOptions.defaults().withComponents("tile9/**")));
        assertTrue(glob.getMessage().contains("'tile9/**' matches none of the 4 components"), glob.getMessage());
        byte[] bytes = Files.readAllBytes(t);
        Path cut = tmp.resolve("cut.xbt");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        UserInputException truncated = assertThrows(UserInputException.class,
                () -> ChromeTraceExporter.export(cut, out, TimelineOptions.defaults()));
        assertTrue(truncated.getMessage().contains("cut.xbt") && truncated.getMessage().contains("truncated"),
                truncated.getMessage());
        assertTrue(!Files.exists(out), "nothing written");
    }
}
