package org.xbarsim.sweep.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.xbarsim.sweep.PointOutcome;
import org.xbarsim.sweep.PointRunner;
import org.xbarsim.sweep.PointWork;

/**
 * A worker of a cluster sweep: finds the coordinator through the Receptionist, asks it for one
 * point per job, runs each point off the actor's thread (on its own {@code jobs} threads) and sends
 * the outcome back with a request for the next. Stops when the coordinator says the sweep is done,
 * or when the coordinator is gone.
 */
public final class SweepWorker extends AbstractBehavior<SweepWorker.Command> {
    public sealed interface Command permits Work, SweepFinished, CoordinatorListing, PointRan, CoordinatorGone {}

    /** A point to run. */
    public record Work(PointWork work) implements Command, ClusterMessage {}

    /** Every point has an outcome: nothing more to ask for. */
    public record SweepFinished(int points) implements Command, ClusterMessage {}

    record CoordinatorListing(Receptionist.Listing listing) implements Command {}

    record PointRan(PointOutcome outcome) implements Command {}

    record CoordinatorGone() implements Command {}

    /**
     * How the worker ended: {@code finished} when the sweep was done, else the coordinator was lost, or
     * never found ({@code metCoordinator} false: the node could not join, or the cluster has no coordinator).
     */
    public record End(boolean finished, int pointsRun, boolean metCoordinator) {}

    private final int jobs;
    private final PointRunner runner;
    private final CompletableFuture<End> end;
    private final ExecutorService threads;
    private ActorRef<SweepCoordinator.Command> coordinator;
    private int pointsRun;

    private SweepWorker(ActorContext<Command> ctx, int jobs, PointRunner runner, CompletableFuture<End> end) {
        super(ctx);
        this.jobs = jobs;
        this.runner = runner;
        this.end = end;
        this.threads = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "sweep-worker-point");
            t.setDaemon(true);
            return t;
        });
    }

    /** A worker running up to {@code jobs} points at once; {@code end} completes when it stops. */
    public static Behavior<Command> create(int jobs, PointRunner runner, CompletableFuture<End> end) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(SweepCoordinator.KEY,
                    ctx.messageAdapter(Receptionist.Listing.class, CoordinatorListing::new)));
            return new SweepWorker(ctx, jobs, runner, end);
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CoordinatorListing.class, this::onListing)
                .onMessage(Work.class, this::onWork)
                .onMessage(PointRan.class, this::onPointRan)
                .onMessage(SweepFinished.class, f -> stop(true))
                .onMessage(CoordinatorGone.class, g -> stop(false))
                .onSignal(PostStop.class, s -> {
                    threads.shutdownNow();
                    end.complete(new End(false, pointsRun, coordinator != null));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onListing(CoordinatorListing l) {
        var found = l.listing().getServiceInstances(SweepCoordinator.KEY);
        if (coordinator == null && !found.isEmpty()) {
            coordinator = found.iterator().next();
            getContext().watchWith(coordinator, new CoordinatorGone());
            for (int i = 0; i < jobs; i++) {
                coordinator.tell(new SweepCoordinator.RequestWork(getContext().getSelf()));
            }
        }
        return this;
    }

    private Behavior<Command> onWork(Work w) {
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> runner.run(w.work()), threads),
                (outcome, failure) -> new PointRan(outcome != null ? outcome
                        : PointOutcome.failed(w.work().id(), "the worker could not run the point: " + failure)));
        return this;
    }

    private Behavior<Command> onPointRan(PointRan r) {
        pointsRun++;
        coordinator.tell(new SweepCoordinator.PointDone(getContext().getSelf(), r.outcome()));
        coordinator.tell(new SweepCoordinator.RequestWork(getContext().getSelf()));
        return this;
    }

    private Behavior<Command> stop(boolean finished) {
        threads.shutdownNow();
        end.complete(new End(finished, pointsRun, coordinator != null));
        return Behaviors.stopped();
    }
}
