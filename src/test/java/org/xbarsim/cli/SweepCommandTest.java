package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.sweep.SweepFixtures;

/** sweep's command line: where its lines go; a refused command leaves nothing behind. */
class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void theClosingLineIsOnStandardOutputAndThePlanOnStandardErrorUnlessQuiet() throws Exception {
        Path sweep = SweepFixtures.tinySweep(dir, "streams");
        Path out = dir.resolve("out");
        CliRun r = CliRun.run("sweep", "--sweep", sweep.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(1, r.exit(), "the fixture's two one-tile points fail: " + r.err());
        assertTrue(r.out().matches("(?s)sweep streams: 4 ok, 2 failed, 0 missing; wrote .*summary\\.csv.*"), r.out());
        assertTrue(r.err().matches("(?s)sweep streams: 6 points .* 6 to run.*"), r.err());
        assertFalse(r.err().contains(" ok, "), r.err());
        CliRun quiet = CliRun.run("sweep", "--sweep", sweep.toString(), "--out", out.toString(), "--quiet", "--retry-failed");
        assertEquals(1, quiet.exit(), quiet.err());
        assertEquals("", quiet.err(), "--quiet: no plan, no progress");
        assertTrue(quiet.out().matches("(?s)sweep streams: 4 ok, 2 failed, 0 missing; wrote .*"), quiet.out());
    }

    @Test
    void aMissingOrBrokenPekkoSettingsFileIsRefusedBeforeTheSweepFolderIsMade() throws Exception {
        Path sweep = SweepFixtures.tinySweep(dir, "pekko-check");
        Path broken = SweepFixtures.write(dir.resolve("broken.conf"), "pekko { actor { provider = cluster\n");
        for (Path settings : new Path[] {dir.resolve("no-such.conf"), broken}) {
            Path out = dir.resolve("out-" + settings.getFileName());
            CliRun r = CliRun.run("sweep", "--sweep", sweep.toString(), "--out", out.toString(), "--quiet", "--cluster",
                    "--bind", "127.0.0.1:0", "--pekko-config", settings.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(settings.getFileName().toString()), r.err());
            assertFalse(Files.exists(out), "no sweep folder for a refused command: " + r.err());
        }
    }

    @Test
    void imagesPastTheDataSetAreRefusedBeforeAnyPointRuns() throws Exception {
        Path tiny = SweepFixtures.tinySweep(dir, "far");
        Path sweep = SweepFixtures.write(dir.resolve("far2.conf"), Files.readString(tiny).replace("first = 0", "first = 2147483647"));
        Path out = dir.resolve("out-far");
        CliRun r = CliRun.run("sweep", "--sweep", sweep.toString(), "--out", out.toString(), "--quiet", "--jobs", "1");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().matches("(?s).*far2\\.conf: images \\{ first = 2147483647, count = 1 \\}: images 2147483647\\.\\.2147483647 of "
                + "data set synthetic \\(test\\), which has \\d+ images, numbered 0\\.\\.\\d+.*"), r.err());
        assertFalse(Files.exists(out), "refused before the sweep folder is made");
    }

    @Test
    void aDataSetThatIsNotThereIsNamedByTheSweepFilesKeys() throws Exception {
        Path tiny = SweepFixtures.tinySweep(dir, "nodata");
        Path sweep = SweepFixtures.write(dir.resolve("nodata2.conf"),
                Files.readString(tiny).replace("dataset = \"synthetic\"", "dataset = \"mnist\""));
        CliRun r = CliRun.run("sweep", "--sweep", sweep.toString(), "--out", dir.resolve("out-nodata").toString(), "--quiet",
                "--jobs", "1");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("nodata2.conf: images: images.dataset mnist: no folder given")
                && r.err().contains("images.data-dir") && !r.err().contains("--data-dir"), r.err());
    }
}
