package org.xbarsim.sim;

/** Two events carry the same (cycle, source, sequence) key: the total order is broken, which is a bug. */
public final class EventTieException extends IllegalStateException {
    public EventTieException(String message) {
        super(message);
    }
}
