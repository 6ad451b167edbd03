package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/** The window rules one component actor enforces, each at its boundary. */
class ComponentShellRulesTest {
    private static final long LATENCY = 5;
    private final TestInbox<Coordinator.Command> coordinator = TestInbox.create();
    private final TestInbox<ComponentShell.Command> other = TestInbox.create();
    private final Address<String> otherAddress = new Address<>(1, "other");
    private final List<String> handled = new ArrayList<>();

    /** A shell (id 0, "self") whose process runs {@code onEvent} for every event. */
    private BehaviorTestKit<ComponentShell.Command> shell(BiConsumer<String, Context<String>> onEvent) {
        Directory dir = new Directory();
        dir.register(0, "self", TestInbox.<ComponentShell.Command>create().getRef());
        dir.register(1, "other", other.getRef());
        Process<String> p = (m, ctx) -> {
            handled.add(ctx.now() + ":" + m);
            onEvent.accept(m, ctx);
        };
        return BehaviorTestKit.create(ComponentShell.create(0, "self", p, dir, LATENCY));
    }

    private Coordinator.WindowDone runWindow(BehaviorTestKit<ComponentShell.Command> kit, long start, long end, long expected) {
        kit.run(new ComponentShell.Advance(start, end, expected, coordinator.getRef()));
        return assertInstanceOf(Coordinator.WindowDone.class, coordinator.receiveMessage());
    }

    private Coordinator.Failed failedWindow(BehaviorTestKit<ComponentShell.Command> kit, long start, long end, long expected) {
        kit.run(new ComponentShell.Advance(start, end, expected, coordinator.getRef()));
        return assertInstanceOf(Coordinator.Failed.class, coordinator.receiveMessage());
    }

    @Test
    void aSendExactlyTheMinimumLatencyAheadIsAllowedOneCycleSoonerIsNot() {
        BehaviorTestKit<ComponentShell.Command> ok = shell((m, ctx) -> ctx.send(otherAddress, ctx.now() + LATENCY, "x"));
        ok.run(new ComponentShell.Deliver(new Event(10, -1, 0, "go")));
        Coordinator.WindowDone d = runWindow(ok, 10, 15, 1);
        assertEquals(1, d.sends().size());
        assertEquals(15, d.sends().cycle(0));
        assertTrue(other.hasMessages());

        BehaviorTestKit<ComponentShell.Command> soon = shell((m, ctx) -> ctx.send(otherAddress, ctx.now() + LATENCY - 1, "x"));
        soon.run(new ComponentShell.Deliver(new Event(10, -1, 0, "go")));
        Coordinator.Failed f = failedWindow(soon, 10, 15, 1);
        assertEquals(0, f.id());
        assertEquals("self", f.name());
        assertInstanceOf(WindowRuleException.class, f.error());
        assertEquals("self at cycle 10: message to other due at cycle 14 is sooner than the minimum latency of 5 cycles",
                f.error().getMessage());
    }

    @Test
    void aSendIntoThePastIsRejectedEvenWhenNowPlusTheLatencyOverflows() {
        long now = Long.MAX_VALUE - 2; // now + 5 wraps around to a negative cycle
        BehaviorTestKit<ComponentShell.Command> kit = shell((m, ctx) -> ctx.send(otherAddress, now - 1, "x"));
        kit.run(new ComponentShell.Deliver(new Event(now, -1, 0, "go")));
        Coordinator.Failed f = failedWindow(kit, now, Long.MAX_VALUE, 1);
        assertInstanceOf(WindowRuleException.class, f.error());
        assertFalse(other.hasMessages());
    }

    @Test
    void scheduleAtNowRunsInTheSameWindowButScheduleInThePastFails() {
        BehaviorTestKit<ComponentShell.Command> ok = shell((m, ctx) -> {
            if (m.equals("go")) {
                ctx.schedule(ctx.now(), "again");
            }
        });
        ok.run(new ComponentShell.Deliver(new Event(10, -1, 0, "go")));
        Coordinator.WindowDone d = runWindow(ok, 10, 15, 1);
        assertEquals(List.of("10:go", "10:again"), handled);
        assertEquals(2, d.events());

        BehaviorTestKit<ComponentShell.Command> past = shell((m, ctx) -> ctx.schedule(ctx.now() - 1, "again"));
        past.run(new ComponentShell.Deliver(new Event(10, -1, 0, "go")));
        Coordinator.Failed f = failedWindow(past, 10, 15, 1);
        assertEquals("self at cycle 10: cannot schedule an event in the past (cycle 9)", f.error().getMessage());
    }

