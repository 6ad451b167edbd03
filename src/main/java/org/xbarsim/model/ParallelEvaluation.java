package org.xbarsim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Runs the golden engine over many inputs on several threads. Each input's prediction is written
 * to its own slot, so the result is the same for every thread count; threads only change how fast.
 */
public final class ParallelEvaluation {
    /** Inputs handed to a thread at a time. */
    static final int CHUNK = 32;

    private ParallelEvaluation() {
    }

    /**
     * Predicted classes of inputs {@code 0 .. count-1}.
     *
     * @param rawInput  raw (unquantized, CHW) input {@code i}; called from worker threads
     * @param threads   worker threads, at least 1
     * @param progress  told the number of inputs finished so far, from worker threads (may be null)
     */
    public static int[] predict(GoldenEngine engine, int count, IntFunction<int[]> rawInput, int threads,
                                IntConsumer progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        int[] predicted = new int[count];
        AtomicInteger nextChunk = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            for (int c = nextChunk.getAndIncrement(); c * CHUNK < count; c = nextChunk.getAndIncrement()) {
                int end = Math.min(count, (c + 1) * CHUNK);
                predictChunk(engine, c * CHUNK, end, rawInput, predicted);
                int d = done.addAndGet(end - c * CHUNK);
                if (progress != null) {
                    progress.accept(d);
                }
            }
        };
        if (threads == 1) {
            worker.run();
            return predicted;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "golden-eval");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        return predicted;
    }

    /** Inputs {@code from .. end-1} as one batch of the engine, which runs them faster than one by one. */
    private static void predictChunk(GoldenEngine engine, int from, int end, IntFunction<int[]> rawInput,
                                     int[] predicted) {
        List<int[]> inputs = new ArrayList<>(end - from);
        for (int i = from; i < end; i++) {
            inputs.add(engine.model().input().quantize(rawInput.apply(i)));
        }
        List<GoldenEngine.Inference> results;
        try {
            results = engine.runBatch(inputs);
        } catch (LayerOverflowException e) {
            // a batch does not tell which input overflowed first: one by one, the first to fail is named
            for (int i = from; i < end; i++) {
                try {
                    engine.run(inputs.get(i - from));
                } catch (LayerOverflowException first) {
                    throw first.atImage(i);
                }
            }
            throw e;
        }
        for (int i = from; i < end; i++) {
            predicted[i] = results.get(i - from).predicted();
        }
    }
}
