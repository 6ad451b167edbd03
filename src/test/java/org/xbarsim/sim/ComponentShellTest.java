package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/** The window protocol of one component actor, driven message by message. */
class ComponentShellTest {
    private final TestInbox<Coordinator.Command> coordinator = TestInbox.create();
    private final TestInbox<ComponentShell.Command> other = TestInbox.create();
    private final List<String> handled = new ArrayList<>();

    private BehaviorTestKit<ComponentShell.Command> shell(long window) {
        Directory dir = new Directory();
        dir.register(0, "self", TestInbox.<ComponentShell.Command>create().getRef());
        dir.register(1, "other", other.getRef());
        Process<String> p = (m, ctx) -> {
            handled.add(ctx.now() + ":" + m);
            if (m.startsWith("send")) {
                ctx.send(new Address<String>(1, "other"), ctx.now() + window, "hello");
            }
        };
        return BehaviorTestKit.create(ComponentShell.create(0, "self", p, dir, window));
    }

    @Test
    void aWindowWaitsForMessagesStillOnTheirWay() {
        BehaviorTestKit<ComponentShell.Command> kit = shell(5);
        kit.run(new ComponentShell.Advance(10, 15, 1, coordinator.getRef()));
        assertFalse(coordinator.hasMessages(), "one delivery is still missing: the window must not run yet");
        kit.run(new ComponentShell.Deliver(new Event(12, 1, 0, "late")));
        Coordinator.WindowDone d = assertInstanceOf(Coordinator.WindowDone.class, coordinator.receiveMessage());
        assertEquals(List.of("12:late"), handled);
        assertEquals(Long.MAX_VALUE, d.nextCycle());
    }

    @Test
    void onlyEventsBeforeTheWindowEndRunAndTheReplyListsSendsAndTheNextEvent() {
        BehaviorTestKit<ComponentShell.Command> kit = shell(5);
        kit.run(new ComponentShell.Deliver(new Event(30, 1, 1, "later")));
        kit.run(new ComponentShell.Deliver(new Event(11, 1, 0, "send-now")));
        kit.run(new ComponentShell.Advance(10, 15, 2, coordinator.getRef()));
        Coordinator.WindowDone d = assertInstanceOf(Coordinator.WindowDone.class, coordinator.receiveMessage());
        assertEquals(List.of("11:send-now"), handled);
        assertEquals(30, d.nextCycle());
        assertEquals(1, d.sends().size());
        assertEquals(1, d.sends().target(0));
        assertEquals(16, d.sends().cycle(0));
        Event sent = ((ComponentShell.Deliver) other.receiveMessage()).event();
        assertEquals(0, sent.sourceId());
    }

    @Test
    void aMessageArrivingForAClosedWindowIsReportedAsAFailure() {
        BehaviorTestKit<ComponentShell.Command> kit = shell(5);
        kit.run(new ComponentShell.Advance(10, 15, 0, coordinator.getRef()));
        coordinator.receiveMessage();
        kit.run(new ComponentShell.Deliver(new Event(12, 1, 0, "too-late")));
        kit.run(new ComponentShell.Advance(20, 25, 1, coordinator.getRef()));
        Coordinator.Failed f = assertInstanceOf(Coordinator.Failed.class, coordinator.receiveMessage());
        assertInstanceOf(WindowRuleException.class, f.error());
        assertTrue(f.error().getMessage().contains("cycle 12"), f.error().getMessage());
    }
}
