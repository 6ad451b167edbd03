package org.xbarsim.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
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
 * once, in parallel. When all have reported, their recorded activities are merged in a fixed order and the
 * next window opens (idle time is skipped).
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {
    public sealed interface Command permits WindowDone, Failed {}

    /** A component ran its window: what it sent, when it next has work, what it recorded. */
    public record WindowDone(int id, long nextCycle, Sends sends, List<Activity> activities, long events, long lastCycle) implements Command {}

    /** A component threw; the run stops with this error. */
    public record Failed(int id, String name, RuntimeException error) implements Command {}

    /** How a finished run went. */
    public record Outcome(long lastEventCycle, long events, long windows, long messages) {}

    private final Directory directory;
    private final long[] lookahead;
    private final ActivitySink sink;
    private final Progress progress;
    private final CompletableFuture<Outcome> done;
    private final long[] next;
    private final long[] expected;
    private static final java.util.Comparator<long[]> BY_CYCLE_THEN_ID = (a, b) -> a[0] != b[0]
            ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]);
    // {next event, id}: who has work, earliest first; {next event + lookahead, id, next event}: where
    // a window must end. Entries go stale when a component's next event changes (checked against next[]).
    private final PriorityQueue<long[]> agenda = new PriorityQueue<>(BY_CYCLE_THEN_ID);
    private final PriorityQueue<long[]> horizon = new PriorityQueue<>(BY_CYCLE_THEN_ID);
    private final List<Activity> windowActivities = new ArrayList<>();
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
        this.sink = sink;
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
        return newReceiveBuilder()
                .onMessage(WindowDone.class, this::onWindowDone)
                .onMessage(Failed.class, this::onFailed)
                .build();
    }

    private void wake(int id, long cycle) {
        if (cycle < next[id]) {
            next[id] = cycle;
            agenda.add(new long[] {cycle, id});
            long end = cycle > Long.MAX_VALUE - lookahead[id] ? Long.MAX_VALUE : cycle + lookahead[id];
            horizon.add(new long[] {end, id, cycle});
        }
    }

    private void openWindow() {
        long[] head;
        while ((head = agenda.peek()) != null && head[0] != next[(int) head[1]]) {
            agenda.poll(); // stale entry
        }
        if (head == null) {
            done.complete(new Outcome(lastEventCycle, events, windows, messages));
            return;
        }
        windowStart = head[0];
        long[] h;
        while ((h = horizon.peek()) != null && h[2] != next[(int) h[1]]) {
            horizon.poll(); // stale entry
        }
        windowEnd = h[0]; // > windowStart: every lookahead is at least 1 cycle
        windows++;
        while ((head = agenda.peek()) != null && head[0] < windowEnd) {
            agenda.poll();
            int id = (int) head[1];
            if (head[0] != next[id]) {
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
        windowActivities.addAll(d.activities());
        if (d.events() > 0) {
            events += d.events();
            lastEventCycle = Math.max(lastEventCycle, d.lastCycle());
        }
        if (--outstanding == 0) {
            windowActivities.sort(Activity.WINDOW_ORDER);
            try {
                sink.accept(windowStart, windowEnd, windowActivities);
            } catch (RuntimeException ex) {
                done.completeExceptionally(ex);
                return Behaviors.stopped();
            }
            windowActivities.clear();
            progress.windowDone(windowStart, events, windows);
            openWindow();
        }
        return this;
    }

    private Behavior<Command> onFailed(Failed f) {
        done.completeExceptionally(new SimulationException("component " + f.name() + " (id " + f.id() + ") failed at window ["
                + windowStart + ", " + windowEnd + "): " + f.error().getMessage(), f.error()));
        return Behaviors.stopped();
    }
}
