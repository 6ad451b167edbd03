package org.xbarsim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.Limits;
import org.xbarsim.UserInputException;

/** Bounds on what a user or a file can set: sizes, special files, thread counts; and progress lines. */
class InputBoundsTest {
    @TempDir
    Path dir;

    @Test
    void specialFilesFoldersAndOversizedFilesAreRefusedBeforeReading() throws Exception {
        assertTrue(message(Path.of("/dev/zero"), 100).contains("/dev/zero: not a regular file"));
        assertTrue(message(dir, 100).contains("is a folder"));
        assertTrue(message(dir.resolve("missing.json"), 100).contains("no such file"));
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(101);
        }
        assertEquals(big + ": 101 bytes, more than the 100 bytes a model file may have", message(big, 100));
        Path ok = Files.writeString(dir.resolve("ok.json"), "{}");
        assertEquals(2, InputFiles.check(ok, "model file", 100));
        assertEquals(2, InputFiles.check(ok, "model file", 2), "the limit itself is allowed");
    }

    @Test
    void aWholeFileIsReadInChunksWhateverItsSizeAndAFileWithoutASizeToItsEnd() throws Exception {
        java.util.Random rnd = new java.util.Random(3);
        for (int size : new int[] {0, 1, InputFiles.CHUNK_BYTES - 1, InputFiles.CHUNK_BYTES, 3 * InputFiles.CHUNK_BYTES + 17}) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Path f = Files.write(dir.resolve("f" + size), data);
            assertTrue(java.util.Arrays.equals(data, InputFiles.readAll(f, size)), "size " + size);
        }
        Path f = Files.write(dir.resolve("limit"), new byte[10]);
        assertTrue(assertThrows(java.io.IOException.class, () -> InputFiles.readAll(f, 9)).getMessage()
                .contains("10 bytes, more than the 9 bytes"));
        // a file that gives its size as 0 but has content (Linux's /proc): read to its end, as it grows
        Path status = Path.of("/proc/self/status");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(status) && Files.size(status) == 0);
        String text = new String(InputFiles.readAll(status, 1 << 20), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Name:") && text.contains("\nPid:") && text.endsWith("\n"), text);
        assertTrue(assertThrows(java.io.IOException.class, () -> InputFiles.readAll(status, 16)).getMessage()
                .contains("grew past 16 bytes"));
    }

    private static String message(Path p, long limit) {
        return assertThrows(UserInputException.class, () -> InputFiles.check(p, "model file", limit)).getMessage();
    }

    @Test
    void sizesReadWell() {
        assertEquals("17 bytes", InputFiles.bytes(17));
        assertEquals("1 KiB", InputFiles.bytes(1024));
        assertEquals("1.5 KiB", InputFiles.bytes(1536));
        assertEquals("512 MiB", InputFiles.bytes(InputFiles.MAX_MODEL_BYTES));
    }

    @Test
    void threadCountsAreBoundedWithoutStartingAnyThread() {
        int before = Thread.activeCount();
        for (int bad : new int[] {0, -1, Limits.MAX_THREADS + 1, 100_000}) {
            UserInputException e = assertThrows(UserInputException.class, () -> Limits.threads(bad, "--threads"));
            assertTrue(e.getMessage().startsWith("--threads " + bad + ": must be between 1 and " + Limits.MAX_THREADS),
                    e.getMessage());
        }
        assertEquals(1, Limits.threads(1, "--threads"));
        assertEquals(Limits.MAX_THREADS, Limits.threads(Limits.MAX_THREADS, "--threads"));
        int dflt = Limits.threads(null, "--threads");
        assertTrue(dflt >= 1 && dflt <= Limits.MAX_THREADS);
        assertTrue(Thread.activeCount() <= before + 1, "no threads started");
    }

    @Test
    void aSimulationLeavesOneProcessorToTheJitAndCollectorUnlessAskedOtherwise() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, Math.min(Limits.MAX_THREADS, processors - 1)), Limits.simulationThreads(null, "--threads"));
        assertEquals(Limits.defaultSimulationThreads(), Limits.simulationThreads(null, "--threads"));
        assertEquals(3, Limits.simulationThreads(3, "--threads"), "a requested count is kept, even above the default");
        UserInputException e = assertThrows(UserInputException.class, () -> Limits.simulationThreads(0, "--threads"));
        assertTrue(e.getMessage().startsWith("--threads 0: must be between 1 and " + Limits.MAX_THREADS), e.getMessage());
    }

    @Test
    void withoutATerminalProgressIsPlainLinesAtAnInterval() {
        StringWriter w = new StringWriter();
        ProgressOutput p = new ProgressOutput(new PrintWriter(w), ProgressOutput.Style.LINES, 60_000_000_000L);
        p.show("first", false);
        p.show("too soon", false);
        p.show("forced", true);
        p.clear();
        String nl = System.lineSeparator();
        assertEquals("first" + nl + "forced" + nl, w.toString(), "no carriage returns or escape codes in a log");
        StringWriter off = new StringWriter();
        new ProgressOutput(new PrintWriter(off), ProgressOutput.Style.OFF).show("x", true);
        assertEquals("", off.toString());
    }

    @Test
    void progressLinesSayPhasePercentAndTimeLeft() {
        assertEquals("simulate:  25% (1/4 images), 30s left", ProgressOutput.line("simulate", 1, 4, "images", 10));
        assertEquals("train: 100% (4/4 batches), took 1m05s", ProgressOutput.line("train", 4, 4, "batches", 65));
        assertEquals("eval:   0% (0/9 images)", ProgressOutput.line("eval", 0, 9, "images", 3));
        assertEquals("2h01m", ProgressOutput.clock(7260));
    }

    @Test
    void bundledFilesAreFoundFromAnyFolder() {
        Path typed = Path.of("sim-configs/no-such-preset.conf");
        assertEquals(typed, Installation.resolveBundled(typed), "what does not exist anywhere stays as typed");
        Path home = Installation.home().orElseThrow();
        assertTrue(Files.isDirectory(home.resolve("sim-configs")));
        String saved = System.getProperty(Installation.PROPERTY);
        try {
            System.setProperty(Installation.PROPERTY, home.toString());
            Path isaac = Path.of("sim-configs/isaac.conf");
            Path resolved = Installation.resolveBundled(isaac);
            assertTrue(Files.isRegularFile(resolved), resolved.toString());
        } finally {
            if (saved == null) {
                System.clearProperty(Installation.PROPERTY);
            } else {
                System.setProperty(Installation.PROPERTY, saved);
            }
        }
    }
}
