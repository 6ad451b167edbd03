package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.data.SyntheticData;

class ParallelEvaluationTest {
    @Test
    void predictionsDoNotDependOnTheThreadCount() {
        IntModel m = RandomModels.lenet5(8);
        GoldenEngine e = new GoldenEngine(m);
        ImageSet images = SyntheticData.generate(2, Split.TEST, 101); // not a multiple of the chunk size
        int[] expected = new int[images.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = e.runRaw(images.image(i)).predicted();
        }
        for (int threads : new int[] {1, 2, 5}) {
            AtomicInteger last = new AtomicInteger();
            int[] got = ParallelEvaluation.predict(e, images.size(), images::image, threads,
                    d -> last.accumulateAndGet(d, Math::max));
            assertArrayEquals(expected, got, threads + " threads");
            assertEquals(images.size(), last.get());
        }
    }

    @Test
    void oneThreadReportsProgressOncePerChunkEvenWhenTheCountIsAMultipleOfIt() {
        GoldenEngine e = new GoldenEngine(RandomModels.mlp(3));
        ImageSet images = SyntheticData.generate(4, Split.TEST, 3 * ParallelEvaluation.CHUNK);
        java.util.List<Integer> seen = new java.util.ArrayList<>();
        ParallelEvaluation.predict(e, images.size(), images::image, 1, seen::add);
        assertEquals(java.util.List.of(32, 64, 96), seen);
    }
}
