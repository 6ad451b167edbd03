package org.xbarsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;

class BenchTest {
    /** Returns 1, 5, 3, 2, 4, ... per repeat (time) and counts set-up and tear-down. */
    static final class Scripted implements BenchCase {
        final double[] script;
        final List<String> calls = new ArrayList<>();
        int i;

        Scripted(double... script) {
            this.script = script;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String description() {
            return "returns scripted values";
        }

        @Override
        public void setUp(BenchOptions options) {
            calls.add("setUp");
        }

        @Override
        public List<Measurement> run(BenchOptions options) {
            calls.add("run");
            double v = script[i++];
            return List.of(Measurement.time("t", v, "ms"), Measurement.throughput("rate", 1000 / v, "1/s"));
        }

        @Override
        public void tearDown() {
            calls.add("tearDown");
        }
    }

    @Test
    void warmupsAreDiscardedAndMedianMinMaxSummarizeTheRepeats() {
        Scripted c = new Scripted(100, 1, 5, 3, 2, 4);
        BenchOptions o = new BenchOptions(5, 1, 1, null, Map.of());
        BenchResult r = new BenchRunner(o, s -> { }).run(c);
        assertEquals(List.of("setUp", "run", "run", "run", "run", "run", "run", "tearDown"), c.calls);
        BenchResult.Summary t = r.summaries().get(0);
        assertEquals("t", t.name());
        assertEquals(3.0, t.median());
        assertEquals(1.0, t.min());
        assertEquals(5.0, t.max());
        assertEquals(List.of(1.0, 5.0, 3.0, 2.0, 4.0), t.values());
        assertEquals("rate", r.summaries().get(1).name());
        assertEquals(1000 / 3.0, r.summaries().get(1).median(), 1e-9);
        // even count: mean of the middle two
        assertEquals(2.5, BenchResult.Summary.of("x", "u", true, List.of(4.0, 1.0, 2.0, 3.0)).median());
    }

    @Test
    void aTimedWarmUpRunsUntilItsTimeHasPassedAndSaysHowOften() {
        // each run sleeps 20 ms: 0.2 s of warm-up takes about ten runs, never fewer than the count asks
        BenchCase sleeping = new BenchCase() {
            @Override
            public String name() {
                return "sleeping";
            }

            @Override
            public String description() {
                return "sleeps 20 ms";
            }

            @Override
            public List<Measurement> run(BenchOptions options) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(Measurement.time("t", 1, "ms"));
            }
        };
        long start = System.nanoTime();
        BenchResult r = new BenchRunner(new BenchOptions(2, 1, 0.2, 1, null, Map.of()), s -> { }).run(sleeping);
        assertTrue(System.nanoTime() - start >= 200_000_000L);
        int warmups = Integer.parseInt(r.notes().get("warm-up runs"));
        assertTrue(warmups >= 2 && warmups <= 11, "warm-ups " + warmups);
        assertEquals(2, r.summaries().get(0).values().size());

        Scripted counted = new Scripted(100, 100, 1, 2);
        BenchResult c = new BenchRunner(new BenchOptions(2, 2, 0, 1, null, Map.of()), s -> { }).run(counted);
        assertEquals("2", c.notes().get("warm-up runs"));
        assertEquals(List.of(1.0, 2.0), c.summaries().get(0).values());
        assertThrows(IllegalArgumentException.class, () -> new BenchOptions(1, 0, 601, 1, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new BenchOptions(1, 0, Double.NaN, 1, null, Map.of()));
    }

    @Test
    void registryNamesAreUniqueAndUnknownNamesGetAHint() {
        List<String> names = BenchRegistry.names();
        assertEquals(names.size(), new HashSet<>(names).size());
        assertTrue(names.contains("golden"));
        UserInputException e = assertThrows(UserInputException.class, () -> BenchRegistry.byName("goldne"));
        assertTrue(e.getMessage().startsWith("--case goldne: unknown benchmark case (did you mean 'golden'?)"),
                e.getMessage());
    }

    @Test
    void jsonHoldsEveryMeasurement(@TempDir Path dir) throws Exception {
        BenchOptions o = new BenchOptions(2, 0, 1, null, Map.of("k", "v"));
        BenchResult r = new BenchRunner(o, s -> { }).run(new Scripted(2, 4));
        Path f = dir.resolve("b.json");
        BenchReport.writeJson(f, List.of(r), o, null);
        JsonNode root = new ObjectMapper().readTree(Files.readString(f));
        assertEquals("xbarsim-bench", root.get("format").asText());
        assertEquals("v", root.get("options").get("params").get("k").asText());
        JsonNode m = root.get("cases").get(0).get("measurements").get(0);
        assertEquals("t", m.get("name").asText());
        assertEquals(3.0, m.get("median").asDouble());
        assertEquals(2, m.get("values").size());
        // the runtime and its collectors: the launcher may run a bench on another Java than the PATH's
        assertEquals(System.getProperty("java.version"), root.get("environment").get("javaVersion").asText());
        assertTrue(root.get("environment").get("collectors").size() > 0, root.get("environment").toString());
        JsonNode jvm = root.get("environment").get("jvmOptions");
        assertEquals(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).count(), jvm.size(), jvm.toString());
        String text = BenchReport.text(List.of(r), o);
        assertTrue(text.contains("runtime: Java " + System.getProperty("java.version") + " ("), text);
        assertTrue(text.contains("), collectors " + root.get("environment").get("collectors").get(0).asText()), text);
        assertTrue(text.contains("scripted: returns scripted values"), text);
        assertTrue(text.contains("t     3.00 ms  [2.00 .. 4.00]"), text);
    }

    @Test
    void goldenCaseMeasuresPositiveThroughput() {
        BenchOptions o = new BenchOptions(1, 0, 2, null, Map.of("images", "40"));
        BenchResult r = new BenchRunner(o, s -> { }).run(new GoldenEngineBench());
        assertEquals(List.of("images-per-second-1-thread", "images-per-cpu-second-1-thread", "images-per-second-2-threads"),
                r.summaries().stream().map(BenchResult.Summary::name).toList());
        for (BenchResult.Summary s : r.summaries()) {
            assertTrue(s.median() > 0, s.toString());
        }
        assertTrue(r.notes().get("images").startsWith("40 from "), r.notes().toString());
    }

    @Test
    void goldenCaseWithOneThreadHasOnlyTheOneThreadNames() {
        // the names the PyTorch peer writes with --threads 1 (bench/peers/pytorch_peer.py)
        BenchOptions o = new BenchOptions(1, 0, 1, null, Map.of("images", "10"));
        BenchResult r = new BenchRunner(o, s -> { }).run(new GoldenEngineBench());
        assertEquals(List.of("images-per-second-1-thread", "images-per-cpu-second-1-thread"),
                r.summaries().stream().map(BenchResult.Summary::name).toList());
    }
}
