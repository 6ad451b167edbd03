package org.xbarsim.sim;

/** Observes the run after each window (for progress output only; never affects results). */
public interface Progress {
    void windowDone(long windowStart, long events, long windows);

    Progress NONE = (s, e, w) -> {
    };
}
