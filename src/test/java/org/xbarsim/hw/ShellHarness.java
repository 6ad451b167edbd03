package org.xbarsim.hw;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.xbarsim.sim.Address;
import org.xbarsim.sim.ComponentShell;
import org.xbarsim.sim.Coordinator;
import org.xbarsim.sim.Directory;
import org.xbarsim.sim.Event;
import org.xbarsim.sim.Process;

/**
 * Runs one component actor under {@link BehaviorTestKit}: every other component id is a
 * {@link TestInbox}, the coordinator too, so a test sees exactly what the actor sent and when.
 */
final class ShellHarness {
    final List<TestInbox<ComponentShell.Command>> inboxes = new ArrayList<>();
    final TestInbox<Coordinator.Command> coordinator = TestInbox.create();
    final BehaviorTestKit<ComponentShell.Command> kit;
    private long seeded;
    private long seq;

    /** @param ids number of component ids (the component under test is {@code self}) */
    ShellHarness(int ids, int self, Process<?> process, long window) {
        Directory dir = new Directory();
        for (int i = 0; i < ids; i++) {
            TestInbox<ComponentShell.Command> in = TestInbox.create();
            inboxes.add(in);
            dir.register(i, "c" + i, in.getRef());
        }
        kit = BehaviorTestKit.create(ComponentShell.create(self, "under-test", process, dir, window));
    }

    static <M> Address<M> addr(int id) {
        return new Address<>(id, "c" + id);
    }

    void deliver(long cycle, Object message) {
        kit.run(new ComponentShell.Deliver(new Event(cycle, 999, seq++, message)));
        seeded++;
    }

    Coordinator.WindowDone advance(long start, long end) {
        kit.run(new ComponentShell.Advance(start, end, seeded, coordinator.getRef()));
        Coordinator.Command c = coordinator.receiveMessage();
        if (c instanceof Coordinator.Failed f) {
            throw f.error();
        }
        return (Coordinator.WindowDone) c;
    }

    /** Events sent to component {@code id}, in send order. */
    List<Event> sentTo(int id) {
        List<Event> out = new ArrayList<>();
        for (ComponentShell.Command c : inboxes.get(id).getAllReceived()) {
            out.add(((ComponentShell.Deliver) c).event());
        }
        return out;
    }
}
