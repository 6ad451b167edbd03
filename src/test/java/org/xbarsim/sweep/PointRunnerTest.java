package org.xbarsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointRunnerTest {
    @TempDir
    Path dir;

    @Test
    void aFileDamagedInTransitIsRefusedByItsDigest() throws Exception {
        SweepPlan plan = SweepPlan.load(SweepFixtures.tinySweep(dir, "digest"));
        PointWork ok = SweepRun.work(plan.sweep(), plan.points().get(2), new java.util.HashMap<>(), dir.resolve("out/points/p002"));
        byte[] model = Files.readAllBytes(SweepFixtures.TINY);
        model[model.length / 2] ^= 1;
        ShippedFile damaged = new ShippedFile(ok.model().name(), model, ok.model().sha256());
        PointWork bad = new PointWork(ok.sweep(), ok.id(), ok.config(), damaged, null, ok.dataset(), ok.dataDir(), ok.first(),
                ok.images(), ok.idealAdc(), ok.modelPath(), null, ok.folder());
        PointOutcome o = PointRunner.simulation().run(bad);
        assertFalse(o.ok());
        assertTrue(o.error().contains("tiny.json: SHA-256") && o.error().contains("damaged in transit"), o.error());
        assertThrows(IllegalArgumentException.class, () -> ShippedFile.of("../escape.json", new byte[1]));
    }

    @Test
    void aPointRunsFromTheFilesItCarriesAlone() throws Exception {
        SweepPlan plan = SweepPlan.load(SweepFixtures.tinySweep(dir, "alone"));
        PointWork w = SweepRun.work(plan.sweep(), plan.points().get(3), new java.util.HashMap<>(), dir.resolve("out/points/p003"));
        assertEquals("point.conf", w.config().name());
        assertFalse(new String(w.config().bytes(), StandardCharsets.UTF_8).contains("base"), "the config names no base file");
        PointOutcome o = PointRunner.simulation().run(w);
        assertTrue(o.ok(), o.error());
        assertEquals(java.util.List.of("log.txt", "outputs.jsonl", "report.json", "report.md", "run-info.json", "run.json"),
                o.files().stream().map(ShippedFile::name).toList());
        String log = new String(o.files().get(0).bytes(), StandardCharsets.UTF_8);
        assertTrue(log.contains("wrote points/" + w.id() + "/{report.json") && !log.contains("xbarsim-point-"), log);
        // run.json names the sweep's model and the point folder's point.conf, not the scratch copies
        String run = new String(o.files().get(5).bytes(), StandardCharsets.UTF_8);
        assertTrue(run.contains("\"path\": \"" + SweepFixtures.TINY.normalize() + "\"")
                && run.contains("\"path\": \"" + dir.resolve("out/points/p003/point.conf").toAbsolutePath().normalize() + "\"")
                && !run.contains("xbarsim-point-"), run);
    }

    @Test
    void aPointOutOfHeapIsToldTheHeapOfTheJvmThatRanItAndToRetry() {
        String m = PointRunner.outOfHeap();
        assertTrue(m.startsWith("out of memory while simulating this point: the Java heap ("), m);
        long larger = Math.max(1, (2 * org.xbarsim.OutOfMemory.heapBytes() + (1L << 30) - 1) >> 30);
        assertTrue(m.contains("-Xmx" + larger + "g") || m.contains("already close to this machine's memory"), m);
        assertFalse(m.contains("./xbarsim"), "the point may have run on a worker: no command is named; " + m);
        assertTrue(m.endsWith("then run the failed points again with --retry-failed"), m);
    }
}
