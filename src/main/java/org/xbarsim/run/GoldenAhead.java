package org.xbarsim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;

/**
 * The golden engine's inferences of a run's images, computed on a thread of their own a few images
 * ahead of the caller, so the check of a simulation overlaps the simulation itself (the simulation
 * leaves part of a core idle at its window barriers). At most {@link #AHEAD} inferences, each
 * holding every layer's output, wait at a time. The results are the engine's, whatever the timing.
 */
final class GoldenAhead implements AutoCloseable {
    static final int AHEAD = 2;

    private final IntModel model;
    private final List<int[]> images;
    private final ExecutorService worker;
    private final List<Future<GoldenEngine.Inference>> pending = new ArrayList<>();
    /**
     * Made and used by the worker thread only, and dropped after the last image's inference (with it
     * the engine's copies of the weights; before the simulation ends when there are at most
     * {@link #AHEAD} images).
     */
    private GoldenEngine engine;

    /** Starts computing the first images of {@code images} (quantized inputs of {@code model}). */
    GoldenAhead(IntModel model, List<int[]> images) {
        this.model = model;
        this.images = List.copyOf(images);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "golden-check");
            t.setDaemon(true);
            return t;
        });
        while (pending.size() < Math.min(AHEAD, this.images.size())) {
            submitNext();
        }
    }

    /**
     * Image {@code i}'s inference; images are taken in order, 0, 1, ..., each once.
     *
     * @throws org.xbarsim.model.LayerOverflowException as {@link GoldenEngine#run} does for that image
     */
    GoldenEngine.Inference take(int i) {
        if (i >= pending.size() || pending.get(i) == null) {
            throw new IllegalStateException("image " + i + " taken out of order");
        }
        if (pending.size() < images.size()) {
            submitNext();
        }
        Future<GoldenEngine.Inference> f = pending.set(i, null);
        return org.xbarsim.Futures.await(f, "the golden engine");
    }

    private void submitNext() {
        int[] image = images.get(pending.size());
        boolean last = pending.size() == images.size() - 1;
        pending.add(worker.submit(() -> {
            if (engine == null) {
                engine = new GoldenEngine(model);
            }
            try {
                return engine.run(image);
            } finally {
                if (last) {
                    engine = null; // its copies of the weights (tens of MB for a large model) need not outlive the last image
                }
            }
        }));
    }

    /** Stops the worker (an inference under way finishes on its daemon thread, unused). */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
