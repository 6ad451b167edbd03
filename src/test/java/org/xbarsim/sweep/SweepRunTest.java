package org.xbarsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.RunDirectory;
import org.xbarsim.report.RunRecord;
import org.xbarsim.run.RunVerification;

/** Local sweeps of the tiny model: failing points, resume after a kill, the same table whatever the jobs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepRunTest {
    @TempDir
    static Path dir;
    private Path sweep;
    private Path reference;
    private SweepRun.Result first;

    @BeforeAll
    void runOnceWithTwoJobs() throws Exception {
        sweep = SweepFixtures.tinySweep(dir, "tiny");
        reference = dir.resolve("reference");
        first = run(reference, 2, PointRunner.simulation());
    }

    private SweepRun.Result run(Path out, int jobs, PointRunner runner) {
        return new SweepRun(sweep, out).run(plan -> new LocalExecutor(jobs, runner), new PrintWriter(new StringWriter()));
    }

    @Test
    void aFailingPointIsRecordedWithItsErrorAndTheOthersComplete() throws Exception {
        assertEquals(6, first.ran());
        assertEquals(2, first.failed());
        assertEquals(List.of("p000=failed", "p001=failed", "p002=ok", "p003=ok", "p004=ok", "p005=ok"),
                statuses(reference.resolve(SweepRun.SUMMARY_JSON)));
        String csv = Files.readString(reference.resolve(SweepRun.SUMMARY_CSV));
        String[] rows = csv.split("\n");
        assertTrue(rows[0].startsWith("point,model,tiles,adc.bits,status,crossbars,"), rows[0]);
        // the error names the sweep's model file and the point's own config, files that stay
        assertTrue(rows[1].startsWith("p000,tiny,1,6,failed,,") && rows[1].contains("does not fit the chip")
                && rows[1].contains(SweepFixtures.TINY.normalize() + " cannot be mapped onto points/p000/point.conf"), rows[1]);
        assertTrue(rows[1].matches(".*does not fit the chip \\([^)]*\\): [^;].*") && !rows[1].contains(":;"), rows[1]);
        assertTrue(rows[3].startsWith("p002,tiny,10,6,ok,75,"), rows[3]);
        // an error names no scratch folder, so the table reads the same on every run
        assertTrue(!csv.contains("xbarsim-point-"), csv);
        String point = Files.readString(reference.resolve("points/p000/point.json"));
        assertTrue(point.contains("\"status\": \"failed\"") && point.contains("does not fit"), point);
        assertTrue(Files.isRegularFile(reference.resolve("points/p002/report.json")));
        assertTrue(Files.isRegularFile(reference.resolve("points/p002/point.conf")));
        assertTrue(!Files.exists(reference.resolve("points/p002/trace.xbt")), "traces are left out of sweeps");
        assertTrue(Files.readString(reference.resolve(SweepRun.SUMMARY_JSON)).contains("\"axes\": [ [ \"model\" ], [ \"tiles\" ], [ \"adc.bits\" ] ]"));
        // summary.json keeps the sweep file's types, so jq and scripts compare numbers as numbers
        com.fasterxml.jackson.databind.JsonNode values = org.xbarsim.report.ReportJson.readTree(reference.resolve(SweepRun.SUMMARY_JSON))
                .at("/points/2/values");
        assertTrue(values.get("tiles").isInt() && values.get("tiles").asInt() == 10 && values.get("adc.bits").isInt()
                && values.get("model").isTextual(), values.toString());
        assertEquals(2, org.xbarsim.report.ReportJson.readTree(reference.resolve(SweepRun.SUMMARY_JSON)).path("version").asInt());
        String html = Files.readString(reference.resolve(SweepRun.SUMMARY_HTML));
        assertTrue(html.contains("echarts.init(document.getElementById('pareto'))") && html.contains("<td>p005</td>"));
    }

    @Test
    void aPointsRunJsonNamesTheSweepsFilesSoReplayVerifiesIt() {
        Path p002 = reference.resolve("points/p002").toAbsolutePath().normalize();
        RunRecord r = RunRecord.read(p002);
        assertEquals(SweepFixtures.TINY.normalize().toString(), r.model().path(), "the model as the sweep file names it");
        assertEquals(p002.resolve("point.conf").toString(), r.config().path(), "the point's own config");
        RunVerification.Verdict v = new RunVerification(p002).run(new PrintWriter(Writer.nullWriter()));
        assertTrue(v.verified(), v.difference());
        assertEquals(List.of("outputs.jsonl", "report.json", "report.md", "run.json"), v.files(),
                "the run's files: not the point's own, and no trace (a point keeps none)");
    }

    @Test
    void aPointKeepsNoTraceAndItsLogSaysHowToGetOne() throws Exception {
        Path p002 = reference.resolve("points/p002").toAbsolutePath().normalize();
        String log = Files.readString(p002.resolve("log.txt"));
        assertTrue(log.contains("wrote points/p002/{report.json, report.md, run.json, run-info.json, outputs.jsonl}\n"), log);
        assertTrue(log.contains("a sweep point keeps no trace; to get the trace of points/p002/, run: ./xbarsim simulate --model "
                + SweepFixtures.TINY.normalize() + " --config " + p002.resolve("point.conf") + " --dataset synthetic --split test"
                + " --first 0 --images 1 --out p002-trace"), log);
        UserInputException e = assertThrows(UserInputException.class, () -> RunDirectory.open(p002));
        assertTrue(e.getMessage().contains("a sweep's point, which keeps no trace") && e.getMessage().contains(
                "run the point again with simulate: ./xbarsim simulate --model " + SweepFixtures.TINY.normalize()), e.getMessage());
        // a failed point has its log too, ending with its error
        String failed = Files.readString(reference.resolve("points/p000/log.txt"));
        assertTrue(failed.startsWith("point p000 failed: " + SweepFixtures.TINY.normalize() + " cannot be mapped"), failed);
        e = assertThrows(UserInputException.class, () -> RunDirectory.open(reference.resolve("points/p000")));
        assertTrue(e.getMessage().contains("this one failed, so it has no run to repeat"), e.getMessage());
    }

    @Test
    void pointFoldersASweepNoLongerHasAreNamedAndLeftAlone() throws Exception {
        // found by a user trial: a sweep file cut to fewer points left the others' folders without a word
        Path out = dir.resolve("shrunk");
        copy(reference, out);
        Path fewer = SweepFixtures.write(dir.resolve("fewer/tiny.conf"), Files.readString(sweep).replace("[1, 10, 12]", "[1, 10]"));
        StringWriter err = new StringWriter();
        SweepRun.Result r = new SweepRun(fewer, out).run(plan -> new LocalExecutor(1, w ->
                PointOutcome.failed(w.id(), "not run: every point finished earlier")), new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(0, r.ran(), "the four points left have the same values and digests");
        assertTrue(err.toString().contains("note: " + out.resolve("points") + " holds 2 point folder(s) this sweep no longer has"
                + " (p004, p005; the sweep file has fewer points now): left as they are, and not in the summary"), err.toString());
        assertTrue(Files.isRegularFile(out.resolve("points/p005/report.json")));
        assertEquals(List.of("p000=failed", "p001=failed", "p002=ok", "p003=ok"), statuses(out.resolve(SweepRun.SUMMARY_JSON)));
    }

    @Test
    void aFinishedSweepWithItsSummariesIsReplacedWithForce() throws Exception {
        Path out = dir.resolve("forced");
        copy(reference, out);
        SweepRun.Result again = new SweepRun(sweep, out).force(true).run(plan -> new LocalExecutor(1, w ->
                PointOutcome.failed(w.id(), "not run: only the replacement is tested")), new PrintWriter(new StringWriter()));
        assertEquals(6, again.ran(), "every point ran again in the new folder");
        assertTrue(Files.isRegularFile(out.resolve(SweepRun.SUMMARY_CSV)));
        String marker = Files.readString(out.resolve(OutputDirectory.MARKER));
        for (String summary : List.of(SweepRun.SUMMARY_CSV, SweepRun.SUMMARY_JSON, SweepRun.SUMMARY_HTML)) {
            assertTrue(marker.contains("\"" + summary + "\""), marker);
        }
    }

    @Test
    void aResumedSweepRunsOnlyWhatIsMissingAndWritesTheSameTable() throws Exception {
        Path out = dir.resolve("resumed");
        copy(reference, out);
        // a kill: one point folder never committed (only a partial left beside it), one folder from another plan
        OutputDirectory.deleteTree(out.resolve("points/p003"));
        Files.createDirectories(out.resolve("points/.p003.partial-killed"));
        Files.writeString(out.resolve("points/.p003.partial-killed/" + OutputDirectory.MARKER), "{\"format\": \"xbarsim-output\","
                + " \"version\": 1}\n"); // every partial gets the marker when it is made
        Files.writeString(out.resolve("points/.p003.partial-killed/report.json"), "{");
        Path p004 = out.resolve("points/p004/point.json");
        Files.writeString(p004, Files.readString(p004).replaceAll("\"digest\": \"[0-9a-f]+\"", "\"digest\": \"stale\""));
        Files.delete(out.resolve(SweepRun.SUMMARY_CSV));
        AtomicInteger ran = new AtomicInteger();
        SweepRun.Result r = run(out, 1, w -> {
            ran.incrementAndGet();
            return PointRunner.simulation().run(w);
        });
        assertEquals(2, r.ran());
        assertEquals(2, ran.get());
        assertEquals(4, r.alreadyDone(), "the failed points count as finished");
        assertTrue(!Files.exists(out.resolve("points/.p003.partial-killed")), "the partial is cleaned up");
        for (String f : List.of(SweepRun.SUMMARY_CSV, SweepRun.SUMMARY_JSON, SweepRun.SUMMARY_HTML)) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
        // --retry-failed runs the failed points again, which fail again the same way
        SweepRun.Result retry = new SweepRun(sweep, out).retryFailed(true)
                .run(plan -> new LocalExecutor(2, PointRunner.simulation()), new PrintWriter(new StringWriter()));
        assertEquals(2, retry.ran());
        assertArrayEquals(Files.readAllBytes(reference.resolve(SweepRun.SUMMARY_CSV)), Files.readAllBytes(out.resolve(SweepRun.SUMMARY_CSV)));
    }

    @Test
    void oneJobGivesTheSameTableAsTwo() throws Exception {
        Path out = dir.resolve("one-job");
        run(out, 1, PointRunner.simulation());
        for (String f : List.of(SweepRun.SUMMARY_CSV, SweepRun.SUMMARY_JSON)) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
    }

    @Test
    void refusesAFolderOfAnotherSweepOrOneXbarsimDidNotMake() throws Exception {
        Path other = SweepFixtures.tinySweep(dir.resolve("other"), "other");
        UserInputException e = assertThrows(UserInputException.class, () -> new SweepRun(other, reference)
                .run(plan -> new LocalExecutor(1, PointRunner.simulation()), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("holds the points of sweep 'tiny', not 'other'"), e.getMessage());
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        e = assertThrows(UserInputException.class, () -> new SweepRun(sweep, mine).force(true)
                .run(plan -> new LocalExecutor(1, PointRunner.simulation()), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("not made by xbarsim"), e.getMessage());
        assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
    }

    /** "id=status" of each row of a summary.json. */
    private static List<String> statuses(Path summaryJson) {
        var n = org.xbarsim.report.ReportJson.readTree(summaryJson);
        assertEquals(SweepSummary.FORMAT, n.path("format").asText());
        List<String> out = new java.util.ArrayList<>();
        n.path("points").forEach(p -> out.add(p.path("id").asText() + "=" + p.path("status").asText()));
        return out;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
