package org.xbarsim.sim;

/**
 * The behaviour of one simulated component: what it does when one of its events comes due. It runs
 * on one thread at a time, inside a {@link ComponentShell}; it may keep mutable state, but must not
 * share it with other components (they may run at the same time).
 *
 * @param <M> the component's message protocol (a sealed interface of records)
 */
public interface Process<M> {
    /** Handles one event; {@link Context#now()} is its cycle. */
    void handle(M message, Context<M> ctx);

    /**
     * The component's lookahead: every message it sends is due at least this many cycles after the
     * event that sends it (a crossbar read takes its read latency before anything is sampled). The
     * kernel widens its windows by it: a window ends at the earliest {@code next event + lookahead}
     * of any component, never earlier than the kernel's minimum latency allows. The shell holds the
     * component to it ({@link WindowRuleException}). Read once, when the component is built, so it
     * must not change. The default, 0, means the kernel's minimum latency (a smaller value counts
     * as that).
     */
    default long lookaheadCycles() {
        return 0;
    }
}
