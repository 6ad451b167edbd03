package org.xbarsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Dense;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.InputSpec;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.LayerOverflowException;
import org.xbarsim.model.Metadata;
import org.xbarsim.model.RandomModels;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;

/** The inferences computed ahead on the worker thread are the engine's, in order, errors included. */
class GoldenAheadTest {

    private static List<int[]> images(IntModel m, int n, long seed) {
        Random r = new Random(seed);
        return IntStream.range(0, n).mapToObj(i -> m.input().quantize(r.ints(m.input().shape().size(), 0, 256).toArray())).toList();
    }

    @Test
    void givesTheEnginesInferencesInOrder() {
        IntModel m = RandomModels.lenet5(3);
        List<int[]> q = images(m, GoldenAhead.AHEAD + 3, 4);
        GoldenEngine engine = new GoldenEngine(m);
        try (GoldenAhead ahead = new GoldenAhead(m, q)) {
            for (int i = 0; i < q.size(); i++) {
                GoldenEngine.Inference expected = engine.run(q.get(i));
                GoldenEngine.Inference got = ahead.take(i);
                assertEquals(expected.logits(), got.logits());
                assertEquals(expected.layerOutputs(), got.layerOutputs());
            }
        }
    }

    @Test
    void refusesAnImageOutOfOrderOrTwice() {
        IntModel m = RandomModels.mlp(5);
        List<int[]> q = images(m, 4, 6);
        try (GoldenAhead ahead = new GoldenAhead(m, q)) {
            assertThrows(IllegalStateException.class, () -> ahead.take(3));
            ahead.take(0);
            assertThrows(IllegalStateException.class, () -> ahead.take(0));
        }
    }

    @Test
    void passesOnTheOverflowOfAnImage() {
        int in = 600;
        int[] w = new int[in];
        Arrays.fill(w, 127);
        Dense d = new Dense("big", in, 1, 8, IntVector.wrap(w), IntVector.of(0), List.of(new Requant(Requant.MAX_MULTIPLIER, 40)),
                Activation.NONE, 16, null);
        IntModel m = new IntModel("ovf", new InputSpec(new Shape(in, 1, 1), 16, 0, 0), List.of(d), null,
                Metadata.of("t", "none", "test", 0));
        int[] fine = new int[in];
        Arrays.fill(fine, 1);
        int[] huge = new int[in];
        Arrays.fill(huge, 65535);
        try (GoldenAhead ahead = new GoldenAhead(m, List.of(fine, huge))) {
            ahead.take(0);
            LayerOverflowException e = assertThrows(LayerOverflowException.class, () -> ahead.take(1));
            assertEquals(true, e.getMessage().startsWith("layer 'big', output column 0"), e.getMessage());
        }
    }
}
