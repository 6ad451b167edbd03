package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A component whose senders are declared runs ahead of the window, and nothing it does changes. */
class DeclaredSendersTest {
    sealed interface Msg permits Tick, Ping {}

    record Tick() implements Msg {}

    record Ping(int n) implements Msg {}

    private record Slow(Process<Msg> body) implements Process<Msg> {
        @Override
        public void handle(Msg message, Context<Msg> ctx) {
            body.handle(message, ctx);
        }

        @Override
        public long lookaheadCycles() {
            return 6;
        }
    }

    /** What a run did: every component's events in order, the records in trace order, the counts. */
    private record Run(List<String> handled, List<Activity> records, long events, long messages, long lastCycle, long windows) {}

    /**
     * A slow producer (lookahead 6) sends a worker a job every 6 cycles; the worker takes 4 cycles
     * of self-events per job and reports each to a fast collector (lookahead 1, the window width).
     */
    private static Run pipeline(boolean declare, int threads) {
        Kernel k = new Kernel(1);
        Address<Msg> producer = k.reserve("producer");
        Address<Msg> worker = k.reserve("worker");
        Address<Msg> collector = k.reserve("collector");
        List<String> handled = new CopyOnWriteArrayList<>();
        k.define(producer, new Slow((m, ctx) -> {
            handled.add("producer@" + ctx.now());
            if (ctx.now() < 120) {
                ctx.schedule(ctx.now() + 6, new Tick());
                ctx.send(worker, ctx.now() + 6, new Ping((int) ctx.now()));
            }
        }));
        k.define(worker, (m, ctx) -> {
            handled.add("worker@" + ctx.now() + " " + m);
            ctx.record(1, ctx.now(), 1, 1, -1, -1);
            if (m instanceof Ping p) {
                for (int i = 1; i <= 4; i++) {
                    ctx.schedule(ctx.now() + i, new Tick());
                }
                ctx.send(collector, ctx.now() + 2, new Ping(p.n()));
            }
        });
        k.define(collector, (m, ctx) -> {
            handled.add("collector@" + ctx.now() + " " + m);
            ctx.record(2, ctx.now() + 3, 2, 1, -1, -1); // a record that starts in the future
        });
        if (declare) {
            k.declareSenders(worker, List.of(producer));
            k.declareSenders(collector, List.of(worker));
        }
        k.seed(producer, 0, new Tick());
        List<Activity> records = new ArrayList<>();
        Coordinator.Outcome o = k.sink((s, e, list) -> records.addAll(list)).run(threads);
        // the trace's order: start cycle, component, then each component's own order (a stable sort)
        records.sort(Comparator.comparingLong(Activity::cycle).thenComparingInt(Activity::componentId));
        List<String> byComponent = new ArrayList<>(handled);
        byComponent.sort(Comparator.comparing(h -> h.substring(0, h.indexOf('@')))); // stable: each one's order kept
        return new Run(byComponent, records, o.events(), o.messages(), o.lastEventCycle(), o.windows());
    }

    @Test
    void aComponentWithDeclaredSendersRunsAheadWithTheSameEventsRecordsAndOrder() {
        for (int threads : new int[] {1, 3}) {
            Run plain = pipeline(false, threads);
            Run ahead = pipeline(true, threads);
            assertEquals(plain.handled(), ahead.handled(), "threads=" + threads);
            assertEquals(plain.records(), ahead.records(), "threads=" + threads);
            assertEquals(List.of(plain.events(), plain.messages(), plain.lastCycle()),
                    List.of(ahead.events(), ahead.messages(), ahead.lastCycle()));
            assertTrue(ahead.windows() < plain.windows(), ahead.windows() + " windows declared, " + plain.windows() + " not");
        }
        assertEquals(pipeline(true, 1), pipeline(true, 3));
    }

    @Test
    void aMessageFromAnUndeclaredSenderFailsTheRunNamingBoth() {
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("tile0/xbar0");
        Address<Msg> b = k.reserve("tile0/input-buffer");
        Address<Msg> stranger = k.reserve("network");
        k.define(a, (m, ctx) -> { });
        k.define(b, (m, ctx) -> ctx.send(a, ctx.now() + 1, new Ping(0)));
        k.define(stranger, (m, ctx) -> ctx.send(a, ctx.now() + 1, new Ping(1)));
        k.declareSenders(a, List.of(b));
        k.seed(stranger, 3, new Tick());
        SimulationException e = assertThrows(SimulationException.class, () -> k.run(1));
        assertTrue(e.getMessage().contains("network sent a message to tile0/xbar0, which was declared to hear only from "
                + "[tile0/input-buffer]"), e.getMessage());
    }

    @Test
    void sendersAreDeclaredOnceAndAComponentMayAlwaysScheduleItself() {
        Kernel k = new Kernel(1);
        Address<Msg> a = k.reserve("a");
        Address<Msg> b = k.reserve("b");
        k.declareSenders(a, List.of(a, b)); // itself is dropped: its own events are always its own
        assertThrows(IllegalStateException.class, () -> k.declareSenders(a, List.of(b)));
        List<Long> seen = new CopyOnWriteArrayList<>();
        k.define(a, (m, ctx) -> {
            seen.add(ctx.now());
            if (ctx.now() < 3) {
                ctx.schedule(ctx.now() + 1, new Tick());
            }
        });
        k.define(b, (m, ctx) -> { });
        k.seed(a, 0, new Tick());
        k.run(1);
        assertEquals(List.of(0L, 1L, 2L, 3L), seen);
    }
}
