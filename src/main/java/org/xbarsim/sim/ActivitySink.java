package org.xbarsim.sim;

import java.util.List;

/**
 * Receives the recorded activities, window after window, in the kernel's deterministic order. Called
 * on one thread at a time.
 */
public interface ActivitySink {
    /** Activities of the window {@code [windowStart, windowEnd)}, sorted by {@link Activity#WINDOW_ORDER}. */
    void accept(long windowStart, long windowEnd, List<Activity> activities);

    ActivitySink NONE = (s, e, a) -> {
    };
}
