package org.xbarsim.sweep.cluster;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.xbarsim.sweep.PointExecutor;
import org.xbarsim.sweep.PointRunner;
import org.xbarsim.sweep.PointWork;

/**
 * Runs a sweep's points on a Pekko Cluster: starts this node (the seed, joining itself) with the
 * {@link SweepCoordinator} as its guardian, waits until every point has an outcome from the
 * workers that joined, then leaves the cluster.
 */
public final class ClusterExecutor implements PointExecutor {
    private final String sweep;
    private final NodeAddress bind;
    private final int localJobs;
    private final PointRunner runner;
    private final PrintWriter err;
    private java.nio.file.Path pekkoSettings;
    private final CompletableFuture<Address> address = new CompletableFuture<>();

    /**
     * @param localJobs points this node runs too (0: it only coordinates)
     * @param err       where the address for the workers is printed
     */
    public ClusterExecutor(String sweep, NodeAddress bind, int localJobs, PointRunner runner, PrintWriter err) {
        this.sweep = sweep;
        this.bind = bind;
        this.localJobs = localJobs;
        this.runner = runner;
        this.err = err;
    }

    /** A HOCON file of Pekko settings on top of xbarsim's (TLS, docs/sweeps.md); null for none. */
    public ClusterExecutor pekkoSettings(java.nio.file.Path file) {
        this.pekkoSettings = file;
        return this;
    }

    /** The address this node listens on, once it is up (tests read the port chosen for port 0). */
    public CompletableFuture<Address> address() {
        return address;
    }

    @Override
    public void execute(List<PointWork> work, Listener listener) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ActorSystem<SweepCoordinator.Command> system;
        try {
            system = ActorSystem.create(SweepCoordinator.create(work, listener, done, localJobs, runner),
                    ClusterSettings.systemName(sweep), ClusterSettings.node(bind, pekkoSettings));
        } catch (RuntimeException e) {
            throw new org.xbarsim.UserInputException("cannot start the cluster node on " + bind + ": " + rootMessage(e), e);
        }
        try {
            Cluster cluster = Cluster.get(system);
            Address self = cluster.selfMember().address();
            cluster.manager().tell(Join.create(self));
            err.println("coordinator of sweep '" + sweep + "' listening on " + self + "; start workers with:");
            err.println("  ./xbarsim worker --join " + self.getHost().get() + ":" + self.getPort().get() + " --name " + sweep
                    + " --jobs N");
            err.flush();
            address.complete(self);
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the workers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            terminate(system);
        }
    }

    /** Terminates {@code system} (leaving the cluster) and waits for it, at most a minute. */
    static void terminate(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // leaving is best effort: every result is already written
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
