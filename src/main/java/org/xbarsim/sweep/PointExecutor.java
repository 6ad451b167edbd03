package org.xbarsim.sweep;

import java.util.List;

/** Runs a sweep's pending points somewhere: local threads, or the workers of a Pekko Cluster. */
public interface PointExecutor {
    /** Told as points start and finish; called from any thread. */
    interface Listener {
        void started(String id);

        /** A point's outcome; each point's first outcome counts, later ones (a re-sent point) are ignored by the caller. */
        void finished(PointOutcome outcome);
    }

    /** Runs every {@code work} and returns once each has reported an outcome to {@code listener}. */
    void execute(List<PointWork> work, Listener listener);
}
