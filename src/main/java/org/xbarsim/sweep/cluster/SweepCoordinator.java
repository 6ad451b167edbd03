package org.xbarsim.sweep.cluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.xbarsim.sweep.PointExecutor;
import org.xbarsim.sweep.PointOutcome;
import org.xbarsim.sweep.PointWork;

/**
 * Hands out a sweep's points to the workers that ask for them (a pull protocol: a worker asks once
 * per free job, so no worker is sent more than it can run) and collects their outcomes. When a
 * worker stops, leaves the cluster or becomes unreachable, the points it held go back to the front
 * of the queue; a point that comes back twice counts once. Registered with the Receptionist under
 * {@link #KEY}, where workers find it.
 */
public final class SweepCoordinator extends AbstractBehavior<SweepCoordinator.Command> {
    /** The coordinator's service key; the cluster (one per sweep name) holds one coordinator. */
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "xbarsim-sweep-coordinator");

    public sealed interface Command permits RequestWork, PointDone, WorkerStopped, MemberUnreachable, MemberReachable,
            MemberRemoved {}

    /** A worker has a free job and asks for a point. */
    public record RequestWork(ActorRef<SweepWorker.Command> worker) implements Command, ClusterMessage {}

    /** A worker ran a point (the outcome holds the report files, or the point's error). */
    public record PointDone(ActorRef<SweepWorker.Command> worker, PointOutcome outcome) implements Command, ClusterMessage {}

    /** Death watch: a worker actor stopped (its node left, was downed, or shut down). */
    record WorkerStopped(ActorRef<SweepWorker.Command> worker) implements Command {}

    /** Membership: a node became unreachable; its workers' points go back to the queue, it gets no new ones for now. */
    record MemberUnreachable(Address address) implements Command {}

    /** Membership: a node is reachable again (a long pause, a network hiccup): its workers may have points again. */
    record MemberReachable(Address address) implements Command {}

    /** Membership: a node left or was downed; its workers are gone. */
    record MemberRemoved(Address address) implements Command {}

    private final PointExecutor.Listener listener;
    private final CompletableFuture<Void> done;
    private final Map<String, PointWork> work = new LinkedHashMap<>();
    private final Deque<PointWork> queue = new ArrayDeque<>();
    private final Map<String, ActorRef<SweepWorker.Command>> heldBy = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> started = new HashSet<>();
    private final Deque<ActorRef<SweepWorker.Command>> waiting = new ArrayDeque<>();
    private final Set<ActorRef<SweepWorker.Command>> workers = new LinkedHashSet<>();
    private final Set<Address> unreachable = new HashSet<>();

    private SweepCoordinator(ActorContext<Command> ctx, List<PointWork> points, PointExecutor.Listener listener,
            CompletableFuture<Void> done) {
        super(ctx);
        this.listener = listener;
        this.done = done;
        points.forEach(p -> work.put(p.id(), p));
        queue.addAll(points);
    }

    /**
     * The coordinator of {@code points}; {@code done} completes when each has an outcome.
     *
     * @param localJobs points run at once by a worker inside this node (0: coordinate only)
     */
    public static Behavior<Command> create(List<PointWork> points, PointExecutor.Listener listener, CompletableFuture<Void> done,
            int localJobs, org.xbarsim.sweep.PointRunner runner) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(ctx.messageAdapter(ClusterEvent.UnreachableMember.class,
                    e -> new MemberUnreachable(e.member().address())), ClusterEvent.UnreachableMember.class));
            cluster.subscriptions().tell(Subscribe.create(ctx.messageAdapter(ClusterEvent.ReachableMember.class,
                    e -> new MemberReachable(e.member().address())), ClusterEvent.ReachableMember.class));
            cluster.subscriptions().tell(Subscribe.create(ctx.messageAdapter(ClusterEvent.MemberRemoved.class,
                    e -> new MemberRemoved(e.member().address())), ClusterEvent.MemberRemoved.class));
            if (localJobs > 0) {
                ctx.spawn(SweepWorker.create(localJobs, runner, new CompletableFuture<>()), "local-worker");
            }
            if (points.isEmpty()) {
                done.complete(null);
            }
            return new SweepCoordinator(ctx, points, listener, done);
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RequestWork.class, this::onRequestWork)
                .onMessage(PointDone.class, this::onPointDone)
                .onMessage(WorkerStopped.class, this::onWorkerStopped)
                .onMessage(MemberUnreachable.class, this::onMemberUnreachable)
                .onMessage(MemberReachable.class, this::onMemberReachable)
                .onMessage(MemberRemoved.class, this::onMemberRemoved)
                .build();
    }

    private Behavior<Command> onRequestWork(RequestWork r) {
        if (workers.add(r.worker())) {
            getContext().watchWith(r.worker(), new WorkerStopped(r.worker()));
        }
        give(r.worker());
        return this;
    }

    private void give(ActorRef<SweepWorker.Command> worker) {
        if (finished.size() == work.size()) {
            worker.tell(new SweepWorker.SweepFinished(work.size()));
            return;
        }
        PointWork w = unreachable.contains(address(worker)) ? null : queue.poll();
        if (w == null) {
            waiting.add(worker); // all points are held (or the worker is unreachable): wait
            return;
        }
        heldBy.put(w.id(), worker);
        if (started.add(w.id())) {
            listener.started(w.id());
        }
        worker.tell(new SweepWorker.Work(w));
    }

    private Behavior<Command> onPointDone(PointDone d) {
        String id = d.outcome().id();
        if (!work.containsKey(id) || !finished.add(id)) {
            return this;
        }
        heldBy.remove(id);
        queue.removeIf(w -> w.id().equals(id));
        listener.finished(d.outcome());
        if (finished.size() == work.size()) {
            workers.forEach(w -> w.tell(new SweepWorker.SweepFinished(work.size())));
            waiting.clear();
            done.complete(null);
        }
        return this;
    }

    private Behavior<Command> onWorkerStopped(WorkerStopped s) {
        workers.remove(s.worker());
        waiting.removeIf(w -> w.equals(s.worker()));
        requeue(w -> w.equals(s.worker()));
        return this;
    }

    private Behavior<Command> onMemberUnreachable(MemberUnreachable m) {
        if (!isSelf(m.address())) {
            unreachable.add(m.address());
            requeue(w -> address(w).equals(m.address()));
        }
        return this;
    }

    private Behavior<Command> onMemberReachable(MemberReachable m) {
        unreachable.remove(m.address());
        serveWaiting();
        return this;
    }

    private Behavior<Command> onMemberRemoved(MemberRemoved m) {
        if (!isSelf(m.address())) {
            unreachable.remove(m.address());
            waiting.removeIf(w -> address(w).equals(m.address()));
            requeue(w -> address(w).equals(m.address()));
        }
        return this;
    }

    private boolean isSelf(Address a) {
        return a.equals(Cluster.get(getContext().getSystem()).selfMember().address());
    }

    /**
     * Puts the points held by the matching workers back at the front of the queue, in their order,
     * and serves waiting workers. A point may then run twice (its first worker may come back); the
     * first outcome counts.
     */
    private void requeue(java.util.function.Predicate<ActorRef<SweepWorker.Command>> gone) {
        List<String> back = heldBy.entrySet().stream().filter(e -> gone.test(e.getValue())).map(Map.Entry::getKey).toList();
        for (int i = back.size() - 1; i >= 0; i--) {
            heldBy.remove(back.get(i));
            queue.addFirst(work.get(back.get(i)));
        }
        if (!back.isEmpty()) {
            getContext().getLog().warn("a worker was lost; {} point(s) go to other workers: {}", back.size(), back);
        }
        serveWaiting();
    }

    /** Gives queued points to waiting workers on reachable nodes. */
    private void serveWaiting() {
        List<ActorRef<SweepWorker.Command>> idle = List.copyOf(waiting);
        waiting.clear();
        idle.forEach(this::give); // an unreachable worker, or one left without a point, waits again
    }

    private Address address(ActorRef<?> ref) {
        Address a = ref.path().address();
        return a.hasLocalScope() ? Cluster.get(getContext().getSystem()).selfMember().address() : a;
    }
}
