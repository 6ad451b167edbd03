package org.xbarsim.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs points on {@code jobs} threads of this machine, each point with one simulation thread. */
public final class LocalExecutor implements PointExecutor {
    private final int jobs;
    private final PointRunner runner;

    public LocalExecutor(int jobs, PointRunner runner) {
        if (jobs < 1 || jobs > org.xbarsim.Limits.MAX_THREADS) {
            throw new IllegalArgumentException("jobs = " + jobs);
        }
        this.jobs = jobs;
        this.runner = runner;
    }

    @Override
    public void execute(List<PointWork> work, Listener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, work.size())), r -> {
            Thread t = new Thread(r, "sweep-point");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PointWork w : work) {
                futures.add(pool.submit(() -> {
                    listener.started(w.id());
                    listener.finished(runner.run(w));
                }));
            }
            for (Future<?> f : futures) {
                org.xbarsim.Futures.await(f, "the sweep");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
