package org.xbarsim.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Hands each closed window's activities to the {@link ActivitySink} (trace, action counts) beside
 * the simulation, so the coordinator opens the next window without waiting for them. Windows arrive
 * from the coordinator alone, so in order (Pekko keeps the order of messages between two actors),
 * and are sorted and passed on one at a time, exactly as the coordinator did before: the sink sees
 * the same calls. The run ends ({@link Finish}) only after every window before it was passed on.
 *
 * <p>At most {@link #MAX_BACKLOG} windows wait here: beyond that the coordinator pauses and this
 * actor tells it to {@link Coordinator.Resume} once it has caught up, so memory stays bounded when
 * the sink is slower than the simulation.
 */
final class ActivityWriter extends AbstractBehavior<ActivityWriter.Command> {
    sealed interface Command permits Window, Finish {}

    /** The activities of one window, in no particular order (sorted here). */
    record Window(long start, long end, List<List<Activity>> parts) implements Command {}

    /** No more windows: complete the run with this outcome. */
    record Finish(Coordinator.Outcome outcome) implements Command {}

    static final int MAX_BACKLOG = 64;

    /**
     * What the coordinator and the writer share to keep the backlog bounded. Whoever of the two
     * takes {@code paused} back from true (compare-and-set) reopens the windows, so exactly one does.
     */
    static final class Backlog {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        final AtomicBoolean paused = new AtomicBoolean();

        boolean caughtUp() {
            return sent.get() - written.get() <= MAX_BACKLOG / 2;
        }
    }

    private final ActivitySink sink;
    private final CompletableFuture<Coordinator.Outcome> done;
    private final Backlog backlog;
    private final ActorRef<Coordinator.Command> coordinator;
    private boolean failed;

    private ActivityWriter(ActorContext<Command> context, ActivitySink sink, CompletableFuture<Coordinator.Outcome> done,
            Backlog backlog, ActorRef<Coordinator.Command> coordinator) {
        super(context);
        this.sink = sink;
        this.done = done;
        this.backlog = backlog;
        this.coordinator = coordinator;
    }

    static Behavior<Command> create(ActivitySink sink, CompletableFuture<Coordinator.Outcome> done, Backlog backlog,
            ActorRef<Coordinator.Command> coordinator) {
        return Behaviors.setup(c -> new ActivityWriter(c, sink, done, backlog, coordinator));
    }

    @Override
    public Receive<Command> createReceive() {
        // one case, as in ComponentShell
        return newReceiveBuilder().onAnyMessage(this::onCommand).build();
    }

    private Behavior<Command> onCommand(Command c) {
        return c instanceof Window w ? onWindow(w) : onFinish((Finish) c);
    }

    private Behavior<Command> onWindow(Window w) {
        if (!failed) {
            try {
                List<Activity> all = merge(w.parts());
                all.sort(Activity.WINDOW_ORDER);
                sink.accept(w.start(), w.end(), all);
            } catch (RuntimeException ex) {
                failed = true; // the run ends with this error; later windows are dropped
                done.completeExceptionally(ex);
            } catch (OutOfMemoryError oom) {
                failed = true;
                done.completeExceptionally(new HeapExhaustedException("the trace writer", oom));
            } catch (Error err) {
                failed = true;
                done.completeExceptionally(new SimulationException("the trace writer failed: " + err, err));
            }
        }
        backlog.written.incrementAndGet();
        if (backlog.paused.get() && backlog.caughtUp() && backlog.paused.compareAndSet(true, false)) {
            coordinator.tell(Coordinator.Resume.INSTANCE);
        }
        return this;
    }

    /** One list of the parts (the sort by {@link Activity#WINDOW_ORDER} is stable: each part keeps its order). */
    private static List<Activity> merge(List<List<Activity>> parts) {
        int n = 0;
        for (List<Activity> p : parts) {
            n += p.size();
        }
        List<Activity> all = new ArrayList<>(n);
        for (List<Activity> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private Behavior<Command> onFinish(Finish f) {
        if (!failed) {
            done.complete(f.outcome());
        }
        return Behaviors.stopped();
    }
}
