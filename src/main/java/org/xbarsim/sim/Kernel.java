package org.xbarsim.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Builds and runs one simulation: reserve an address per component, define each component's
 * {@link Process}, seed the first events, then {@link #run}. Results depend only on what was built,
 * never on the number of threads.
 */
public final class Kernel {
    /** Source id of seed events (they sort before any component's events at the same cycle). */
    public static final int ENVIRONMENT = -1;

    private final long minLatencyCycles;
    private final List<String> names = new ArrayList<>();
    private final List<Process<?>> processes = new ArrayList<>();
    private final List<Event> seeds = new ArrayList<>();
    private final List<Integer> seedTargets = new ArrayList<>();
    private java.util.function.Supplier<ActivitySink> sink = () -> ActivitySink.NONE;
    private Progress progress = Progress.NONE;

    /** @param minLatencyCycles the smallest latency of any message between components (the window width), >= 1 */
    public Kernel(long minLatencyCycles) {
        if (minLatencyCycles < 1) {
            throw new IllegalArgumentException("minimum message latency = " + minLatencyCycles + " cycles: must be >= 1");
        }
        this.minLatencyCycles = minLatencyCycles;
    }

    public long minLatencyCycles() {
        return minLatencyCycles;
    }

    /** Reserves the next component id; define its process before running. */
    public <M> Address<M> reserve(String name) {
        names.add(name);
        processes.add(null);
        return new Address<>(names.size() - 1, name);
    }

    public <M> void define(Address<M> address, Process<M> process) {
        if (processes.get(address.id()) != null) {
            throw new IllegalStateException("component " + address.name() + " is already defined");
        }
        processes.set(address.id(), process);
    }

    /** Adds a seed: {@code message} is delivered to {@code to} at {@code cycle} before anything else runs. */
    public <M> void seed(Address<M> to, long cycle, M message) {
        seeds.add(new Event(cycle, ENVIRONMENT, seeds.size(), message));
        seedTargets.add(to.id());
    }

    public int components() {
        return names.size();
    }

    public String name(int id) {
        return names.get(id);
    }

    public Kernel sink(ActivitySink s) {
        java.util.Objects.requireNonNull(s, "sink");
        this.sink = () -> s;
        return this;
    }

    /**
     * The sink, made by {@code s} on the caller's thread while the components' actors are spawned (a
     * trace's header and file take a while to make, as does spawning thousands of actors).
     */
    public Kernel sinkMadeWhileSpawning(java.util.function.Supplier<ActivitySink> s) {
        this.sink = java.util.Objects.requireNonNull(s, "sink");
        return this;
    }

    public Kernel progress(Progress p) {
        this.progress = p;
        return this;
    }

    /**
     * Runs to completion (no pending events left) on an actor system with {@code threads}
     * dispatcher threads, which is stopped before this returns.
     *
     * @throws SimulationException if a component failed
     */
    public Coordinator.Outcome run(int threads) {
        try (KernelSystem system = KernelSystem.start(threads)) {
            return run(system);
        }
    }

    /**
     * Runs to completion on {@code system} (started ahead, unused so far) and stops it.
     *
     * @throws SimulationException if a component failed
     */
    public Coordinator.Outcome run(KernelSystem system) {
        for (int i = 0; i < processes.size(); i++) {
            if (processes.get(i) == null) {
                throw new IllegalStateException("component " + names.get(i) + " was reserved but never defined");
            }
        }
        CompletableFuture<Coordinator.Outcome> done = new CompletableFuture<>();
        int[] targets = seedTargets.stream().mapToInt(Integer::intValue).toArray();
        long[] lookahead = new long[processes.size()];
        for (int i = 0; i < lookahead.length; i++) {
            lookahead[i] = ComponentShell.lookahead(processes.get(i), minLatencyCycles);
        }
        try {
            // the guardian spawns the components while this thread makes the sink, then the coordinator
            system.failWhenStopped(done);
            Directory dir = new Directory();
            system.launch(ctx -> {
                for (int i = 0; i < processes.size(); i++) {
                    dir.register(i, names.get(i),
                            ctx.spawn(ComponentShell.create(i, names.get(i), processes.get(i), dir, minLatencyCycles), "c" + i));
                }
            });
            ActivitySink made = sink.get();
            system.launch(ctx -> ctx.spawn(Coordinator.create(dir, lookahead, List.copyOf(seeds), targets, made, progress, done),
                    "coordinator"));
            Coordinator.Outcome outcome = done.get();
            system.runSucceeded();
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            system.close();
        }
    }

    /**
     * The simulation's actor system: local, so it starts without the library extensions the class path's
     * Pekko modules would load at start-up (serialization with its Jackson serializers, the stream
     * materializer, the receptionist): about a thousand classes fewer to load and initialize in a short
     * command. Pekko still makes any of them on first use. Only the typed extensions' loader stays. The
     * defaults are those of the modules a local system uses ({@link LocalPekkoClassLoader}).
     */
    static Config dispatcherConfig(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        return ConfigFactory.parseString(
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = " + threads + "\n"
                        + "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max = " + threads + "\n"
                        + "pekko.actor.default-dispatcher.throughput = 64\n"
                        + "pekko.library-extensions = [\"" + LOAD_TYPED_EXTENSIONS + "\"]\n"
                        + "pekko.actor.typed.library-extensions = []\n")
                .withFallback(ConfigFactory.load(LocalPekkoClassLoader.INSTANCE));
    }

    static final String LOAD_TYPED_EXTENSIONS = "org.apache.pekko.actor.typed.internal.adapter.ActorSystemAdapter$LoadTypedExtensions";
}
