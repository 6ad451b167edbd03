package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A sink slower than the simulation: the coordinator stops opening windows once {@link ActivityWriter#MAX_BACKLOG}
 * wait for the sink, and opens them again once half of those are written, so memory stays bounded.
 */
class ActivityBacklogTest {
    private static final int WINDOWS = 400;

    private record Tick() {
    }

    @Test
    void theCoordinatorPausesWhileTheSinkIsBehindAndResumesWhenItCatchesUp() throws Exception {
        Kernel k = new Kernel(1); // one cycle per window
        Address<Tick> a = k.reserve("ticker");
        AtomicInteger ran = new AtomicInteger();
        k.define(a, (m, ctx) -> {
            if (ran.incrementAndGet() < WINDOWS) {
                ctx.schedule(ctx.now() + 1, new Tick());
            }
        });
        k.seed(a, 0, new Tick());
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ranWhenWritten = new ArrayList<>(); // the sink is called by one actor at a time
        List<Long> starts = new ArrayList<>();
        k.sink((start, end, activities) -> {
            if (starts.isEmpty()) {
                await(release);
            }
            starts.add(start);
            ranWhenWritten.add(ran.get());
        });
        Thread test = Thread.currentThread();
        Thread watcher = new Thread(() -> {
            try {
                // the coordinator runs ahead of the stalled sink until MAX_BACKLOG + 1 windows were handed over
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ran.get() < ActivityWriter.MAX_BACKLOG + 1 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Thread.sleep(300);
            } catch (InterruptedException e) {
                test.interrupt();
            } finally {
                release.countDown();
            }
        }, "backlog-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Coordinator.Outcome out = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> k.run(2));
        assertEquals(WINDOWS, out.events());
        assertEquals(WINDOWS, starts.size());
        for (int i = 0; i < WINDOWS; i++) {
            assertEquals(i, starts.get(i), "windows reach the sink in order");
        }
        // paused with MAX_BACKLOG + 1 windows handed over (the first held by the stalled sink) ...
        String firstWrites = ranWhenWritten.subList(0, Math.min(40, ranWhenWritten.size())).toString();
        assertEquals(ActivityWriter.MAX_BACKLOG + 1, ranWhenWritten.get(0), firstWrites);
        // ... and not resumed before the sink had written all but MAX_BACKLOG / 2 of them
        int resumeAfter = ActivityWriter.MAX_BACKLOG + 1 - ActivityWriter.MAX_BACKLOG / 2;
        for (int i = 0; i < resumeAfter; i++) {
            assertEquals(ActivityWriter.MAX_BACKLOG + 1, ranWhenWritten.get(i), "window " + i + ": " + firstWrites);
        }
        assertEquals(WINDOWS, ranWhenWritten.get(WINDOWS - 1));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the watcher never released the sink");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
