package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.report.OutputDirectory;

/**
 * A simulation killed with {@code kill -9} leaves no half-written output, only its hidden partial
 * folder; the next run into the same place removes that leftover, says so, and succeeds.
 */
class KilledRunTest {
    @TempDir
    Path work;

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".run.partial-")).sorted().toList();
        }
    }

    @Test
    void theNextRunRemovesWhatAKilledRunLeft() throws Exception {
        ModelFile.write(work.resolve("m.json"), RandomModels.lenet5(3));
        List<String> args = List.of("simulate", "--model", "m.json", "--config", "sim-configs/isaac.conf",
                "--dataset", "synthetic", "--images", "400", "--quiet", "--out", "run");
        Path out = Files.createTempFile("killed", ".out");
        Path err = Files.createTempFile("killed", ".err");
        Process p = XbarsimProcess.in(work).start(args, out, err);
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            // kill it once it has started writing its output (its partial folder holds the trace)
            while (p.isAlive() && System.nanoTime() < deadline
                    && leftovers().stream().noneMatch(d -> Files.exists(d.resolve("trace.xbt")))) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the run was still going when killed; stderr: " + Files.readString(err));
            p.destroyForcibly().waitFor();
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
        assertFalse(Files.exists(work.resolve("run")), "no half-written output");
        List<Path> left = leftovers().stream().filter(Files::isDirectory).toList();
        assertEquals(1, left.size(), "the killed run's partial folder: " + left);

        XbarsimProcess.Result again = XbarsimProcess.in(work).run(List.of("simulate", "--model", "m.json", "--config",
                "sim-configs/isaac.conf", "--dataset", "synthetic", "--images", "1", "--quiet", "--out", "run"), 120);
        assertEquals(0, again.exit(), again.stderr());
        assertTrue(again.stderr().contains("removed " + left.get(0)) && again.stderr().contains("did not finish"),
                again.stderr());
        assertEquals(List.of(), leftovers(), "no leftover and no lock file remain");
        assertTrue(Files.isRegularFile(work.resolve("run").resolve(OutputDirectory.MARKER)));
        assertTrue(Files.isRegularFile(work.resolve("run/report.json")));
    }
}
