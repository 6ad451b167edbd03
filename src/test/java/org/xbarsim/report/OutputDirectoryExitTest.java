package org.xbarsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a run stopped by a signal (Ctrl-C, kill) leaves beside its output folder: a child JVM is sent SIGTERM. */
class OutputDirectoryExitTest {
    @TempDir
    Path dir;

    /** Child JVM: prepares {@code args[0]}, writes a file, commits when {@code args[1]} says so, then waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            OutputDirectory out = OutputDirectory.prepare(Path.of(args[0]));
            Files.writeString(out.resolve("trace.xbt"), "x".repeat(1 << 16));
            if (args[1].equals("commit")) {
                out.commit();
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    private List<String> stoppedBySignal(Path target, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                target.toString(), mode).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("ready")) {
                // the JVM's own start-up lines, if any
            }
            assertEquals("ready", line, "the child prepared its output");
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child exits on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a child that never says "ready" fails, not hangs
    void anUnfinishedOutputIsDeletedWhenTheRunIsStopped() throws Exception {
        assertEquals(List.of(), stoppedBySignal(dir.resolve("run"), "unfinished"), "no .run.partial-* folder or lock left");
    }

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCommittedOutputStaysWhenTheRunIsStoppedAfterwards() throws Exception {
        assertEquals(List.of("run"), stoppedBySignal(dir.resolve("run"), "commit"));
        assertTrue(Files.isRegularFile(dir.resolve("run/trace.xbt")));
    }
}
