package org.xbarsim.sim;

/**
 * A component that accepts messages of type {@code M}. Ids are stable (assigned in build order) and
 * take part in the total order of events, so they must not depend on thread timing.
 *
 * @param id   component id, 0-based and dense
 * @param name human-readable name for traces and errors
 */
public record Address<M>(int id, String name) {
    public Address {
        if (id < 0) {
            throw new IllegalArgumentException("component id = " + id + ": must be >= 0");
        }
    }
}
