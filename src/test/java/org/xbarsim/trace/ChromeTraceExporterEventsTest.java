package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * Every event of a timeline exported from a five-record trace, worked out by hand: metadata, slices
 * with their arguments, the flow of one send, and the power, input-buffer and occupancy counters.
 * At 1 GHz a cycle is 1 ns, and the timeline's unit is 1/8192 us, so cycle c is at round(8.192 c) units.
 */
class ChromeTraceExporterEventsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    private final TraceHeader.Builder b = TraceHeader.builder("m", "chip", 1.0).windowCycles(10)
            .layers(List.of("conv1")).attribute("images", "2");
    private final int xbar = b.component("tile0/xbar0", ComponentKind.CROSSBAR.key(), 0);
    private final int buffer = b.component("tile0/input-buffer", ComponentKind.INPUT_BUFFER.key(), 0);
    private final int net = b.component("network", ComponentKind.NETWORK.key(), -1);
    private final int read = b.action(Action.READ.key());
    private final int write = b.action(Action.WRITE.key());
    private final int free = b.action(Action.FREE.key());
    private final int send = b.action(Action.TRANSFER.key());
    private final TraceHeader header = b.build();

    /** 2 pJ a crossbar read, 0.5 pJ a byte sent, 0.25 pJ a byte written to the input buffer. */
    private static final ActionEnergy ENERGY = (k, a) -> k == ComponentKind.CROSSBAR && a == Action.READ ? 2
            : k == ComponentKind.NETWORK ? 0.5 : k == ComponentKind.INPUT_BUFFER && a == Action.WRITE ? 0.25 : 0;

    private Path trace() {
        Path p = tmp.resolve("t.xbt");
        try (TraceWriter w = TraceWriter.create(p, header)) {
            w.write(new TraceRecord(0, 4, xbar, read, 1, 0, 0, 0));
            w.write(new TraceRecord(2, 3, net, send, 16, 0, 16, TraceRecord.NO_LAYER));
            w.write(new TraceRecord(5, 0, buffer, write, 16, 0, 16, TraceRecord.NO_LAYER)); // caused by the send
            w.write(new TraceRecord(12, 4, xbar, read, 1, 1, 0, 0));
            w.write(new TraceRecord(20, 0, buffer, free, 16, 0, 16, TraceRecord.NO_LAYER));
        }
        return p;
    }

    private static List<JsonNode> expected(String... events) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String e : events) {
            out.add(MAPPER.readTree(e.replace('\'', '"')));
        }
        return out;
    }

    @Test
    void fullDetailWritesTheseEventsAndNoOthers() throws IOException {
        Path out = tmp.resolve("full.json");
        TreeMap<String, String> facts = new TreeMap<>();
        facts.put("command", "test");
        ChromeTraceExporter.Result r = ChromeTraceExporter.export(trace(), out, TimelineOptions.defaults()
                .withDetail(TimelineDetail.FULL).withPower(ENERGY, 3).withOtherData(facts));
        JsonNode root = MAPPER.readTree(out.toFile());
        List<JsonNode> events = new ArrayList<>();
        root.get("traceEvents").forEach(events::add);
        List<JsonNode> want = expected(
                "{'ph':'M','pid':1,'tid':0,'name':'process_name','args':{'name':'chip'}}",
                "{'ph':'M','pid':1,'tid':0,'name':'process_sort_index','args':{'sort_index':0}}",
                "{'ph':'M','pid':2,'tid':0,'name':'process_name','args':{'name':'network'}}",
                "{'ph':'M','pid':2,'tid':0,'name':'process_sort_index','args':{'sort_index':1}}",
                "{'ph':'M','pid':2,'tid':1,'name':'thread_name','args':{'name':'network'}}",
                "{'ph':'M','pid':2,'tid':1,'name':'thread_sort_index','args':{'sort_index':1}}",
                "{'ph':'M','pid':3,'tid':0,'name':'process_name','args':{'name':'tile 0'}}",
                "{'ph':'M','pid':3,'tid':0,'name':'process_sort_index','args':{'sort_index':2}}",
                "{'ph':'M','pid':3,'tid':2,'name':'thread_name','args':{'name':'tile0/xbar0'}}",
                "{'ph':'M','pid':3,'tid':2,'name':'thread_sort_index','args':{'sort_index':2}}",
                "{'ph':'M','pid':3,'tid':3,'name':'thread_name','args':{'name':'tile0/input-buffer'}}",
                "{'ph':'M','pid':3,'tid':3,'name':'thread_sort_index','args':{'sort_index':3}}",
                // the send, cycles 2 to 5: units 16 to 41
                "{'ph':'X','pid':2,'tid':1,'name':'transfer','cat':'network','ts':0.001953125,'dur':0.0030517578125,"
                        + "'args':{'image':0,'count':16,'bytes':16,'start-cycle':2,'cycles':3,'records':1}}",
                "{'ph':'s','pid':2,'tid':1,'name':'activations','cat':'flow','id':1,'ts':0.001953125}",
                // the write it caused, an instant at cycle 5 (unit 41)
                "{'ph':'i','pid':3,'tid':3,'name':'write','cat':'input-buffer','ts':0.0050048828125,'s':'t',"
                        + "'args':{'image':0,'count':16,'bytes':16,'start-cycle':5,'cycles':0,'records':1}}",
                "{'ph':'f','pid':3,'tid':3,'name':'activations','cat':'flow','id':1,'ts':0.0050048828125,'bp':'e'}",
                // the reads of cycles 0-4 (units 0-33) and 12-16 (units 98-131), layer 0
                "{'ph':'X','pid':3,'tid':2,'name':'read','cat':'crossbar','ts':0,'dur':0.0040283203125,"
                        + "'args':{'layer':'conv1','image':0,'count':1,'start-cycle':0,'cycles':4,'records':1}}",
                "{'ph':'X','pid':3,'tid':2,'name':'read','cat':'crossbar','ts':0.011962890625,'dur':0.0040283203125,"
                        + "'args':{'layer':'conv1','image':1,'count':1,'start-cycle':12,'cycles':4,'records':1}}",
                // chip power per 10-cycle window: 2 + 8 + 4 pJ, then 2 pJ; cycle 20 is the end of the records
                "{'ph':'C','pid':1,'name':'power (mW)','ts':0,'args':{'dynamic':1.4,'static':3}}",
                "{'ph':'C','pid':1,'name':'power (mW)','ts':0.010009765625,'args':{'dynamic':0.2,'static':3}}",
                "{'ph':'C','pid':1,'name':'power (mW)','ts':0.02001953125,'args':{'dynamic':0,'static':0}}",
                // tile 0 leaves out the network's 8 pJ
                "{'ph':'C','pid':3,'name':'power (mW)','ts':0,'args':{'dynamic':0.6}}",
                "{'ph':'C','pid':3,'name':'power (mW)','ts':0.010009765625,'args':{'dynamic':0.2}}",
                "{'ph':'C','pid':3,'name':'power (mW)','ts':0.02001953125,'args':{'dynamic':0}}",
                "{'ph':'C','pid':3,'name':'input buffer (bytes per window)','ts':0,'args':{'read':0,'written':16}}",
                "{'ph':'C','pid':3,'name':'input buffer (bytes per window)','ts':0.010009765625,'args':{'read':0,'written':0}}",
                "{'ph':'C','pid':3,'name':'input buffer (bytes per window)','ts':0.02001953125,'args':{'read':0,'written':0}}",
                // 16 bytes held from cycle 5 until the free at cycle 20
                "{'ph':'C','pid':3,'name':'input buffer held (bytes)','ts':0,'args':{'held':16}}",
                "{'ph':'C','pid':3,'name':'input buffer held (bytes)','ts':0.010009765625,'args':{'held':16}}",
                "{'ph':'C','pid':3,'name':'input buffer held (bytes)','ts':0.02001953125,'args':{'held':0}}");
        assertEquals(want.size(), events.size(), events.toString());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), events.get(i), "event " + i);
        }
        assertEquals(MAPPER.readTree(("{'format':'xbarsim-timeline','model':'m','config':'chip','config-sha256':null,"
                + "'images':'2','model-sha256':null,'clock-ghz':1.0,'detail':'full','first-cycle':0,'end-cycle':20,"
                + "'counters-first-cycle':0,'counters-end-cycle':20,'power-window-cycles':10,'slices':4,'flow-events':2,"
                + "'counter-events':12,'dropped-events':0,'command':'test'}").replace('\'', '"')), root.get("otherData"));
        assertEquals("ns", root.get("displayTimeUnit").asText());
        assertEquals(List.of(4L, 2L, 12L, 0L, -1L, 3, 0L, 20L, java.nio.file.Files.size(out)),
                List.of(r.slices(), r.flows(), r.counters(), r.dropped(), r.firstDroppedCycle(), r.threads(), r.firstCycle(),
                        r.endCycle(), r.bytes()));
        TimelineChecks.check(out);
    }

    @Test
    void eachTileIsItsOwnProcessAndTimesFollowTheClock() throws IOException {
        // 2 GHz: cycle c is at c / 2 ns, round(4.096 c) units; a network component without records
        // gets no process
        TraceHeader.Builder two = TraceHeader.builder("m", "chip", 2.0).windowCycles(10);
        int x0 = two.component("tile0/xbar0", ComponentKind.CROSSBAR.key(), 0);
        int x1 = two.component("tile1/xbar0", ComponentKind.CROSSBAR.key(), 1);
        two.component("network", ComponentKind.NETWORK.key(), -1);
        int rd = two.action(Action.READ.key());
        Path t = tmp.resolve("two.xbt");
        try (TraceWriter w = TraceWriter.create(t, two.build())) {
            w.write(TraceRecord.of(0, 4, x0, rd, 1, 0));
            w.write(TraceRecord.of(8, 4, x1, rd, 1, 0));
        }
        Path out = tmp.resolve("two.json");
        ChromeTraceExporter.export(t, out, TimelineOptions.defaults());
        JsonNode root = MAPPER.readTree(out.toFile());
        List<String> processes = new ArrayList<>();
        List<String> slices = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("name").asText().startsWith("process_")) {
                processes.add(e.get("pid") + " " + e.get("args"));
            } else if (e.get("ph").asText().equals("X")) {
                slices.add(e.get("pid") + " " + e.get("ts").asDouble() + " " + e.get("dur").asDouble());
            }
        });
        assertEquals(List.of("1 {\"name\":\"chip\"}", "1 {\"sort_index\":0}", "3 {\"name\":\"tile 0\"}",
                "3 {\"sort_index\":2}", "4 {\"name\":\"tile 1\"}", "4 {\"sort_index\":3}"), processes);
        assertEquals(List.of("3/1 tile0/xbar0", "4/2 tile1/xbar0"), threadNames(root));
        // cycles 0-4 are units 0-16, cycles 8-12 units 33-49
        assertEquals(List.of("3 0.0 " + 16 / 8192.0, "4 " + 33 / 8192.0 + " " + 16 / 8192.0), slices);
    }

    /** The counters of a timeline as "pid name ts args", in file order. */
    private static List<String> counters(JsonNode root) {
        List<String> out = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("C")) {
                out.add(e.get("pid") + " " + e.get("name").asText() + " " + e.get("ts") + " " + e.get("args"));
            }
        });
        return out;
    }

    private static List<String> threadNames(JsonNode root) {
        List<String> out = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("name").asText().equals("thread_name")) {
                out.add(e.get("pid") + "/" + e.get("tid") + " " + e.at("/args/name").asText());
            }
        });
        return out;
    }

    @Test
    void aCycleRangeKeepsTheRecordsThatOverlapItAndTheCountersOfItsWindows() throws IOException {
        Path out = tmp.resolve("range.json");
        ChromeTraceExporter.Result r = ChromeTraceExporter.export(trace(), out, TimelineOptions.defaults().withCycles(10, 20)
                .withPower(ENERGY, 3));
        JsonNode root = MAPPER.readTree(out.toFile());
        // only the second read (cycles 12-16) is in the range; no network, no input-buffer thread
        assertEquals(List.of("3/1 tile0/xbar0"), threadNames(root));
        assertEquals(List.of(1L, 12L, 16L), List.of(r.slices(), r.firstCycle(), r.endCycle()));
        // counters from window 1 (cycles 10-20) on; the buffer still holds the 16 bytes written at cycle 5
        assertEquals(List.of(
                "1 power (mW) 0.010009765625 {\"dynamic\":0.2,\"static\":3}",
                "1 power (mW) 0.02001953125 {\"dynamic\":0,\"static\":0}",
                "3 power (mW) 0.010009765625 {\"dynamic\":0.2}",
                "3 power (mW) 0.02001953125 {\"dynamic\":0}",
                "3 input buffer (bytes per window) 0.010009765625 {\"read\":0,\"written\":0}",
                "3 input buffer (bytes per window) 0.02001953125 {\"read\":0,\"written\":0}",
                "3 input buffer held (bytes) 0.010009765625 {\"held\":16}",
                "3 input buffer held (bytes) 0.02001953125 {\"held\":0}"), counters(root));
        assertEquals(12, root.at("/otherData/counters-first-cycle").asLong());
        assertEquals(16, root.at("/otherData/counters-end-cycle").asLong());
        TimelineChecks.check(out);
    }

    @Test
    void maxEventsKeepsTheFirstEventsAndSaysWhereDroppingBegan() throws IOException {
        Path out = tmp.resolve("one.json");
        ChromeTraceExporter.Result r = ChromeTraceExporter.export(trace(), out, TimelineOptions.defaults()
                .withDetail(TimelineDetail.FULL).withMaxEvents(1));
        // the send is written; its flow start (cycle 2), the write, its flow end and both reads are not
        assertEquals(List.of(1L, 0L, 5L, 2L), List.of(r.slices(), r.flows(), r.dropped(), r.firstDroppedCycle()));
        assertEquals(5, MAPPER.readTree(out.toFile()).at("/otherData/dropped-events").asLong());
    }

    @Test
    void rangesOutsideTheRunAndImagesWithoutRecordsAreRefusedWithTheRunsSpan() {
        Path t = trace();
        Path out = tmp.resolve("never.json");
        UserInputException to = assertThrows(UserInputException.class,
                () -> ChromeTraceExporter.export(t, out, TimelineOptions.defaults().withCycles(-10, 0)));
        assertTrue(to.getMessage().endsWith(": --to-cycle 0 is outside the run: the run covers cycles 0 to 20"), to.getMessage());
        UserInputException from = assertThrows(UserInputException.class,
                () -> ChromeTraceExporter.export(t, out, TimelineOptions.defaults().withCycles(20, 30)));
        assertTrue(from.getMessage().endsWith(": --from-cycle 20 is outside the run: the run covers cycles 0 to 20"),
                from.getMessage());
        UserInputException images = assertThrows(UserInputException.class,
                () -> ChromeTraceExporter.export(t, out, TimelineOptions.defaults().withImages(5, 6)));
        assertTrue(images.getMessage().endsWith(": no record of images 5-6 in the cycle range; the run covers cycles 0 to 20"
                + " for images 2"), images.getMessage());
        UserInputException glob = assertThrows(UserInputException.class,
                () -> ChromeTraceExporter.export(t, out, TimelineOptions.defaults().withComponents("tile0/adc*")));
        assertTrue(glob.getMessage().endsWith(": --components 'tile0/adc*' matches none of the 3 components (names look like"
                + " 'tile0/xbar0'; '*' stays within one '/' level, '**' crosses levels)"), glob.getMessage());
        // the smallest ranges that still hold a record are fine
        assertEquals(1, ChromeTraceExporter.export(t, out, TimelineOptions.defaults().withCycles(-10, 1)).slices());
        assertEquals(0, ChromeTraceExporter.export(t, out, TimelineOptions.defaults().withCycles(19, 30)).slices(),
                "only the free at cycle 20, which is no slice");
    }

    @Test
    void summaryDetailLeavesOutTheConvertersThatRepeatTheirCrossbar() throws IOException {
        TraceHeader.Builder hb = TraceHeader.builder("m", "chip", 1.0);
        int x = hb.component("tile0/xbar0", ComponentKind.CROSSBAR.key(), 0);
        int adc = hb.component("tile0/adc0", ComponentKind.ADC.key(), 0);
        int sa = hb.component("tile0/shift-add0", ComponentKind.SHIFT_ADD.key(), 0);
        int rd = hb.action(Action.READ.key());
        int cv = hb.action(Action.CONVERT.key());
        int op = hb.action(Action.OPERATE.key());
        Path p = tmp.resolve("conv.xbt");
        try (TraceWriter w = TraceWriter.create(p, hb.build())) {
            w.write(TraceRecord.of(0, 2, x, rd, 1, 0));
            w.write(TraceRecord.of(0, 2, adc, cv, 8, 0));
            w.write(TraceRecord.of(2, 2, sa, op, 8, 0));
        }
        Path summary = tmp.resolve("summary.json");
        assertEquals(2, ChromeTraceExporter.export(p, summary, TimelineOptions.defaults().withDetail(TimelineDetail.SUMMARY))
                .slices());
        assertEquals(List.of("3/1 tile0/xbar0", "3/2 tile0/shift-add0"), threadNames(MAPPER.readTree(summary.toFile())));
        Path normal = tmp.resolve("normal.json");
        assertEquals(3, ChromeTraceExporter.export(p, normal, TimelineOptions.defaults()).slices());
        assertEquals(List.of("3/1 tile0/xbar0", "3/2 tile0/adc0", "3/3 tile0/shift-add0"),
                threadNames(MAPPER.readTree(normal.toFile())));
    }
}
