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
}
