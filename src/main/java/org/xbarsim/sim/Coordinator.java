package org.xbarsim.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Advances simulated time window by window. A window is {@code [t, e)} where {@code t} is the
 * earliest pending event of any component and {@code e} the earliest {@code next event + lookahead}
 * of any component with pending work (the lookahead is at least the smallest message latency): no
 * message sent inside it is due inside it, so every component with work in it runs its events at
 * once, in parallel. When all have reported, the next window opens (idle time is skipped) and their
 * recorded activities go to the {@link ActivityWriter}, which merges them in a fixed order for the
 * sink while the next window runs.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {
    public sealed interface Command permits WindowDone, Failed, Resume {}

    /** A component ran its window: what it sent, when it next has work, what it recorded. */
    public record WindowDone(int id, long nextCycle, Sends sends, List<Activity> activities, long events, long lastCycle) implements Command {}

    /** A component threw; the run stops with this error. */
    public record Failed(int id, String name, RuntimeException error) implements Command {}

    /** The activity writer has caught up: open windows again. */
    public record Resume() implements Command {
        static final Resume INSTANCE = new Resume();
    }

    /** How a finished run went. */
    public record Outcome(long lastEventCycle, long events, long windows, long messages) {}

    private final Directory directory;
    private final long[] lookahead;
    private final ActorRef<ActivityWriter.Command> writer;
    private final ActivityWriter.Backlog backlog = new ActivityWriter.Backlog();
    private final Progress progress;
    private final CompletableFuture<Outcome> done;
    private final long[] next;
    private final long[] expected;
    // (next event, id): who has work, earliest first; (next event + lookahead, id, tagged with the next
    // event): where a window must end. Entries go stale when a component's next event changes (checked
    // against next[]).
    private final CycleHeap agenda = new CycleHeap();
    private final CycleHeap horizon = new CycleHeap();
    private List<List<Activity>> windowActivities = new ArrayList<>();
    private long windowStart;
    private long windowEnd;
    private int outstanding;
    private long events;
    private long windows;
    private long messages;
    private long lastEventCycle;

    private Coordinator(ActorContext<Command> context, Directory directory, long[] lookahead, List<Event> seeds, int[] seedTargets,
            ActivitySink sink, Progress progress, CompletableFuture<Outcome> done) {
        super(context);
        this.directory = directory;
        this.lookahead = lookahead;
        this.writer = context.spawn(ActivityWriter.create(sink, done, backlog, context.getSelf()), "activity-writer");
        this.progress = progress;
        this.done = done;
        this.next = new long[directory.size()];
        this.expected = new long[directory.size()];
        Arrays.fill(next, Long.MAX_VALUE);
        for (int i = 0; i < seeds.size(); i++) {
            Event e = seeds.get(i);
            int target = seedTargets[i];
            directory.ref(target).tell(new ComponentShell.Deliver(e));
            expected[target]++;
            messages++;
            wake(target, e.cycle());
        }
    }

    /** @param lookahead per component id, the cycles its messages are due after the event that sends them, at least (>= 1) */
    static Behavior<Command> create(Directory directory, long[] lookahead, List<Event> seeds, int[] seedTargets, ActivitySink sink,
            Progress progress, CompletableFuture<Outcome> done) {
        return Behaviors.setup(c -> {
            Coordinator co = new Coordinator(c, directory, lookahead, seeds, seedTargets, sink, progress, done);
            co.openWindow();
            return co;
        });
    }

    @Override
    public Receive<Command> createReceive() {
        // one case, as in ComponentShell
        return newReceiveBuilder().onAnyMessage(this::onCommand).build();
    }

    private Behavior<Command> onCommand(Command c) {
        if (c instanceof WindowDone d) {
            return onWindowDone(d);
        }
        if (c instanceof Failed f) {
            return onFailed(f);
        }
        if (!(c instanceof Resume)) {
            throw new IllegalStateException("unhandled message " + c);
        }
        openWindow();
        return this;
    }

    private void wake(int id, long cycle) {
        if (cycle < next[id]) {
            next[id] = cycle;
            agenda.add(cycle, id, cycle);
            long end = cycle > Long.MAX_VALUE - lookahead[id] ? Long.MAX_VALUE : cycle + lookahead[id];
            horizon.add(end, id, cycle);
        }
    }

    private void openWindow() {
        if (done.isDone()) {
            return; // the activity writer failed: the run is over
        }
        while (!agenda.isEmpty() && agenda.cycle() != next[agenda.id()]) {
            agenda.poll(); // stale entry
        }
        if (agenda.isEmpty()) {
            writer.tell(new ActivityWriter.Finish(new Outcome(lastEventCycle, events, windows, messages)));
            return;
        }
        windowStart = agenda.cycle();
        // every wake-up adds to both heaps, so the agenda's live head has a live window end
        while (horizon.isEmpty() || horizon.tag() != next[horizon.id()]) {
            if (horizon.isEmpty()) {
                throw new IllegalStateException("no live window end for component " + agenda.id() + " at cycle " + windowStart);
            }
            horizon.poll(); // stale entry
        }
        windowEnd = horizon.cycle(); // > windowStart: every lookahead is at least 1 cycle
        windows++;
        while (!agenda.isEmpty() && agenda.cycle() < windowEnd) {
            long cycle = agenda.cycle();
            int id = agenda.id();
            agenda.poll();
            if (cycle != next[id]) {
                continue;
            }
            next[id] = Long.MAX_VALUE;
            outstanding++;
            directory.ref(id).tell(new ComponentShell.Advance(windowStart, windowEnd, expected[id], getContext().getSelf()));
        }
    }

    private Behavior<Command> onWindowDone(WindowDone d) {
        try {
            return windowDone(d);
        } catch (RuntimeException ex) {
            // a bug here must end the run with an error, not leave the caller waiting forever
            done.completeExceptionally(new SimulationException("coordinator failed at window [" + windowStart + ", " + windowEnd
                    + "): " + ex.getMessage(), ex));
            return Behaviors.stopped();
        } catch (OutOfMemoryError oom) {
            done.completeExceptionally(new HeapExhaustedException("the coordinator", oom));
            return Behaviors.stopped();
        } catch (Error err) {
            done.completeExceptionally(new SimulationException("coordinator failed at window [" + windowStart + ", " + windowEnd
                    + "): " + err, err));
            return Behaviors.stopped();
        }
    }

    private Behavior<Command> windowDone(WindowDone d) {
        Sends s = d.sends();
        messages += s.size();
        for (int i = 0; i < s.size(); i++) {
            int target = s.target(i);
            expected[target]++;
            wake(target, s.cycle(i));
        }
        wake(d.id(), d.nextCycle());
        if (!d.activities().isEmpty()) {
            windowActivities.add(d.activities());
        }
        if (d.events() > 0) {
            events += d.events();
            lastEventCycle = Math.max(lastEventCycle, d.lastCycle());
        }
        if (--outstanding == 0) {
            // the writer sorts and passes the window on while the next one runs
            writer.tell(new ActivityWriter.Window(windowStart, windowEnd, windowActivities));
            windowActivities = new ArrayList<>();
            progress.windowDone(windowStart, events, windows);
            backlog.sent.incrementAndGet();
            if (!backlog.caughtUp() && pause()) {
                return this; // the writer tells us to resume
            }
            openWindow();
        }
        return this;
    }

    /** Pauses unless the writer caught up meanwhile; true when paused (the writer will send {@link Resume}). */
    private boolean pause() {
        if (backlog.sent.get() - backlog.written.get() <= ActivityWriter.MAX_BACKLOG) {
            return false;
        }
        backlog.paused.set(true);
        return !(backlog.caughtUp() && backlog.paused.compareAndSet(true, false));
    }

    private Behavior<Command> onFailed(Failed f) {
        done.completeExceptionally(new SimulationException("component " + f.name() + " (id " + f.id() + ") failed at window ["
                + windowStart + ", " + windowEnd + "): " + f.error().getMessage(), f.error()));
        return Behaviors.stopped();
    }
}
