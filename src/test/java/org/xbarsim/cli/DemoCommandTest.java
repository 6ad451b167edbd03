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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.trace.TimelineChecks;

/** The quick demo end to end: its closing lines name real files, and their figures are those files'. */
class DemoCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theDemoWritesOnlyIntoItsOwnEarlierFolderNotAnotherCommandsOutput() throws IOException {
        // found by a user trial: the demo started training into a replay's output folder
        Path other = tmp.resolve("simulated");
        try (org.xbarsim.report.OutputDirectory o = org.xbarsim.report.OutputDirectory.prepare(other)) {
            Files.writeString(o.resolve("report.json"), "{}");
            o.commit();
        }
        CliRun r = CliRun.run("demo", "--quick", "--quiet", "--out", other.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("exists and is not an earlier demo's folder"), r.err());
        assertEquals(java.util.List.of(".xbarsim-output", "report.json"), listing(other));
        Path demo = Files.createDirectory(tmp.resolve("demo"));
        Files.writeString(demo.resolve(org.xbarsim.report.OutputDirectory.MARKER),
                "{\"format\": \"xbarsim-output\", \"version\": 1, \"command\": \"demo\"}\n");
        org.xbarsim.report.OutputDirectory.checkKeptFolder(demo, "demo");
        org.junit.jupiter.api.Assertions.assertThrows(org.xbarsim.UserInputException.class,
                () -> org.xbarsim.report.OutputDirectory.checkKeptFolder(other, "demo"));
    }

    private static java.util.List<String> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theQuickDemoEndsWithWhatToOpenAndItsNumbersAreThoseOfTheFiles() throws IOException {
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.run("demo", "--quick", "--quiet", "--epochs", "1", "--images", "2", "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        String text = r.out();
        // --quiet reaches the stages that show progress: no training bar, no simulation progress
        assertTrue(text.matches("(?s).*\\$ \\./xbarsim train .* --quiet\\R.*"), text);
        assertFalse(r.err().contains("epoch 1/1 [") || r.err().contains("% (0/"), r.err());
        assertTrue(text.contains("== 7/7 what to look at"), text);
        // each stage's result comes out where the demo's does: the comparison table, the simulation's summary
        assertTrue(text.indexOf("== 4/7") >= 0 && text.indexOf("base/comp") > text.indexOf("== 4/7"), text);
        assertTrue(text.contains("bit-exact vs golden engine:"), text);
        assertFalse(r.err().contains("== simulating the baseline"), "compare's steps are left out with --quiet: " + r.err());
        assertEquals("", r.err(), "--quiet reaches every stage: no progress, no time taken");

        Path compare = out.resolve("compare");
        assertTrue(Files.isRegularFile(compare.resolve("report.html")));
        Matcher c = find(text, "open " + Pattern.quote(compare.resolve("report.html").toString())
                + "\\R  compressed vs unpruned baseline: (\\S+)x fewer crossbars, (\\S+)x less total area, (\\S+)x less compute "
                + "power, (\\S+)x less energy per inference");
        JsonNode ratios = MAPPER.readTree(compare.resolve("report.json").toFile()).path("ratios");
        String[] keys = {"crossbars", "total-area", "compute-power", "energy-per-inference"};
        for (int i = 0; i < keys.length; i++) {
            assertEquals(ratios.path(keys[i]).asDouble(), Double.parseDouble(c.group(i + 1)), 0.005, keys[i]);
        }

        Path timeline = out.resolve("timeline.json");
        TimelineChecks.Parsed parsed = TimelineChecks.check(timeline);
        JsonNode d = parsed.root().path("otherData");
        assertEquals("1", d.path("images").asText(), "the timeline is one inference");
        Matcher t = find(text, "load " + Pattern.quote(timeline.toString()) + " in ui.perfetto.dev \\(or chrome://tracing, "
                + "speedscope\\)\\R  one inference of (\\S+): (\\d+) slices and (\\d+) counter samples over cycles (\\d+) to (\\d+) "
                + "\\((\\S+) us\\)");
        assertEquals(d.path("model").asText(), t.group(1));
        assertEquals(parsed.slices(), Long.parseLong(t.group(2)));
        assertEquals(parsed.counters(), Long.parseLong(t.group(3)));
        assertEquals(d.path("first-cycle").asLong(), Long.parseLong(t.group(4)));
        assertEquals(d.path("end-cycle").asLong(), Long.parseLong(t.group(5)));
        double us = (d.path("end-cycle").asLong() - d.path("first-cycle").asLong()) / d.path("clock-ghz").asDouble() / 1000;
        assertEquals(us, Double.parseDouble(t.group(6)), 0.05);

        Path replay = out.resolve("replay");
        JsonNode rep = MAPPER.readTree(replay.resolve("replay.json").toFile());
        Matcher q = find(text, "open " + Pattern.quote(replay.resolve("replay.md").toString()) + "\\R  (\\d+) requests: (\\d+) "
                + "completed \\((\\d+) bit-exact\\), latency p50 (\\S+) ms, p99 (\\S+) ms, up to (\\d+) waiting at the host, "
                + "(\\S+) requests/s completed");
        assertEquals(DemoCommand.QUICK_REPLAY_REQUESTS, Long.parseLong(q.group(1)));
        assertEquals(rep.at("/requests/total").asLong(), Long.parseLong(q.group(1)));
        assertEquals(rep.at("/requests/completed").asLong(), Long.parseLong(q.group(2)));
        assertEquals(rep.at("/requests/bit-exact").asLong(), Long.parseLong(q.group(3)));
        assertEquals(rep.at("/latency/p50-ns").asDouble() / 1e6, Double.parseDouble(q.group(4)), 0.0005);
        assertEquals(rep.at("/latency/p99-ns").asDouble() / 1e6, Double.parseDouble(q.group(5)), 0.0005);
        assertEquals(rep.at("/queue/max-length").asLong(), Long.parseLong(q.group(6)));
        assertEquals(rep.at("/throughput/completed-per-second").asDouble(), Double.parseDouble(q.group(7)), 0.05);
        assertTrue(rep.at("/queue/max-length").asLong() > 0, "a burst makes requests wait: " + rep.path("queue"));
    }

    @Test
    void aDemoWithOtherOptionsTrainsItsOwnNetworksBesideTheEarlierOnes() throws IOException {
        Path out = tmp.resolve("demo");
        CliRun first = CliRun.run("demo", "--quick", "--epochs", "1", "--images", "2", "--out", out.toString());
        assertEquals(0, first.exit(), first.out() + first.err());
        Path firstCkpt = out.resolve(DemoCommand.checkpointName("lenet5", "synthetic", 1, 0));
        assertTrue(Files.isRegularFile(firstCkpt), first.out());
        byte[] kept = Files.readAllBytes(firstCkpt);

        CliRun second = CliRun.run("demo", "--quick", "--epochs", "2", "--images", "2", "--out", out.toString());
        assertEquals(0, second.exit(), second.out() + second.err());
        assertTrue(Files.isRegularFile(out.resolve(DemoCommand.checkpointName("lenet5", "synthetic", 2, 0))), second.out());
        assertArrayEquals(kept, Files.readAllBytes(firstCkpt), "the first demo's networks are left as they were");

        CliRun again = CliRun.run("demo", "--quick", "--epochs", "1", "--images", "2", "--out", out.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("reusing the pre-trained networks in " + firstCkpt), again.out());
    }

    private static Matcher find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no line matching\n" + regex + "\nin\n" + text);
        return m;
    }
}
