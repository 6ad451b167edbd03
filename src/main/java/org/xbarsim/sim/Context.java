package org.xbarsim.sim;

/** What a {@link Process} may do while it handles an event. */
public interface Context<M> {
    /** Cycle of the event being handled. */
    long now();

    /** Id of the component handling it. */
    int selfId();

    /** Smallest latency of any message between components: the window width. */
    long minLatencyCycles();

    /**
     * Sends {@code message} to another component, due at {@code cycle}.
     *
     * @throws WindowRuleException if {@code cycle < now() + minLatencyCycles()}
     */
    <T> void send(Address<T> to, long cycle, T message);

    /**
     * Schedules a message to this component itself, due at {@code cycle >= now()}; it may run in the
     * current window.
     */
    void schedule(long cycle, M message);

    /**
     * Records an action for the trace and the action counts: {@code count} actions of kind
     * {@code action} during {@code [cycle, cycle + durationCycles)}.
     */
    void record(int action, long cycle, long durationCycles, long count, int layer, int image);
}
