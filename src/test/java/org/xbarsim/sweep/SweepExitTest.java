package org.xbarsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A sweep stopped by a signal (Ctrl-C, kill) while a point runs: a child JVM is sent SIGTERM. */
class SweepExitTest {
    @TempDir
    Path dir;

    /** Child JVM: runs a one-point sweep {@code args[0]} (1,000 images, several seconds) into {@code args[1]}. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path sweep = SweepFixtures.write(Path.of(args[0]), """
                    version = 1
                    name = "stopped"
                    chip = "%s"
                    models = [ { name = "tiny", model = "%s" } ]
                    images { dataset = "synthetic", first = 0, count = 1000 }
                    axes = [ { key = "chip.tiles", values = [10] } ]
                    """.formatted(SweepFixtures.SMALL, SweepFixtures.TINY));
            new SweepRun(sweep, Path.of(args[1])).run(plan -> new LocalExecutor(1, PointRunner.simulation()),
                    new PrintWriter(System.err, true));
        }
    }

    /** The entries of the child's temporary folder that its points' scratch folder made (ScratchFolder). */
    private static List<String> scratch(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("xbarsim-sweep-")).sorted().toList();
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a point that never starts fails, not hangs
    void aStoppedSweepLeavesNoScratchFolderAndSaysHowToResume() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), dir.resolve("stopped.conf").toString(), dir.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            while (scratch(tmp).isEmpty()) { // the point is running from its scratch folder
                assertTrue(p.isAlive(), () -> "the child ended before its point ran: " + read(dir.resolve("child.log")));
                Thread.sleep(50);
            }
            Thread.sleep(300);
            assertTrue(p.isAlive(), "the point is still running when the sweep is stopped");
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child exits on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), scratch(tmp), "no scratch folder (or its lock) left");
        String log = read(dir.resolve("child.log"));
        assertTrue(log.contains("sweep stopped stopped: 0 of 1 points finished; run the same command again to run the other 1"), log);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
