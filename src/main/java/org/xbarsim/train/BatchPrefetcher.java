package org.xbarsim.train;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The batches of one epoch, made on a thread of their own {@link #AHEAD} batches ahead of the training
 * step that takes them, so the copying of pixels (and the augmentation) overlaps the step's graph. The
 * batches are the ones {@code prepare} makes for batch 0, 1, ..., taken in that order: what a batch
 * holds depends only on its index, never on the timing, so training stays deterministic.
 */
final class BatchPrefetcher implements AutoCloseable {
    static final int AHEAD = 2;

    /** Images and one-hot labels of one batch; the taker owns (and closes) both. */
    record Prepared(INDArray images, INDArray labels) {
    }

    private final int batches;
    private final IntFunction<Prepared> prepare;
    private final ExecutorService worker;
    private final ArrayDeque<Future<Prepared>> pending = new ArrayDeque<>();
    private int submitted;
    private int taken;

    /** Starts making batches {@code 0 .. AHEAD-1} of {@code batches} with {@code prepare}. */
    BatchPrefetcher(int batches, IntFunction<Prepared> prepare) {
        this.batches = batches;
        this.prepare = prepare;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "training-batches");
            t.setDaemon(true);
            return t;
        });
        while (submitted < Math.min(AHEAD, batches)) {
            submitNext();
        }
    }

    /** Batch {@code b}; batches are taken in order, 0, 1, ..., each once. */
    Prepared take(int b) {
        if (b != taken || pending.isEmpty()) {
            throw new IllegalStateException("batch " + b + " taken out of order (next: " + taken + " of " + batches + ")");
        }
        Future<Prepared> f = pending.poll();
        taken++;
        if (submitted < batches) {
            submitNext();
        }
        return org.xbarsim.Futures.await(f, "a training batch");
    }

    private void submitNext() {
        int b = submitted++;
        pending.add(worker.submit(() -> prepare.apply(b)));
    }

    /** Stops the thread; batches made and not taken are freed (an epoch cut short by an exception). */
    @Override
    public void close() {
        worker.shutdown();
        for (Future<Prepared> f : pending) {
            try {
                Prepared p = f.get();
                free(p.images());
                free(p.labels());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                // already failed: nothing to free
            }
        }
        pending.clear();
    }

    private static void free(INDArray a) {
        if (a.closeable()) {
            a.close();
        }
    }
}
