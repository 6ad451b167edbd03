package org.xbarsim.sim;

/** The simulation stopped because a component failed; the cause is the component's error. */
public final class SimulationException extends RuntimeException {
    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
