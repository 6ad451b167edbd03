package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.data.SyntheticData;

class BatchPrefetcherTest {
    private static final ImageSet SET = SyntheticData.generate(SyntheticData.DEFAULT_SEED, Split.TRAIN, 70);
    private static final Augmentation AUG = new Augmentation(2, true);
    private static final int BATCH = 16;

    /** Batch {@code b} of {@code order}, augmented from a stream named after it, as the trainer makes them. */
    private static BatchPrefetcher.Prepared make(int[] order, int b) {
        int from = b * BATCH;
        int to = Math.min(SET.size(), from + BATCH);
        SplittableRandom rng = Streams.of(7, "augment-test-1-" + b);
        return new BatchPrefetcher.Prepared(Batches.augmentedImages(SET, order, from, to, AUG, rng),
                Batches.oneHot(SET, order, from, to));
    }

    @Test
    void yieldsTheSameBatchesInTheSameOrderAsMakingThemInPlace() {
        int[] order = Streams.permutation(SET.size(), Streams.of(7, "shuffle-test-1"));
        int batches = (SET.size() + BATCH - 1) / BATCH;
        try (BatchPrefetcher prefetch = new BatchPrefetcher(batches, b -> make(order, b))) {
            for (int b = 0; b < batches; b++) {
                BatchPrefetcher.Prepared ahead = prefetch.take(b);
                BatchPrefetcher.Prepared here = make(order, b);
                assertArrayEquals(here.images().shape(), ahead.images().shape(), "batch " + b);
                assertArrayEquals(here.images().data().asFloat(), ahead.images().data().asFloat(), "batch " + b);
                assertArrayEquals(here.labels().data().asFloat(), ahead.labels().data().asFloat(), "batch " + b);
            }
        }
    }

    @Test
    void refusesBatchesOutOfOrderOrBeyondTheEpoch() {
        try (BatchPrefetcher prefetch = new BatchPrefetcher(2, b -> make(null, b))) {
            assertThrows(IllegalStateException.class, () -> prefetch.take(1));
            prefetch.take(0);
            prefetch.take(1);
            assertThrows(IllegalStateException.class, () -> prefetch.take(2));
        }
    }

    @Test
    void makesAtMostAFewBatchesAheadAndPassesOnAFailure() {
        AtomicInteger made = new AtomicInteger();
        try (BatchPrefetcher prefetch = new BatchPrefetcher(10, b -> {
            made.incrementAndGet();
            if (b == 1) {
                throw new IllegalArgumentException("batch 1 failed");
            }
            return make(null, b);
        })) {
            prefetch.take(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prefetch.take(1));
            assertEquals("batch 1 failed", e.getMessage());
        }
        // batches 0 and 1, and at most AHEAD made ahead of them: not the whole epoch of 10
        assertTrue(made.get() <= 2 + BatchPrefetcher.AHEAD, "made " + made.get());
    }
}
