package org.xbarsim.sim;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The actor around one component's {@link Process}: it queues timed messages in the kernel's order
 * and, when the coordinator opens a window, runs the events due in it and reports back what it sent
 * and when it next has work.
 */
public final class ComponentShell extends AbstractBehavior<ComponentShell.Command> {
    public sealed interface Command permits Deliver, Advance {}

    /** A timed message from another component (or a seed from the environment). */
    public record Deliver(Event event) implements Command {}

    /**
     * Run every event due before {@code windowEnd}. {@code expectedDeliveries} is how many messages
     * this component has been sent so far; the window waits until all of them have arrived.
     */
    public record Advance(long windowStart, long windowEnd, long expectedDeliveries, ActorRef<Coordinator.Command> replyTo)
            implements Command {}

    private final int id;
    private final String name;
    private final Process<Object> process;
    private final Directory directory;
    private final long minLatency;
    private final long lookahead;
    private final EventQueue queue;
    private final Ctx ctx = new Ctx();
    private long received;
    private long doneUpTo = Long.MIN_VALUE;
    private Advance waiting;
    private RuntimeException deliveryError;

    @SuppressWarnings("unchecked")
    private ComponentShell(ActorContext<Command> context, int id, String name, Process<?> process, Directory directory,
            long minLatency) {
        super(context);
        this.id = id;
        this.name = name;
        this.process = (Process<Object>) process;
        this.directory = directory;
        this.minLatency = minLatency;
        this.lookahead = lookahead(process, minLatency);
        this.queue = new EventQueue(name);
    }

    /** The cycles a component's messages are due after the event that sends them, at least: its window lookahead. */
    static long lookahead(Process<?> process, long minLatency) {
        return Math.max(minLatency, process.lookaheadCycles());
    }

    public static Behavior<Command> create(int id, String name, Process<?> process, Directory directory, long minLatencyCycles) {
        return Behaviors.setup(c -> new ComponentShell(c, id, name, process, directory, minLatencyCycles));
    }

    @Override
    public Receive<Command> createReceive() {
        // one case for every message, told apart by instanceof on the sealed records: the builder's
        // cases test each message's class against theirs in turn, a slow check before the JIT's last
        // tier (docs/simulation.md, "Sixteenth pass")
        return newReceiveBuilder().onAnyMessage(this::onCommand).build();
    }

    private Behavior<Command> onCommand(Command c) {
        return c instanceof Deliver d ? onDeliver(d) : onAdvance((Advance) c);
    }

    private Behavior<Command> onDeliver(Deliver d) {
        received++;
        if (d.event().cycle() < doneUpTo && deliveryError == null) {
            deliveryError = new WindowRuleException(name + ": message due at cycle " + d.event().cycle() + " from "
                    + directory.name(d.event().sourceId()) + " arrived after the window ending at " + doneUpTo + " closed");
        }
        try {
            queue.add(d.event());
        } catch (OutOfMemoryError oom) { // reported by the next window, as a late message is
            if (deliveryError == null) {
                deliveryError = new HeapExhaustedException(name, oom);
            }
        }
        if (waiting != null && received >= waiting.expectedDeliveries()) {
            Advance a = waiting;
            waiting = null;
            runWindow(a);
        }
        return this;
    }

    private Behavior<Command> onAdvance(Advance a) {
        if (received < a.expectedDeliveries()) {
            waiting = a; // a message sent to us in the last window is still on its way
        } else {
            runWindow(a);
        }
        return this;
    }

    private void runWindow(Advance a) {
        ctx.sends = new Sends();
        ctx.activities = new ArrayList<>();
        long events = 0;
        try {
            if (deliveryError != null) {
                throw deliveryError;
            }
            Event e;
            while ((e = queue.pollBefore(a.windowEnd())) != null) {
                if (e.cycle() < a.windowStart()) {
                    throw new WindowRuleException(name + ": event due at cycle " + e.cycle() + " is before the window start "
                            + a.windowStart());
                }
                ctx.now = e.cycle();
                events++;
                process.handle(e.payload(), ctx);
            }
            doneUpTo = a.windowEnd();
            a.replyTo().tell(new Coordinator.WindowDone(id, queue.nextCycle(), ctx.sends, ctx.activities, events, ctx.now));
        } catch (RuntimeException ex) {
            a.replyTo().tell(new Coordinator.Failed(id, name, ex));
        } catch (OutOfMemoryError oom) {
            a.replyTo().tell(new Coordinator.Failed(id, name, new HeapExhaustedException(name, oom)));
        } catch (Error err) {
            // e.g. a StackOverflowError: Pekko counts it as non-fatal and stops this actor, and the run would
            // wait for its window forever
            a.replyTo().tell(new Coordinator.Failed(id, name, new IllegalStateException(err.toString(), err)));
        }
    }

    private final class Ctx implements Context<Object> {
        long now;
        long seq;
        Sends sends;
        List<Activity> activities;

        @Override
        public long now() {
            return now;
        }

        @Override
        public int selfId() {
            return id;
        }

        @Override
        public long minLatencyCycles() {
            return minLatency;
        }

        @Override
        public <T> void send(Address<T> to, long cycle, T message) {
            if (cycle < now + lookahead || cycle < now) {
                throw new WindowRuleException(name + " at cycle " + now + ": message to " + to.name() + " due at cycle "
                        + cycle + " is sooner than " + (lookahead > minLatency ? "its lookahead" : "the minimum latency") + " of "
                        + lookahead + " cycles");
            }
            directory.ref(to.id()).tell(new Deliver(new Event(cycle, id, seq++, message)));
            sends.add(to.id(), cycle);
        }

        @Override
        public void schedule(long cycle, Object message) {
            if (cycle < now) {
                throw new WindowRuleException(name + " at cycle " + now + ": cannot schedule an event in the past (cycle "
                        + cycle + ")");
            }
            queue.add(new Event(cycle, id, seq++, message));
        }

        @Override
        public void record(int action, long cycle, long durationCycles, long count, int layer, int image) {
            activities.add(new Activity(cycle, durationCycles, id, action, count, layer, image));
        }
    }
}
