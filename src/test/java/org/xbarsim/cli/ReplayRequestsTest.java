package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.report.ReportJson;

/** replay --requests end to end on a small MLP and synthetic images: equal to simulate, a burst, a bounded queue. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    Path tmp;
    Path model;
    Path config = Path.of("sim-configs/isaac.conf").toAbsolutePath();
    Path simulated;
    long latency;

    @BeforeAll
    void simulateFourImages() throws IOException {
        tmp = Files.createTempDirectory("xbarsim-replay-requests-test");
        model = tmp.resolve("mlp.json");
        ModelFile.write(model, RandomModels.mlp(3));
        simulated = tmp.resolve("simulated");
        CliRun s = CliRun.run("simulate", "--model", model.toString(), "--config", config.toString(), "--dataset", "synthetic",
                "--images", "4", "--threads", "2", "--quiet", "--out", simulated.toString());
        assertEquals(0, s.exit(), s.err());
        latency = ReportJson.readTree(simulated.resolve("report.json")).path("latency").path("cycles").asLong();
        assertTrue(latency > 0);
    }

    private Path requests(String name, long[] arrivals) throws IOException {
        StringBuilder b = new StringBuilder("{\"format\":\"xbarsim-requests\",\"version\":1,\"arrival-unit\":\"cycles\","
                + "\"dataset\":\"synthetic\"}\n");
        for (int i = 0; i < arrivals.length; i++) {
            b.append("{\"id\":\"q").append(i).append("\",\"arrival\":").append(arrivals[i]).append(",\"index\":").append(i % 4)
                    .append("}\n");
        }
        Path f = tmp.resolve(name + ".jsonl");
        Files.writeString(f, b);
        return f;
    }

    private Path replay(Path requests, String name, String... extra) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("replay", "--requests", requests.toString(), "--model", model.toString(),
                "--config", config.toString(), "--quiet", "--out", out.toString()));
        args.addAll(List.of(extra));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("replayed ") && r.out().contains("wrote " + out + "/{replay.json"), "the summary on stdout: "
                + r.out());
        return out;
    }

    /** requests.jsonl by id, checking that no id comes twice. */
    private static Map<String, JsonNode> byId(Path dir) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("requests.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            assertEquals(null, out.put(n.path("id").asText(), n), "request " + n.path("id") + " appears twice");
        }
        return out;
    }

    @Test
    void requestsAllAtCycleZeroWithoutAnInFlightLimitAreASimulateRun() throws IOException {
        Path out = replay(requests("at-zero", new long[4]), "at-zero", "--in-flight", "0", "--threads", "2");
        Map<String, JsonNode> got = byId(out);
        List<String> outputs = Files.readAllLines(simulated.resolve("outputs.jsonl"));
        for (int i = 0; i < 4; i++) {
            JsonNode sim = JSON.readTree(outputs.get(i));
            JsonNode req = got.get("q" + i);
            assertEquals(sim.path("logits"), req.path("logits"), "request " + i);
            assertEquals(sim.path("predicted"), req.path("predicted"));
            assertEquals(sim.path("label"), req.path("label"));
        }
        JsonNode a = ReportJson.readTree(simulated.resolve("report.json"));
        JsonNode b = ReportJson.readTree(out.resolve("report.json"));
        for (String key : List.of("latency", "throughput", "energy", "power", "area", "bit-exactness", "accuracy")) {
            assertEquals(a.path(key), b.path(key), key);
        }
        assertEquals(a.path("simulation").path("events"), b.path("simulation").path("events"));
        assertEquals(0, got.get("q0").path("start").asLong());
        assertEquals(latency, got.get("q0").path("finish").asLong());
        // the requests name their images: report.md says so rather than "starting at index 0"
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("\nRequests: 4 of at-zero"), md);
        assertFalse(md.contains("starting at index"), md);
        String replayMd = Files.readString(out.resolve("replay.md"));
        assertTrue(replayMd.contains("| completed per second | ") && replayMd.contains("the mean arrival rate"), replayMd);
    }

    @Test
    void underABurstLatencyGrowsAndTheQueueDrains() throws IOException {
        long gap = 5 * latency;
        long burstAt = 3 * gap;
        long[] arrivals = new long[13];
        for (int i = 0; i < 3; i++) {
            arrivals[i] = i * gap;                // steady: each alone on the chip
        }
        for (int i = 3; i < 11; i++) {
            arrivals[i] = burstAt;                // eight at once
        }
        arrivals[11] = burstAt + 40 * latency;    // long after the burst
        arrivals[12] = arrivals[11] + gap;
        Path out = replay(requests("burst", arrivals), "burst");
        Map<String, JsonNode> got = byId(out);
        assertEquals(13, got.size());
        for (int i = 0; i < 13; i++) {
            JsonNode r = got.get("q" + i);
            assertEquals("done", r.path("status").asText());
            assertEquals(arrivals[i], r.path("arrival").asLong());
            assertEquals(r.path("finish").asLong() - arrivals[i], r.path("latency").asLong());
        }
        long steady = got.get("q0").path("latency").asLong();
        for (int i = 4; i < 11; i++) {
            assertTrue(got.get("q" + i).path("latency").asLong() > got.get("q" + (i - 1)).path("latency").asLong(),
                    "latency grows through the burst at request " + i);
        }
        assertTrue(got.get("q10").path("latency").asLong() > 3 * steady, "the last of the burst waited");
        assertEquals(steady, got.get("q11").path("latency").asLong(), "after the burst the queue has drained");
        assertEquals(steady, got.get("q12").path("latency").asLong());
        JsonNode rep = ReportJson.readTree(out.resolve("replay.json"));
        assertEquals(13, rep.path("requests").path("completed").asLong());
        assertEquals(0, rep.path("requests").path("rejected").asLong());
        assertEquals(13, rep.path("requests").path("bit-exact").asLong());
        int inFlight = rep.path("in-flight-limit").asInt();
        assertTrue(inFlight >= 1);
        assertEquals(7, rep.path("queue").path("max-length").asInt(), "the first of the burst goes in, seven wait");
        JsonNode timeline = rep.path("queue").path("timeline");
        assertEquals(0, timeline.get(timeline.size() - 1).path("max-length").asInt(), "empty at the end");
        assertEquals(got.get("q10").path("latency").asLong(), rep.path("latency").path("max-cycles").asLong());
        long[] sorted = got.values().stream().mapToLong(r -> r.path("latency").asLong()).sorted().toArray();
        assertEquals(sorted[6], rep.path("latency").path("p50-cycles").asLong(), "nearest rank: the 7th of 13");
        assertEquals(sorted[12], rep.path("latency").path("p95-cycles").asLong(), "nearest rank: the 13th of 13");
        assertTrue(rep.path("energy").path("per-request-nj").asDouble() > 0);
        assertTrue(rep.path("utilisation").path("crossbars").path("mean").asDouble() > 0);
        assertTrue(Files.readString(out.resolve("replay.md")).contains("| latency (arrival to last logit) | p50 " + sorted[6]));

        CliRun e = CliRun.run("export-trace", "--run", out.toString(), "--out", tmp.resolve("burst-trace.json").toString());
        assertEquals(0, e.exit(), e.err());
        assertTrue(Files.size(tmp.resolve("burst-trace.json")) > 0);
    }

    @Test
    void aBoundedQueueRecordsRejectionsAndEveryRequestOnce() throws IOException {
        long[] arrivals = new long[8]; // all at once
        Path out = replay(requests("bounded", arrivals), "bounded", "--queue-limit", "2", "--in-flight", "1");
        Map<String, JsonNode> got = byId(out);
        assertEquals(8, got.size());
        // q0 is admitted at once, q1 and q2 wait, the other five find the queue full
        for (int i = 0; i < 8; i++) {
            assertEquals(i < 3 ? "done" : "rejected", got.get("q" + i).path("status").asText(), "q" + i);
        }
        JsonNode rep = ReportJson.readTree(out.resolve("replay.json"));
        assertEquals(3, rep.path("requests").path("completed").asLong());
        assertEquals(5, rep.path("requests").path("rejected").asLong());
        assertEquals(2, rep.path("queue-limit").asInt());
    }

    @Test
    void withNoRoomToWaitRequestsToAnIdleChipStillGoStraightIn() throws IOException {
        // found by a user trial: --queue-limit 0 rejected every request, even those arriving to an idle chip
        long gap = 5 * latency;
        Path sparse = replay(requests("sparse0", new long[] {0, gap, 2 * gap}), "sparse0", "--queue-limit", "0");
        Map<String, JsonNode> got = byId(sparse);
        for (int i = 0; i < 3; i++) {
            assertEquals("done", got.get("q" + i).path("status").asText(), "q" + i);
        }
        JsonNode rep = ReportJson.readTree(sparse.resolve("replay.json"));
        assertEquals(0, rep.path("queue").path("max-length").asInt(), "nobody waited");
        CliRun verify = CliRun.run("replay", "--verify", sparse.toString());
        assertEquals(Main.EXIT_BAD_INPUT, verify.exit());
        assertTrue(verify.err().contains("the output of replay --requests (it has replay.json, no run.json)"), verify.err());
        Path burst = replay(requests("burst0", new long[4]), "burst0", "--queue-limit", "0", "--in-flight", "1");
        got = byId(burst);
        for (int i = 0; i < 4; i++) {
            assertEquals(i == 0 ? "done" : "rejected", got.get("q" + i).path("status").asText(), "q" + i);
        }
    }

    @Test
    void theSameStreamGivesTheSameBytesWhateverTheThreads() throws IOException {
        Path f = requests("threads", new long[] {0, 10, 10, 3 * latency, 3 * latency + 1});
        Path a = replay(f, "threads-1", "--threads", "1");
        Path b = replay(f, "threads-2", "--threads", "2");
        for (String name : List.of("requests.jsonl", "replay.json", "replay.md", "report.json", "trace.xbt")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
        }
    }

    @Test
    void aBundledRequestTraceIsFoundFromAnyFolder() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path out = tmp.resolve("bundled-trace");
        XbarsimProcess.Result r = XbarsimProcess.in(elsewhere).run(List.of("replay", "--requests", "traces/inline-pixels.jsonl",
                "--model", model.toString(), "--config", "sim-configs/isaac.conf", "--quiet", "--out", out.toString()), 120);
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of("inline-0", "inline-1", "inline-2"), List.copyOf(byId(out).keySet()));
    }
}
