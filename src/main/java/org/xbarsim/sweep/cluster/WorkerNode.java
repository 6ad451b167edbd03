package org.xbarsim.sweep.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.xbarsim.UserInputException;
import org.xbarsim.sweep.PointRunner;

/**
 * A worker node: an actor system named after the sweep, joined to the coordinator's node as its
 * seed, with a {@link SweepWorker} as its guardian. Gives up when it cannot join within its join
 * timeout (Pekko's {@code shutdown-after-unsuccessful-join-seed-nodes}, a minute unless told).
 */
public final class WorkerNode {
    private static final String JOIN_TIMEOUT_KEY = "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes";

    private final ActorSystem<SweepWorker.Command> system;
    private final CompletableFuture<SweepWorker.End> end;

    private WorkerNode(ActorSystem<SweepWorker.Command> system, CompletableFuture<SweepWorker.End> end) {
        this.system = system;
        this.end = end;
    }

    /** {@link #start(String, NodeAddress, NodeAddress, int, PointRunner, java.nio.file.Path, Duration)} with the settings' join timeout. */
    public static WorkerNode start(String sweep, NodeAddress join, NodeAddress bind, int jobs, PointRunner runner,
            java.nio.file.Path pekkoSettings) {
        return start(sweep, join, bind, jobs, runner, pekkoSettings, null);
    }

    /**
     * Starts a worker of sweep {@code sweep} on {@code bind} that joins the seed node {@code join}.
     *
     * @param pekkoSettings a HOCON file of Pekko settings on top of xbarsim's, or null
     * @param joinTimeout   how long to try to join before giving up (above the settings file), or null
     */
    public static WorkerNode start(String sweep, NodeAddress join, NodeAddress bind, int jobs, PointRunner runner,
            java.nio.file.Path pekkoSettings, Duration joinTimeout) {
        CompletableFuture<SweepWorker.End> end = new CompletableFuture<>();
        ActorSystem<SweepWorker.Command> system;
        String name = ClusterSettings.systemName(sweep);
        Config settings = ClusterSettings.node(bind, pekkoSettings);
        if (joinTimeout != null) {
            settings = ConfigFactory.parseMap(java.util.Map.of(JOIN_TIMEOUT_KEY, joinTimeout.toMillis() + "ms"))
                    .withFallback(settings);
        }
        try {
            system = ActorSystem.create(SweepWorker.create(jobs, runner, end), name, settings);
        } catch (RuntimeException e) {
            throw new UserInputException("cannot start the worker node on " + bind + ": " + ClusterExecutor.rootMessage(e), e);
        }
        Address seed = new Address("pekko", name, join.host(), join.port());
        Cluster.get(system).manager().tell(new JoinSeedNodes(List.of(seed)));
        system.getWhenTerminated().thenRun(() -> end.complete(new SweepWorker.End(false, 0, false)));
        return new WorkerNode(system, end);
    }

    /** How long this node tries to join before it gives up; null when it never does (Pekko's {@code off}). */
    public Duration joinTimeout() {
        com.typesafe.config.Config c = system.settings().config();
        String text = c.getString(JOIN_TIMEOUT_KEY).trim().toLowerCase(java.util.Locale.ROOT);
        return text.equals("off") || text.equals("infinite") ? null : c.getDuration(JOIN_TIMEOUT_KEY);
    }

    public ActorSystem<SweepWorker.Command> system() {
        return system;
    }

    /** Waits until the worker stops (the sweep is done, or its coordinator or cluster is gone), then leaves the cluster. */
    public SweepWorker.End await() {
        try {
            return end.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            ClusterExecutor.terminate(system);
        }
    }

    /** Stops this node now (as a killed machine would, but leaving the cluster politely). */
    public void stop() {
        ClusterExecutor.terminate(system);
    }
}
