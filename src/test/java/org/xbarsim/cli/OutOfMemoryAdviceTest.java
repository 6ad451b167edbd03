package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.xbarsim.sim.HeapExhaustedException;
import org.xbarsim.sim.SimulationException;
import picocli.CommandLine;

class OutOfMemoryAdviceTest {
    private static final long GB = 1L << 30;

    @Test
    void anOutOfMemoryErrorIsFoundAnywhereInTheCauses() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertTrue(org.xbarsim.OutOfMemory.causedBy(oom));
        assertTrue(org.xbarsim.OutOfMemory.causedBy(new SimulationException("component x failed",
                new IllegalStateException("wrapped", oom))));
        assertFalse(org.xbarsim.OutOfMemory.causedBy(new IllegalStateException("disk full")));
    }

    @Test
    void theAdviceDoublesTheHeapWithinTheMachinesMemory() {
        assertEquals("out of memory: the Java heap (400 MB) filled up. Give the JVM a larger heap, e.g. XBARSIM_JAVA_OPTS=-Xmx1g "
                + "./xbarsim train ... (this machine has 24 GB)", OutOfMemoryAdvice.message("train", 400L << 20, 24 * GB));
        assertTrue(OutOfMemoryAdvice.message("train", 8 * GB, 24 * GB).contains("(8 GB) filled up. Give the JVM a larger heap, "
                + "e.g. XBARSIM_JAVA_OPTS=-Xmx16g"));
        assertTrue(OutOfMemoryAdvice.message("train", 16 * GB, 24 * GB).contains("(16 GB) filled up. The heap is already close to "
                + "this machine's memory (this machine has 24 GB)"));
    }

    @Test
    void withoutACommandTheAdviceNamesOnlyTheOption() {
        assertEquals("the Java heap (8 GB) filled up. Give the JVM a larger heap, e.g. XBARSIM_JAVA_OPTS=-Xmx16g (this machine "
                + "has 24 GB)", org.xbarsim.OutOfMemory.heapAdvice(null, 8 * GB, 24 * GB));
        assertEquals("the Java heap (512 MB) filled up. Give the JVM a larger heap, e.g. XBARSIM_JAVA_OPTS=-Xmx1g",
                org.xbarsim.OutOfMemory.heapAdvice(null, 512L << 20, 0));
    }

    @Test
    void eachSimulatingCommandIsToldItsOwnOptionsForFewerImages() {
        // simulate has --first and --images; compare and demo --images; sweeps and workers the sweep file and --jobs
        assertTrue(OutOfMemoryAdvice.message("simulate", GB, 0).contains("run a large set in parts with --first and --images"));
        for (String c : new String[] {"compare", "demo"}) {
            String m = OutOfMemoryAdvice.message(c, GB, 0);
            assertTrue(m.contains("(--images)") && !m.contains("--first"), m);
        }
        assertTrue(OutOfMemoryAdvice.message("sweep", GB, 0).contains("images.count or run fewer points at once (--jobs), then run "
                + "the failed points again with --retry-failed"));
        assertTrue(OutOfMemoryAdvice.message("worker", GB, 0).contains("images.count"));
        for (String c : new String[] {"replay", "experiment", "train", "eval"}) {
            assertFalse(OutOfMemoryAdvice.message(c, GB, 0).contains("images in flight"), c);
        }
    }

    @Test
    void heapSizesAreReadAsTheJvmReadsThem() {
        assertEquals(8 * GB, org.xbarsim.OutOfMemory.parseSize("8g"));
        assertEquals(400L << 20, org.xbarsim.OutOfMemory.parseSize("400M"));
        assertEquals(1024, org.xbarsim.OutOfMemory.parseSize("1024"));
        assertEquals(-1, org.xbarsim.OutOfMemory.parseSize("lots"));
    }

    @Test
    void aRunThatFailedForLackOfHeapOnAWorkerThreadExitsWithThreeAndOneLine() throws Exception {
        CommandLine cl = Main.commandLineFor(new String[] {"simulate"});
        CommandLine simulate = cl.getSubcommands().get("simulate");
        java.io.StringWriter err = new java.io.StringWriter();
        simulate.setErr(new java.io.PrintWriter(err));
        Exception ex = new SimulationException("component crossbar (id 3) failed at window [0, 4): crossbar ran out of Java heap",
                new HeapExhaustedException("crossbar", new OutOfMemoryError("Java heap space")));
        assertEquals(OutOfMemoryAdvice.EXIT_OUT_OF_MEMORY, Main.failed(ex, simulate));
        assertTrue(err.toString().startsWith("xbarsim simulate: out of memory: the Java heap ("), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        IllegalStateException bug = new IllegalStateException("a bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> Main.failed(bug, simulate)), "a bug keeps its stack trace");
    }

    @CommandLine.Command(name = "hungry")
    static final class Hungry implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void runningOutOfHeapOnTheMainThreadGivesTheSameAdviceAndStatus() {
        CommandLine cl = new CommandLine(new Main()).addSubcommand(new Hungry());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int status = Main.execute(cl, new String[] {"hungry"}, new java.io.PrintStream(bytes, true));
        assertEquals(OutOfMemoryAdvice.EXIT_OUT_OF_MEMORY, status);
        assertTrue(bytes.toString().startsWith("xbarsim hungry: out of memory: the Java heap ("), bytes.toString());
    }
}
