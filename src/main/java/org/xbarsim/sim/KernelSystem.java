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
    /** The JVM ends soon after the run: its actors are left to the exit rather than stopped (see {@link #startLeftToExit}). */
    private final boolean leftToExit;
    /** The run completed: only then is a system left to the exit not stopped. */
    private volatile boolean runSucceeded;

    private KernelSystem(int threads, boolean leftToExit) {
        this.leftToExit = leftToExit;
        Thread starter = new Thread(() -> {
            try {
                com.typesafe.config.Config config = Kernel.dispatcherConfig(threads);
                if (leftToExit) {
                    // no JVM shutdown hook that would stop the actors at the exit after all; daemon threads,
                    // so the JVM can end even if a command returned without System.exit
                    config = com.typesafe.config.ConfigFactory.parseString("pekko.daemonic = on\n"
                            + "pekko.jvm-shutdown-hooks = off\n"
                            + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n").withFallback(config);
                }
                system.complete(ActorSystem.create(guardian(guardianFailure), "xbarsim-sim",
                        org.apache.pekko.actor.BootstrapSetup.create(config).withClassloader(LocalPekkoClassLoader.INSTANCE)));
            } catch (Throwable t) {
                system.completeExceptionally(t);
            }
        }, "kernel-system-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Starts an actor system with {@code threads} dispatcher threads in the background. */
    public static KernelSystem start(int threads) {
        return start(threads, false);
    }

    private static KernelSystem start(int threads, boolean leftToExit) {
        if (threads < 1) { // refused here, not on the starting thread
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        return new KernelSystem(threads, leftToExit);
    }

    /**
     * As {@link #start}, for a run after which the JVM ends (the {@code simulate} command's process):
     * once the run has completed, {@link #close} only refuses further launches and leaves the actors
     * to the JVM's exit. Stopping them one by one (7,486 for the VGG-16 of docs/simulation.md) took
     * about 0.3 s of CPU time and 0.17 s of the command's 2.7 s ("Twelfth pass"), for nothing the
     * command still needs: every result is complete when the run returns. A run that failed (or never
     * ran) is stopped as usual, so its components stop working and its last log lines are written
     * before the error is reported. A JVM that goes on to other work must not use this: the system's
     * threads and its actors' state would stay until the JVM ends.
     */
    public static KernelSystem startLeftToExit(int threads) {
        return start(threads, true);
    }

    /** The run on this system completed (called by {@link Kernel#run(KernelSystem)} before it closes it). */
    void runSucceeded() {
        runSucceeded = true;
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

    /** The actor system, waiting for it to have started. */
    ActorSystem<Launch> actorSystem() {
        return org.xbarsim.Futures.await(system, "starting the actor system");
    }

    /** Has the guardian spawn some of the run's actors, waiting for the system to have started. */
    synchronized void launch(Consumer<ActorContext<Launch>> spawn) {
        if (stopping) {
            throw new IllegalStateException("a kernel system runs one simulation");
        }
        actorSystem().tell(new Launch(spawn));
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

    /**
     * Stops the system and waits (at most 30 s) until it has stopped; results are complete by then. A
     * system {@link #startLeftToExit left to the JVM's exit} whose run completed only stops taking launches.
     */
    @Override
    public void close() {
        synchronized (this) {
            stopping = true;
        }
        if (leftToExit && runSucceeded) {
            return;
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