    @Test
    void anEventDueBeforeTheWindowStartFailsTheWindowOneAtTheStartRuns() {
        BehaviorTestKit<ComponentShell.Command> early = shell((m, ctx) -> { });
        early.run(new ComponentShell.Deliver(new Event(9, -1, 0, "early")));
        Coordinator.Failed f = failedWindow(early, 10, 15, 1);
        assertEquals("self: event due at cycle 9 is before the window start 10", f.error().getMessage());
        assertTrue(handled.isEmpty());

        BehaviorTestKit<ComponentShell.Command> atStart = shell((m, ctx) -> { });
        atStart.run(new ComponentShell.Deliver(new Event(10, -1, 0, "on-time")));
        runWindow(atStart, 10, 15, 1);
        assertEquals(List.of("10:on-time"), handled);
    }

    @Test
    void theReplyCountsTheEventsRunAndGivesTheLastCycleTheRecordsAndWhoSentIt() {
        BehaviorTestKit<ComponentShell.Command> kit = shell((m, ctx) -> {
            assertEquals(0, ctx.selfId());
            assertEquals(LATENCY, ctx.minLatencyCycles());
            ctx.record(3, ctx.now(), 2, 7, 1, 4);
        });
        kit.run(new ComponentShell.Deliver(new Event(11, -1, 0, "a")));
        kit.run(new ComponentShell.Deliver(new Event(13, -1, 1, "b")));
        Coordinator.WindowDone d = runWindow(kit, 10, 15, 2);
        assertEquals(0, d.id());
        assertEquals(2, d.events());
        assertEquals(13, d.lastCycle());
        assertEquals(List.of(new Activity(11, 2, 0, 3, 7, 1, 4), new Activity(13, 2, 0, 3, 7, 1, 4)), d.activities());
        assertEquals(List.of("11:a", "13:b"), handled);
        // the next window starts afresh: no sends, no records, no events
        Coordinator.WindowDone empty = runWindow(kit, 20, 25, 2);
        assertEquals(0, empty.events());
        assertEquals(0, empty.sends().size());
        assertTrue(empty.activities().isEmpty());
    }

    @Test
    void aWindowWaitsUntilEveryExpectedDeliveryHasArrived() {
        BehaviorTestKit<ComponentShell.Command> kit = shell((m, ctx) -> { });
        kit.run(new ComponentShell.Advance(10, 15, 2, coordinator.getRef()));
        kit.run(new ComponentShell.Deliver(new Event(12, 1, 0, "one")));
        assertFalse(coordinator.hasMessages(), "one of two deliveries is still missing");
        kit.run(new ComponentShell.Deliver(new Event(13, 1, 1, "two")));
        Coordinator.WindowDone d = assertInstanceOf(Coordinator.WindowDone.class, coordinator.receiveMessage());
        assertEquals(2, d.events());
        // a later delivery does not run the window again
        kit.run(new ComponentShell.Deliver(new Event(30, 1, 2, "three")));
        assertFalse(coordinator.hasMessages());
    }

    @Test
    void aMessageDueExactlyAtTheClosedWindowEndIsOnTimeAndTheFirstLateOneIsNamed() {
        BehaviorTestKit<ComponentShell.Command> kit = shell((m, ctx) -> { });
        runWindow(kit, 10, 15, 0);
        kit.run(new ComponentShell.Deliver(new Event(15, 1, 0, "on-time")));
        Coordinator.WindowDone d = runWindow(kit, 15, 20, 1);
        assertEquals(1, d.events());

        kit.run(new ComponentShell.Deliver(new Event(18, -1, 1, "late")));
        kit.run(new ComponentShell.Deliver(new Event(19, 1, 2, "later")));
        Coordinator.Failed f = failedWindow(kit, 25, 30, 3);
        assertEquals("self: message due at cycle 18 from environment arrived after the window ending at 20 closed",
                f.error().getMessage());
    }
}
