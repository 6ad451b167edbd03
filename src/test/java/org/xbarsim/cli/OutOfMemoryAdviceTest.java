package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbarsim.sim.SimulationException;

class OutOfMemoryAdviceTest {
    @Test
    void anOutOfMemoryErrorIsFoundAnywhereInTheCauses() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertTrue(OutOfMemoryAdvice.causedBy(oom));
        assertTrue(OutOfMemoryAdvice.causedBy(new SimulationException("component x failed",
                new IllegalStateException("wrapped", oom))));
        assertFalse(OutOfMemoryAdvice.causedBy(new IllegalStateException("disk full")));
    }

    @Test
    void theMessageGivesTheHeapAndWhatToDoAndTheSimulatingCommandsAlsoHowToSplitTheImages() {
        String sim = OutOfMemoryAdvice.message("simulate", 356L << 20);
        assertTrue(sim.startsWith("out of memory: the Java heap (at most 356 MB) filled up. Give the JVM a larger heap, e.g. "
                + "XBARSIM_JAVA_OPTS=-Xmx16g ./xbarsim simulate ..."), sim);
        assertTrue(sim.contains("run a large set in parts with --first and --images"), sim);
        String train = OutOfMemoryAdvice.message("train", 8L << 30);
        assertTrue(train.contains("(at most 8.0 GB)") && !train.contains("--first"), train);
    }

    @Test
    void aRunThatFailedForLackOfHeapExitsWithThreeAndOneLineNamingTheCommand() throws Exception {
        picocli.CommandLine cl = Main.commandLineFor(new String[] {"simulate"});
        picocli.CommandLine simulate = cl.getSubcommands().get("simulate");
        java.io.StringWriter err = new java.io.StringWriter();
        simulate.setErr(new java.io.PrintWriter(err));
        Exception ex = new SimulationException("component crossbar (id 3) failed at window [0, 4): crossbar ran out of Java heap",
                new org.xbarsim.sim.HeapExhaustedException("crossbar", new OutOfMemoryError("Java heap space")));
        assertEquals(OutOfMemoryAdvice.EXIT_OUT_OF_MEMORY, Main.failed(ex, simulate));
        assertTrue(err.toString().startsWith("xbarsim simulate: out of memory: the Java heap (at most "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        IllegalStateException bug = new IllegalStateException("a bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> Main.failed(bug, simulate)), "a bug keeps its stack trace");
    }
}
