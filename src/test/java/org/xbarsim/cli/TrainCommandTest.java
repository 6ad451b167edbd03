package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command's argument errors: exit status 2, a message naming the option, no files written. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter err = new StringWriter();
        var cl = Main.newCommandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void unknownArchitecture() {
        String[] r = run("train", "--arch", "resnet", "--crossbar-budget", "10", "--out", dir.resolve("m").toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--arch resnet: unknown architecture"), r[1]);
    }

    @Test
    void badEncodingAndGeometry() {
        String[] r = run("train", "--encoding", "twos", "--crossbar-budget", "10");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--encoding twos"), r[1]);
        r = run("train", "--bits-per-cell", "0", "--crossbar-budget", "10");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("bits per cell = 0"), r[1]);
    }

    @Test
    void badCompressionSettings() {
        String[] r = run("train", "--distill-alpha", "1.5", "--crossbar-budget", "10");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--distill-alpha 1.5: must be in [0, 1]"), r[1]);
        r = run("train", "--prune-from", "scratch", "--crossbar-budget", "10");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--prune-from scratch: must be baseline or pretrained"), r[1]);
        r = run("train", "--allocation", "even", "--crossbar-budget", "10");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--allocation even: unknown allocation 'even' (sqrt, energy or loss)"), r[1]);
        r = run("train", "--distill-temperature", "0", "--crossbar-budget", "10");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--distill-temperature 0.0: must be > 0"), r[1]);
    }

    @Test
    void missingChipConfigNamesTheFile() {
        String[] r = run("train", "--chip", dir.resolve("none.conf").toString(), "--crossbar-budget", "10");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("none.conf"), r[1]);
    }

    @Test
    void missingDataNamesTheFolder() throws Exception {
        String[] r = run("train", "--dataset", "mnist", "--data-dir", dir.resolve("nowhere").toString(),
                "--crossbar-budget", "10", "--out", dir.resolve("m").toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("nowhere"), r[1]);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }
}
