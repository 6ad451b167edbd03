package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/** The kernel's argument checks, the directory's, and how a failing sink or component ends a run. */
class KernelChecksTest {
    @Test
    void theWindowWidthAndTheThreadCountMustBeAtLeastOne() {
        assertEquals(1, new Kernel(1).minLatencyCycles());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> new Kernel(0));
        assertEquals("minimum message latency = 0 cycles: must be >= 1", width.getMessage());
        Kernel k = new Kernel(1);
        Address<String> a = k.reserve("a");
        k.define(a, (m, ctx) -> { });
        k.seed(a, 0, "go");
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> k.run(0));
        assertEquals("threads = 0: must be >= 1", threads.getMessage());
        assertEquals(1, k.run(1).events());
    }

    @Test
    void aComponentIsDefinedOnceAndNamedByItsId() {
        Kernel k = new Kernel(2);
        Address<String> a = k.reserve("adc");
        Address<String> b = k.reserve("shift-add");
        assertEquals(2, k.components());
        assertEquals("shift-add", k.name(b.id()));
        k.define(a, (m, ctx) -> { });
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> k.define(a, (m, ctx) -> { }));
        assertEquals("component adc is already defined", twice.getMessage());
    }

    @Test
    void theDirectoryTakesIdsInOrderAndNamesTheEnvironment() {
        Directory d = new Directory();
        d.register(0, "a", TestInbox.<ComponentShell.Command>create().getRef());
        IllegalStateException gap = assertThrows(IllegalStateException.class,
                () -> d.register(2, "c", TestInbox.<ComponentShell.Command>create().getRef()));
        assertEquals("component 2 registered out of order (expected 1)", gap.getMessage());
        assertEquals(1, d.size());
        assertEquals("a", d.name(0));
        assertEquals("environment", d.name(Kernel.ENVIRONMENT));
    }

    @Test
    void aSinkThatThrowsEndsTheRunWithItsError() {
        Kernel k = new Kernel(1);
        Address<String> a = k.reserve("a");
        k.define(a, (m, ctx) -> ctx.record(1, ctx.now(), 0, 1, -1, -1));
        k.seed(a, 0, "go");
        IllegalStateException boom = new IllegalStateException("disk full");
        k.sink((s, e, list) -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> k.run(1)));
    }

    @Test
    void aFailingComponentIsNamedWithItsIdAndTheWindow() {
        Kernel k = new Kernel(3);
        k.reserve("first");
        Address<String> a = k.reserve("adc");
        k.define(new Address<String>(0, "first"), (m, ctx) -> { });
        k.define(a, (m, ctx) -> {
            throw new IllegalArgumentException("bad sum");
        });
        k.seed(a, 7, "go");
        SimulationException e = assertThrows(SimulationException.class, () -> k.run(1));
        assertEquals("component adc (id 1) failed at window [7, 10): bad sum", e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void aComponentOutOfHeapEndsTheRunWithAnErrorInsteadOfEndingTheJvm() {
        // before, Pekko treated the error as fatal and called System.exit: the caller never heard of it
        Kernel k = new Kernel(2);
        Address<String> a = k.reserve("crossbar");
        k.define(a, (m, ctx) -> {
            throw new OutOfMemoryError("Java heap space");
        });
        k.seed(a, 4, "go");
        SimulationException e = assertThrows(SimulationException.class, () -> k.run(2));
        assertEquals("component crossbar (id 0) failed at window [4, 6): crossbar ran out of Java heap",
                e.getMessage());
        assertTrue(e.getCause() instanceof HeapExhaustedException && e.getCause().getCause() instanceof OutOfMemoryError);
    }

    @Test
    void anErrorPekkoWouldStopTheActorForEndsTheRunInsteadOfLeavingItWaiting() {
        // Pekko counts a StackOverflowError as non-fatal: it stopped the component and the run hung
        Kernel k = new Kernel(1);
        Address<String> a = k.reserve("deep");
        k.define(a, (m, ctx) -> {
            throw new StackOverflowError("too deep");
        });
        k.seed(a, 0, "go");
        SimulationException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> assertThrows(SimulationException.class, () -> k.run(1)));
        assertEquals("component deep (id 0) failed at window [0, 1): java.lang.StackOverflowError: too deep", e.getMessage());
    }

    @Test
    void aSystemThatStopsBeforeTheRunIsDoneFailsTheRun() throws Exception {
        // whatever stops the system before the run is done, the run fails instead of waiting forever
        java.util.concurrent.CompletableFuture<String> done = new java.util.concurrent.CompletableFuture<>();
        KernelSystem system = KernelSystem.start(1);
        system.failWhenStopped(done);
        system.close();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> done.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("the actor system stopped before the simulation finished"));
        java.util.concurrent.CompletableFuture<String> finished = java.util.concurrent.CompletableFuture.completedFuture("ok");
        KernelSystem second = KernelSystem.start(1);
        second.failWhenStopped(finished);
        second.close();
        assertEquals("ok", finished.get(), "a finished run keeps its result");
    }

    @Test
    void aSpawnThatFailsStopsTheSystemAndTheRunIsToldWhy() throws Exception {
        java.util.concurrent.CompletableFuture<String> done = new java.util.concurrent.CompletableFuture<>();
        try (KernelSystem system = KernelSystem.start(1)) {
            system.failWhenStopped(done);
            system.launch(ctx -> {
                throw new IllegalStateException("no such component class");
            });
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> done.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("the actor system stopped before the simulation finished: spawning the simulation's actors failed: "
                    + "java.lang.IllegalStateException: no such component class", e.getCause().getMessage());
            assertTrue(e.getCause().getCause() instanceof IllegalStateException);
        }
    }

    @Test
    void theOutcomeCountsOnlyWindowsWithEventsTowardsTheLastEventCycle() {
        Kernel k = new Kernel(5);
        Address<String> a = k.reserve("a");
        Address<String> b = k.reserve("b");
        // a runs at 3 and sends to b at 20; b runs then; both seeded, b also at 0
        k.define(a, (m, ctx) -> ctx.send(b, 20, "hi"));
        k.define(b, (m, ctx) -> { });
        k.seed(a, 3, "go");
        k.seed(b, 0, "wake");
        Coordinator.Outcome o = k.run(2);
        assertEquals(3, o.events());
        assertEquals(20, o.lastEventCycle());
        assertEquals(3, o.messages());
        assertEquals(2, o.windows(), "[0, 5) holds both seeds, [20, 25) the message");
    }
}
