package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.trace.TimelineChecks;
import org.xbarsim.trace.TraceReader;
import org.xbarsim.trace.TraceSummarizer;

/** simulate --timeline and export-trace on a real simulated LeNet-5 run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportTraceCommandTest {
    Path tmp;
    Path run;

    @BeforeAll
    void simulate() throws IOException {
        tmp = Files.createTempDirectory("xbarsim-export-test");
        Path model = tmp.resolve("lenet.json");
        ModelFile.write(model, RandomModels.lenet5(9));
        Random r = new Random(1);
        List<List<Integer>> imgs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<Integer> v = new ArrayList<>();
            for (int k = 0; k < 784; k++) {
                v.add(r.nextInt(256));
            }
            imgs.add(v);
        }
        Path input = tmp.resolve("images.json");
        Files.writeString(input, new ObjectMapper().writeValueAsString(imgs));
        run = tmp.resolve("run");
        CliRun s = CliRun.run("simulate", "--model", model.toString(), "--config", "sim-configs/defaults.conf", "--input",
                input.toString(), "--ideal-adc", "--quiet", "--timeline", "--out", run.toString());
        assertEquals(0, s.exit(), s.err());
        assertTrue(s.out().contains("wrote " + run.resolve("timeline.json")), s.out());
    }

    @Test
    void theTimelineOfASimulationKeepsEveryRuleAndItsSlicesAddUpToTheTraceActionCounts() throws IOException {
        TimelineChecks.Parsed p = TimelineChecks.check(run.resolve("timeline.json"));
        TreeMap<String, Long> expected = new TreeMap<>();
        TraceSummarizer.summarize(run.resolve("trace.xbt"), 1000).actionCounts().forEach((k, v) -> expected.put(k.key(), v));
        assertTrue(expected.remove("input-buffer/free") > 0, "frees move the occupancy counter; they are no slices");
        assertTrue(expected.remove("output-buffer/free") > 0, "output-buffer frees are traced, not shown (no counter yet)");
        try (TraceReader reader = TraceReader.open(run.resolve("trace.xbt"))) {
            assertEquals(expected, p.countsByKindAction(reader.header()));
        }
        // and the report's priced action counts are among them
        JsonNode counts = new ObjectMapper().readTree(run.resolve("report.json").toFile()).at("/energy/action-counts");
        counts.fields().forEachRemaining(e -> assertEquals(e.getValue().asLong(), expected.getOrDefault(e.getKey(), 0L), e.getKey()));
        JsonNode report = new ObjectMapper().readTree(run.resolve("report.json").toFile());
        assertEquals(report.at("/model/name").asText(), p.root().at("/otherData/model").asText());
        assertEquals(report.at("/model/sha256").asText(), p.root().at("/otherData/model-sha256").asText());
        assertEquals("2", p.root().at("/otherData/images").asText());
        assertTrue(p.threadNames().containsValue("tile0/xbar0"), p.threadNames().values().toString());
        assertTrue(p.counters() > 0);
    }

    @Test
    void everySliceOfALayersCrossbarsAndTileControllerNamesItsLayer() throws IOException {
        TimelineChecks.Parsed p = TimelineChecks.check(run.resolve("timeline.json"));
        List<String> layers;
        try (TraceReader reader = TraceReader.open(run.resolve("trace.xbt"))) {
            layers = reader.header().layers();
        }
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "flatten", "fc1", "fc2", "fc3"), layers);
        TreeMap<String, java.util.TreeSet<String>> layersOfThread = new TreeMap<>();
        for (JsonNode e : p.events()) {
            if (!List.of("X", "i").contains(e.path("ph").asText())) {
                continue;
            }
            String thread = p.threadNames().get(e.get("pid").asInt() + "/" + e.get("tid").asInt());
            JsonNode layer = e.at("/args/layer");
            String cat = e.path("cat").asText();
            if (List.of("crossbar", "dac", "adc", "sample-hold", "input-buffer", "bus").contains(cat)) {
                assertTrue(layer.isTextual(), thread + ": a " + cat + " slice without its layer: " + e);
            }
            if (!layer.isMissingNode()) {
                assertTrue(layers.contains(layer.asText()), e.toString());
                layersOfThread.computeIfAbsent(thread.replaceAll(" #\\d+$", ""), t -> new java.util.TreeSet<>()).add(layer.asText());
            }
        }
        // a crossbar holds the weights of one layer: all its slices name it (the mapping puts conv1 first)
        assertEquals(java.util.Set.of("conv1"), layersOfThread.get("tile0/xbar0"));
        layersOfThread.forEach((t, ls) -> {
            if (t.matches("tile\\d+/xbar\\d+")) {
                assertEquals(1, ls.size(), t + " works for " + ls);
            }
        });
        // every weighted layer's work shows up under its name
        java.util.Set<String> seen = new java.util.TreeSet<>();
        layersOfThread.values().forEach(seen::addAll);
        assertTrue(seen.containsAll(List.of("conv1", "conv2", "fc1", "fc2", "fc3")), seen.toString());
    }

    @Test
    void theInputBufferCounterShowsTheBytesHeldUpToTheReportsPeak() throws IOException {
        TimelineChecks.Parsed p = TimelineChecks.check(run.resolve("timeline.json"));
        JsonNode peaks = new ObjectMapper().readTree(run.resolve("report.json").toFile()).at("/buffers/input-peak-bytes");
        assertTrue(peaks.size() > 0, peaks.toString());
        // writes add bytes, frees take them away: by the end of the run every byte written was freed
        TreeMap<Integer, long[]> net = new TreeMap<>();
        try (TraceReader reader = TraceReader.open(run.resolve("trace.xbt"))) {
            var d = reader.header().dictionary();
            for (var r : reader) {
                var c = d.component(r.component());
                String a = d.action(r.action()).name();
                if (c.kind().equals("input-buffer") && (a.equals("write") || a.equals("free"))) {
                    net.computeIfAbsent(c.tile(), t -> new long[2])[a.equals("write") ? 0 : 1] += r.count();
                }
            }
        }
        net.forEach((t, wf) -> {
            assertTrue(wf[0] > 0, "tile " + t);
            assertEquals(wf[0], wf[1], "tile " + t + ": bytes written and freed");
        });
        peaks.fields().forEachRemaining(e -> {
            int tile = Integer.parseInt(e.getKey().substring("tile".length()));
            List<Double> held = new ArrayList<>();
            double lastTs = -1;
            for (JsonNode c : p.events()) {
                if (c.path("ph").asText().equals("C") && c.get("pid").asInt() == 3 + tile
                        && c.get("name").asText().equals("input buffer held (bytes)")) {
                    held.add(c.at("/args/held").asDouble());
                    assertTrue(c.get("ts").asDouble() >= lastTs, "counter time goes back: " + c);
                    lastTs = c.get("ts").asDouble();
                }
            }
            assertTrue(held.size() > 1, e.getKey() + " has no occupancy counter");
            assertTrue(held.stream().allMatch(v -> v >= 0), e.getKey() + ": " + held);
            assertEquals(e.getValue().asDouble(), held.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), e.getKey()
                    + ": the counter's highest sample is the most bytes the buffer held (report.json buffers.input-peak-bytes)");
            assertEquals(0.0, held.get(held.size() - 1), e.getKey());
        });
    }

    @Test
    void theOutputBufferCounterShowsTheBytesHeldAndEndsEmpty() throws IOException {
        TimelineChecks.Parsed p = TimelineChecks.check(run.resolve("timeline.json"));
        JsonNode peaks = new ObjectMapper().readTree(run.resolve("report.json").toFile()).at("/buffers/output-peak-bytes");
        assertTrue(peaks.size() > 0, peaks.toString());
        peaks.fields().forEachRemaining(e -> {
            int tile = Integer.parseInt(e.getKey().substring("tile".length()));
            List<Double> held = new ArrayList<>();
            for (JsonNode c : p.events()) {
                if (c.path("ph").asText().equals("C") && c.get("pid").asInt() == 3 + tile
                        && c.get("name").asText().equals("output buffer held (bytes)")) {
                    held.add(c.at("/args/held").asDouble());
                }
            }
            assertTrue(held.size() > 1, e.getKey() + " has no output-buffer occupancy counter");
            double most = held.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            // the trace puts a set's write where the port starts it, the buffer counts it from when it lands: never more
            assertTrue(most > 0 && most <= e.getValue().asDouble(), e.getKey() + ": " + most + " vs peak " + e.getValue());
            assertEquals(0.0, held.get(held.size() - 1), e.getKey());
        });
    }

    @Test
    void fullDetailDrawsActivationsMovingBetweenTiles() throws IOException {
        Path out = tmp.resolve("full.json");
        CliRun r = CliRun.run("export-trace", "--run", run.toString(), "--detail", "full", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        TimelineChecks.Parsed p = TimelineChecks.check(out);
        assertTrue(p.flowStarts() > 0 && p.flowEnds() == p.flowStarts(), p.flowStarts() + " starts, " + p.flowEnds() + " ends");
    }

    @Test
    void maxEventsStopsCleanlyAndSaysWhatItDropped() throws IOException {
        Path out = tmp.resolve("capped.json");
        CliRun r = CliRun.run("export-trace", "--run", run.toString(), "--max-events", "100", "--components", "tile0/**",
                "--images", "1", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("--max-events 100 reached: dropped"), r.err());
        TimelineChecks.Parsed p = TimelineChecks.check(out);
        assertEquals(100, p.slices());
        assertTrue(p.threadNames().values().stream().allMatch(n -> n.startsWith("tile0/")));
    }

    @Test
    void aRunWithItsTimelineIsReplacedWithForceButNotOneHoldingAUsersFile() throws IOException {
        // the timeline simulate --timeline wrote after the run was committed is xbarsim's: --force may replace it
        Path copy = tmp.resolve("rerun");
        Path model = tmp.resolve("lenet.json");
        String[] simulate = {"simulate", "--model", model.toString(), "--config", "sim-configs/defaults.conf", "--input",
                tmp.resolve("images.json").toString(), "--ideal-adc", "--quiet", "--out", copy.toString(), "--force"};
        assertEquals(0, CliRun.run(simulate).exit());
        CliRun exported = CliRun.run("export-trace", "--run", copy.toString(), "--quiet");
        assertEquals(0, exported.exit(), exported.err());
        assertEquals("", exported.err(), "--quiet: no progress, no time");
        CliRun again = CliRun.run(simulate);
        assertEquals(0, again.exit(), again.err());
        assertFalse(Files.exists(copy.resolve("timeline.json")));
        Files.writeString(copy.resolve("my-notes.md"), "mine");
        CliRun refused = CliRun.run(simulate);
        assertEquals(Main.EXIT_BAD_INPUT, refused.exit());
        assertTrue(refused.err().contains("also holds an entry xbarsim did not write there (my-notes.md), which replacing the"
                + " folder would delete"), refused.err());
        assertEquals("mine", Files.readString(copy.resolve("my-notes.md")));
    }

    @Test
    void anExistingTimelineIsReplacedOnlyWithForce() throws IOException {
        Path out = tmp.resolve("again.json");
        assertEquals(0, CliRun.run("export-trace", "--run", run.toString(), "--detail", "summary", "--out", out.toString()).exit());
        byte[] before = Files.readAllBytes(out);
        CliRun refused = CliRun.run("export-trace", "--run", run.toString(), "--out", out.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("exists; pass --force"), refused.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out)), "left as it was");
        CliRun forced = CliRun.run("export-trace", "--run", run.toString(), "--out", out.toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        TimelineChecks.check(out);
    }

    @Test
    void badInputIsRefusedWithTheFileAndTheProblem() throws IOException {
        CliRun notRun = CliRun.run("export-trace", "--run", tmp.toString());
        assertEquals(2, notRun.exit());
        // found by a user trial: a timeline written over the run's report.json broke the run
        byte[] report = Files.readAllBytes(run.resolve("report.json"));
        CliRun overInput = CliRun.run("export-trace", "--run", run.toString(), "--out", run.resolve("report.json").toString(),
                "--force");
        assertEquals(2, overInput.exit());
        assertTrue(overInput.err().contains("would overwrite the run's own report.json"), overInput.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(report, Files.readAllBytes(run.resolve("report.json")));
        assertTrue(notRun.err().contains("not a simulation run directory") && notRun.err().contains("report.json"), notRun.err());

        CliRun range = CliRun.run("export-trace", "--run", run.toString(), "--from-cycle", "999999999999", "--out",
                tmp.resolve("x.json").toString());
        assertEquals(2, range.exit());
        assertTrue(range.err().contains("--from-cycle 999999999999 is outside the run: the run covers cycles"), range.err());

        CliRun detail = CliRun.run("export-trace", "--run", run.toString(), "--detail", "huge");
        assertEquals(2, detail.exit());
        assertTrue(detail.err().contains("--detail 'huge': must be summary, normal or full"), detail.err());

        CliRun images = CliRun.run("export-trace", "--run", run.toString(), "--images", "5");
        assertEquals(2, images.exit());
        assertTrue(images.err().contains("the run simulated images 0 to 1"), images.err());
        CliRun past = CliRun.run("export-trace", "--run", run.toString(), "--images", "0-999999999");
        assertEquals(2, past.exit(), "a range that runs past the last image: " + past.out());
        assertTrue(past.err().contains("--images 0-999999999: the run simulated images 0 to 1"), past.err());

        CliRun glob = CliRun.run("export-trace", "--run", run.toString(), "--components", "tile0/[xbar", "--out",
                tmp.resolve("x.json").toString());
        assertEquals(2, glob.exit(), glob.err());
        assertTrue(glob.err().contains("--components 'tile0/[xbar': not a valid glob"), glob.err());
        assertFalse(glob.err().contains("PatternSyntaxException"), glob.err());

        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(run.resolve("report.json"), broken.resolve("report.json"));
        byte[] t = Files.readAllBytes(run.resolve("trace.xbt"));
        Files.write(broken.resolve("trace.xbt"), java.util.Arrays.copyOf(t, t.length / 2));
        CliRun cut = CliRun.run("export-trace", "--run", broken.toString());
        assertEquals(2, cut.exit());
        assertTrue(cut.err().contains("trace.xbt") && cut.err().contains("truncated"), cut.err());
        assertFalse(Files.exists(broken.resolve("timeline.json")));
        assertFalse(Files.exists(tmp.resolve("x.json")));
    }
}
