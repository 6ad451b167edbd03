package org.xbarsim.sim;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The actor system one {@link Kernel#run(KernelSystem)} runs on, started on a thread of its own as
 * soon as the number of threads is known, so that a command can read and wire its model meanwhile
 * (starting Pekko takes a few hundred milliseconds in a fresh JVM). One kernel run per system: its
 * guardian spawns what the run hands it, in order, and the run stops the system before it returns.
 *
 * <p>The stop is waited for, not left to run beside the command's next steps: tried, on a machine
 * whose cores other work held (load average 6), the VGG-16 command's phase that 7,486 actors stopped
 * beside (the trace summary) took 2.2-2.4 s of CPU time, against 0.2-0.3 s for that phase alone
 * (docs/simulation.md, "Fifth pass").
 */
public final class KernelSystem implements AutoCloseable {
    /** Actors for the guardian to spawn (the components, then the coordinator). */
    record Launch(Consumer<ActorContext<Launch>> spawn) {}

    private final CompletableFuture<ActorSystem<Launch>> system = new CompletableFuture<>();
    /** What made the guardian fail (and so the system stop), for the run's error; Pekko only logs it. */
    private final java.util.concurrent.atomic.AtomicReference<Throwable> guardianFailure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private boolean stopping;

    private KernelSystem(int threads) {
        Thread starter = new Thread(() -> {
            try {
                system.complete(ActorSystem.create(guardian(guardianFailure), "xbarsim-sim", Kernel.dispatcherConfig(threads)));
            } catch (Throwable t) {
                system.completeExceptionally(t);
            }
        }, "kernel-system-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Starts an actor system with {@code threads} dispatcher threads in the background. */
    public static KernelSystem start(int threads) {
        if (threads < 1) { // refused here, not on the starting thread
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        return new KernelSystem(threads);
    }

    private static Behavior<Launch> guardian(java.util.concurrent.atomic.AtomicReference<Throwable> failure) {
        return Behaviors.receive((ctx, launch) -> {
            try {
                launch.spawn().accept(ctx);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                throw e; // the guardian stops, and with it the system
            }
            return Behaviors.same();
        });
    }

    /** Has the guardian spawn some of the run's actors, waiting for the system to have started. */
    synchronized void launch(Consumer<ActorContext<Launch>> spawn) {
        if (stopping) {
            throw new IllegalStateException("a kernel system runs one simulation");
        }
        org.xbarsim.Futures.await(system, "starting the actor system").tell(new Launch(spawn));
    }

    /**
     * Completes {@code done} with an error if the system stops before it is complete, so that the run
     * fails rather than waits forever. (A fatal error Pekko meets in its own code, outside the handlers,
     * which catch running out of memory themselves, still ends the JVM: {@code pekko.jvm-exit-on-fatal-error}
     * stays on, because with it off a dispatcher thread that died mid-message could leave the stop, and
     * the run, hanging.)
     */
    void failWhenStopped(CompletableFuture<?> done) {
        system.thenAccept(s -> s.getWhenTerminated().thenRun(() -> {
            Throwable cause = guardianFailure.get();
            done.completeExceptionally(new SimulationException("the actor system stopped before the simulation finished"
                    + (cause == null ? "" : ": spawning the simulation's actors failed: " + cause), cause));
        }));
    }

    /** Stops the system and waits (at most 30 s) until it has stopped; results are complete by then. */
    @Override
    public void close() {
        synchronized (this) {
            stopping = true;
        }
        try {
            ActorSystem<Launch> s = system.get();
            s.terminate();
            s.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception ignored) {
            // shutting down is best effort (a system that failed to start has nothing to stop)
        }
    }
}
