package org.xbarsim.run;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/** One piece of work on a daemon thread of its own, beside the caller's (who awaits its result). */
final class Background {
    private Background() {
    }

    /** Starts {@code work} on a new daemon thread named {@code name}; what it throws comes out of the future. */
    static <T> FutureTask<T> call(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }
}
