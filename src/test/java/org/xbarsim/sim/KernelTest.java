package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KernelTest {
    /** Messages of the test components. */
    sealed interface Msg permits Ping, Tick {}

    record Ping(int from, int hops) implements Msg {}

    record Tick() implements Msg {}

    @Test
    void theSimulationsActorSystemLoadsOnlyTheTypedExtensionsAtStart() throws ClassNotFoundException {
        com.typesafe.config.Config c = Kernel.dispatcherConfig(2);
        assertEquals(List.of(Kernel.LOAD_TYPED_EXTENSIONS), c.getStringList("pekko.library-extensions"));
        assertEquals(List.of(), c.getStringList("pekko.actor.typed.library-extensions"));
        assertEquals(2, c.getInt("pekko.actor.default-dispatcher.fork-join-executor.parallelism-max"));
        Class.forName(Kernel.LOAD_TYPED_EXTENSIONS); // still Pekko's name for it
        // the rest of the configuration is Pekko's own (reference.conf) and xbarsim's (application.conf)
        assertEquals("WARNING", c.getString("pekko.loglevel"));
        assertTrue(c.hasPath("pekko.actor.serializers.java"));
    }

    @Test
    void messagesAreHandledInKeyOrderNotArrivalOrder() {
        for (int threads : new int[] {1, 3}) {
            Kernel k = new Kernel(2);
            List<Address<Msg>> senders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                senders.add(k.reserve("sender-" + i));
            }
            Address<Msg> sink = k.reserve("sink");
            List<Integer> seen = new CopyOnWriteArrayList<>();
            for (Address<Msg> s : senders) {
                int id = s.id();
                // every sender sends two messages due at the same cycle; the sink must see them by (source, seq)
                k.define(s, (m, ctx) -> {
                    ctx.send(sink, 10, new Ping(id, 0));
                    ctx.send(sink, 10, new Ping(id + 100, 0));
                });
                k.seed(s, 0, new Tick());
            }
            k.define(sink, (m, ctx) -> seen.add(((Ping) m).from()));
            k.run(threads);
            assertEquals(List.of(0, 100, 1, 101, 2, 102, 3, 103, 4, 104, 5, 105), seen, "threads=" + threads);
        }
    }

    /**
     * Two actors passing a ping back and forth until it has made 5 hops, run by {@code run}: a's hops,
     * then the events of the run.
     */
    private static List<Integer> pingPong(java.util.function.Function<Kernel, Coordinator.Outcome> run) {
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("a");
        Address<Msg> b = k.reserve("b");
        List<Integer> hops = new CopyOnWriteArrayList<>();
        k.define(a, (m, ctx) -> {
            Ping p = (Ping) m;
            hops.add(p.hops());
            if (p.hops() < 5) {
                ctx.send(b, ctx.now() + 2, new Ping(0, p.hops() + 1));
            }
        });
        k.define(b, (m, ctx) -> ctx.send(a, ctx.now() + 1, new Ping(1, ((Ping) m).hops() + 1)));
        k.seed(a, 0, new Ping(-1, 0));
        hops.add((int) run.apply(k).events());
        return hops;
    }

    @Test
    void aSystemStartedAheadRunsOneSimulationWithTheSameResults() {
        List<Integer> own = pingPong(k -> k.run(2));
        try (KernelSystem system = KernelSystem.start(2)) {
            assertEquals(own, pingPong(k -> k.run(system)));
            assertTrue(system.actorSystem().whenTerminated().isCompleted(), "the run stopped its system");
            // the system ran its one simulation and is stopping
            assertThrows(IllegalStateException.class, () -> pingPong(k -> k.run(system)));
        }
        assertEquals(List.of(0, 2, 4, 6, 7), own); // a's hops, then the events of a and b
    }

    @Test
    void aSystemLeftToTheJvmsExitRunsTheSameAndIsNotStoppedByClose() throws Exception {
        List<Integer> own = pingPong(k -> k.run(1));
        KernelSystem left = KernelSystem.startLeftToExit(1);
        org.apache.pekko.actor.typed.ActorSystem<?> actors = left.actorSystem();
        try {
            assertEquals(own, pingPong(k -> k.run(left))); // run(KernelSystem) closed it
            assertThrows(IllegalStateException.class, () -> pingPong(k -> k.run(left)));
            assertFalse(actors.whenTerminated().isCompleted(), "close stopped a system left to the JVM's exit");
            assertTrue(actors.settings().config().getBoolean("pekko.daemonic"), "its threads must not keep the JVM alive");
            assertFalse(actors.settings().config().getBoolean("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook"));
        } finally {
            actors.terminate(); // this JVM goes on
            actors.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        // a run that fails is stopped all the same: its components stop working before the error is reported
        KernelSystem failing = KernelSystem.startLeftToExit(1);
        org.apache.pekko.actor.typed.ActorSystem<?> failingActors = failing.actorSystem();
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("a");
        k.define(a, (m, ctx) -> {
            throw new IllegalStateException("broken component");
        });
        k.seed(a, 0, new Tick());
        assertThrows(SimulationException.class, () -> k.run(failing));
        failingActors.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        // and so is one that never ran
        KernelSystem unused = KernelSystem.startLeftToExit(1);
        org.apache.pekko.actor.typed.ActorSystem<?> unusedActors = unused.actorSystem();
        unused.close();
        assertTrue(unusedActors.whenTerminated().isCompleted());
    }

    @Test
    void idleTimeIsSkippedNotTicked() {
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("a");
        Address<Msg> b = k.reserve("b");
        k.define(a, (m, ctx) -> ctx.send(b, ctx.now() + 1_000_000_000_000L, new Ping(0, 0)));
        k.define(b, (m, ctx) -> ctx.record(1, ctx.now(), 0, 1, -1, -1));
        k.seed(a, 5, new Tick());
        List<Activity> acts = new ArrayList<>();
        Coordinator.Outcome out = k.sink((s, e, list) -> acts.addAll(list)).run(2);
        assertEquals(2, out.windows());
        assertEquals(2, out.events());
        assertEquals(1_000_000_000_005L, out.lastEventCycle());
        assertEquals(1_000_000_000_005L, acts.get(0).cycle());
    }

    @Test
    void aMessageSoonerThanTheWindowWidthIsRejected() {
        Kernel k = new Kernel(4);
        Address<Msg> a = k.reserve("adc");
        Address<Msg> b = k.reserve("shift-add");
        k.define(a, (m, ctx) -> ctx.send(b, ctx.now() + 3, new Ping(0, 0)));
        k.define(b, (m, ctx) -> { });
        k.seed(a, 0, new Tick());
        SimulationException ex = assertThrows(SimulationException.class, () -> k.run(1));
        assertInstanceOf(WindowRuleException.class, ex.getCause());
        assertTrue(ex.getMessage().contains("minimum latency of 4"), ex.getMessage());
    }

    @Test
    void selfEventsInsideTheWindowRunInTheSameWindow() {
        Kernel k = new Kernel(10);
        Address<Msg> a = k.reserve("a");
        List<Long> cycles = new CopyOnWriteArrayList<>();
        k.define(a, (m, ctx) -> {
            cycles.add(ctx.now());
            if (cycles.size() < 4) {
                ctx.schedule(ctx.now() + 3, new Tick());
            }
        });
        k.seed(a, 0, new Tick());
        Coordinator.Outcome out = k.run(1);
        assertEquals(List.of(0L, 3L, 6L, 9L), cycles);
        assertEquals(1, out.windows());
    }

    @Test
    void activitiesAndEventCountsAreIdenticalForOneOrManyThreads() {
        assertEquals(ring(1), ring(4));
    }

    /** A ring of components passing tokens with latencies that depend on the hop count. */
    private static List<String> ring(int threads) {
        Kernel k = new Kernel(1);
        int n = 12;
        List<Address<Msg>> ring = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ring.add(k.reserve("node-" + i));
        }
        for (int i = 0; i < n; i++) {
            int me = i;
            k.define(ring.get(i), (m, ctx) -> {
                Ping p = (Ping) m;
                ctx.record(7, ctx.now(), 1, p.hops(), -1, -1);
                if (p.hops() < 40) {
                    ctx.send(ring.get((me + 1 + p.hops() % 3) % n), ctx.now() + 1 + (p.hops() * 7 + me) % 5,
                            new Ping(me, p.hops() + 1));
                }
            });
            k.seed(ring.get(i), i % 3, new Ping(-1, 0));
        }
        List<String> out = new ArrayList<>();
        Coordinator.Outcome o = k.sink((s, e, list) -> list.forEach(a -> out.add(s + ":" + a))).run(threads);
        out.add("outcome " + o);
        return out;
    }

    @Test
    void aComponentReservedButNeverDefinedIsNamed() {
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("a");
        k.reserve("forgotten");
        k.define(a, (m, ctx) -> { });
        k.seed(a, 0, new Tick());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.run(1));
        assertTrue(e.getMessage().contains("forgotten"), e.getMessage());
    }

    @Test
    void selfEventsOfOneCycleRunInTheOrderTheyWereScheduledIncludingNow() {
        Kernel k = new Kernel(5);
        Address<Msg> a = k.reserve("a");
        List<Integer> order = new CopyOnWriteArrayList<>();
        k.define(a, (m, ctx) -> {
            Ping p = m instanceof Ping q ? q : null;
            if (p == null) {
                // three events at this very cycle and three at the next, scheduled in this order
                for (int i = 0; i < 3; i++) {
                    ctx.schedule(ctx.now(), new Ping(i, 0));
                    ctx.schedule(ctx.now() + 1, new Ping(10 + i, 0));
                }
            } else {
                order.add(p.from());
            }
        });
        k.seed(a, 7, new Tick());
        k.run(1);
        assertEquals(List.of(0, 1, 2, 10, 11, 12), order);
    }

    @Test
    void theOutcomeCountsMessagesAndTheSinkAndProgressSeeEveryWindowOnce() {
        Kernel k = new Kernel(4);
        Address<Msg> a = k.reserve("a");
        Address<Msg> b = k.reserve("b");
        // a and b pass a ping back and forth 5 times, 10 cycles apart: one window per hop
        k.define(a, (m, ctx) -> {
            int hops = m instanceof Ping p ? p.hops() : 0;
            ctx.record(1, ctx.now(), 0, 1, -1, -1);
            if (hops < 5) {
                ctx.send(b, ctx.now() + 10, new Ping(0, hops + 1));
            }
        });
        k.define(b, (m, ctx) -> {
            ctx.record(2, ctx.now(), 0, 1, -1, -1);
            ctx.send(a, ctx.now() + 10, new Ping(1, ((Ping) m).hops()));
        });
        k.seed(a, 0, new Tick());
        List<Activity> acts = new ArrayList<>();
        List<Long> windowStarts = new ArrayList<>();
        Coordinator.Outcome out = k.sink((s, e, list) -> acts.addAll(list))
                .progress((start, events, windows) -> windowStarts.add(start)).run(2);
        assertEquals(1 + 10, out.messages()); // the seed and ten pings
        assertEquals(11, out.events());
        assertEquals(11, out.windows());
        assertEquals(11, acts.size());
        for (int i = 0; i < acts.size(); i++) {
            assertEquals(10L * i, acts.get(i).cycle(), "activity " + i);
        }
        assertEquals(java.util.stream.LongStream.range(0, 11).map(i -> 10 * i).boxed().toList(), windowStarts);
    }

    /** A test component that declares a lookahead. */
    private record WithLookahead(long lookaheadCycles, Process<Msg> body) implements Process<Msg> {
        @Override
        public void handle(Msg message, Context<Msg> ctx) {
            body.handle(message, ctx);
        }
    }

    @Test
    void lookaheadWidensTheWindowsWithoutChangingWhatRunsOrItsOrder() {
        List<String> plain = slowAndFastRing(false);
        List<String> wide = slowAndFastRing(true);
        assertEquals(plain.subList(0, plain.size() - 1), wide.subList(0, wide.size() - 1));
        long plainWindows = Long.parseLong(plain.get(plain.size() - 1));
        long wideWindows = Long.parseLong(wide.get(wide.size() - 1));
        assertTrue(wideWindows < plainWindows, wideWindows + " windows with lookahead, " + plainWindows + " without");
    }

    /** Even nodes answer 6..10 cycles later, odd nodes 1..5; with {@code declare}, even nodes say so. */
    private static List<String> slowAndFastRing(boolean declare) {
        Kernel k = new Kernel(1);
        int n = 8;
        List<Address<Msg>> ring = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ring.add(k.reserve("node-" + i));
        }
        List<String> handled = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            int me = i;
            long base = me % 2 == 0 ? 6 : 1;
            Process<Msg> body = (m, ctx) -> {
                Ping p = (Ping) m;
                handled.add(me + "@" + ctx.now() + " from " + p.from());
                ctx.record(7, ctx.now(), 1, p.hops(), -1, -1);
                if (p.hops() < 30) {
                    ctx.send(ring.get((me + 1 + p.hops() % 3) % n), ctx.now() + base + (p.hops() * 7 + me) % 5,
                            new Ping(me, p.hops() + 1));
                }
            };
            k.define(ring.get(i), declare && base > 1 ? new WithLookahead(base, body) : body);
            k.seed(ring.get(i), i % 3, new Ping(-1, 0));
        }
        List<String> out = new ArrayList<>();
        Coordinator.Outcome o = k.sink((s, e, list) -> list.forEach(a -> out.add(a.toString()))).run(2);
        List<String> sortedHandled = new ArrayList<>(handled);
        sortedHandled.sort(null);
        out.addAll(sortedHandled);
        out.add(o.events() + " events, " + o.messages() + " messages, last " + o.lastEventCycle());
        out.add(Long.toString(o.windows()));
        return out;
    }

    @Test
    void aMessageSoonerThanTheSendersLookaheadIsRejected() {
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("crossbar");
        Address<Msg> b = k.reserve("adc");
        k.define(a, new WithLookahead(10, (m, ctx) -> ctx.send(b, ctx.now() + 5, new Ping(0, 0))));
        k.define(b, (m, ctx) -> { });
        k.seed(a, 0, new Tick());
        SimulationException ex = assertThrows(SimulationException.class, () -> k.run(1));
        assertInstanceOf(WindowRuleException.class, ex.getCause());
        assertTrue(ex.getMessage().contains("its lookahead of 10"), ex.getMessage());
    }

    @Test
    void aMessageDueExactlyAtTheLookaheadIsAcceptedAndKnowsItsSender() {
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("crossbar");
        Address<Msg> b = k.reserve("adc");
        List<String> seen = new CopyOnWriteArrayList<>();
        k.define(a, new WithLookahead(10, (m, ctx) -> {
            seen.add("a is " + ctx.selfId());
            ctx.send(b, ctx.now() + 10, new Ping(ctx.selfId(), 0));
        }));
        k.define(b, (m, ctx) -> seen.add("b is " + ctx.selfId() + " at " + ctx.now() + " from " + ((Ping) m).from()));
        k.seed(a, 3, new Tick());
        assertEquals(2, k.run(1).events());
        assertEquals(List.of("a is " + a.id(), "b is " + b.id() + " at 13 from " + a.id()), seen);
    }

    @Test
    void manyMessagesFromOneComponentInOneWindowAllArriveAtTheirCycles() {
        // a component's sends of one window are kept in an array that grows (8, 16, 32, ...)
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("a");
        List<Address<Msg>> targets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            targets.add(k.reserve("t" + i));
        }
        List<String> got = new CopyOnWriteArrayList<>();
        k.define(a, (m, ctx) -> {
            for (int i = 0; i < 40; i++) {
                ctx.send(targets.get(i % 3), ctx.now() + 1 + i / 3, new Ping(i, 0));
            }
        });
        for (Address<Msg> t : targets) {
            k.define(t, (m, ctx) -> got.add(ctx.now() + ":" + ((Ping) m).from()));
        }
        k.seed(a, 0, new Tick());
        Coordinator.Outcome o = k.run(2);
        assertEquals(41, o.events());
        assertEquals(41, o.messages());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add((1 + i / 3) + ":" + i);
        }
        List<String> sorted = new ArrayList<>(got);
        sorted.sort(java.util.Comparator.comparingInt((String x) -> Integer.parseInt(x.split(":")[1])));
        assertEquals(expected, sorted);
    }

    @Test
    void aSlowSinkGetsEveryWindowInOrderWhileTheSimulationWaitsForIt() {
        // two components ping-pong 400 times, one window each: the sink (slower than the simulation)
        // must see every window once, in order, with its records, however far behind it falls
        for (int threads : new int[] {1, 2}) {
            Kernel k = new Kernel(3);
            Address<Msg> a = k.reserve("a");
            Address<Msg> b = k.reserve("b");
            Process<Msg> bounce = (m, ctx) -> {
                Ping p = (Ping) m;
                ctx.record(1, ctx.now(), 1, p.hops(), -1, -1);
                if (p.hops() < 400) {
                    ctx.send(ctx.selfId() == a.id() ? b : a, ctx.now() + 5, new Ping(ctx.selfId(), p.hops() + 1));
                }
            };
            k.define(a, bounce);
            k.define(b, bounce);
            k.seed(a, 0, new Ping(-1, 0));
            List<Long> starts = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            Coordinator.Outcome out = k.sink((s, e, list) -> {
                starts.add(s);
                list.forEach(x -> counts.add(x.count()));
                if (starts.size() % 50 == 0) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            }).run(threads);
            assertEquals(401, out.windows(), "threads=" + threads);
            assertEquals(401, starts.size());
            for (int i = 0; i < starts.size(); i++) {
                assertEquals(5L * i, starts.get(i));
                assertEquals((long) i, counts.get(i));
            }
        }
    }
}
