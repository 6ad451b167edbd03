package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;

/** An intermediate value leaving 64 bits is a clear error naming the layer, column and image. */
class LayerOverflowTest {
    private static final int IN = 600;

    /** 600 inputs of 65535 x weight 127 = 4.99e9, x multiplier 2^31-1 = 1.07e19: beyond 64 bits. */
    private static IntModel model() {
        int[] w = new int[IN];
        java.util.Arrays.fill(w, 127);
        Dense d = new Dense("big", IN, 1, 8, IntVector.wrap(w), IntVector.of(0), List.of(new Requant(Requant.MAX_MULTIPLIER, 40)),
                Activation.NONE, 16, null);
        return new IntModel("ovf", new InputSpec(new Shape(IN, 1, 1), 16, 0, 0), List.of(d), null, Metadata.of("t", "none", "test", 0));
    }

    private static int[] filled(int v) {
        int[] x = new int[IN];
        java.util.Arrays.fill(x, v);
        return x;
    }

    @Test
    void theGoldenEngineNamesTheLayerAndColumn() {
        UserInputException e = assertThrows(LayerOverflowException.class,
                () -> new GoldenEngine(model()).run(filled(65535)));
        assertTrue(e.getMessage().startsWith("layer 'big', output column 0"), e.getMessage());
    }

    @Test
    void parallelEvaluationAddsTheImage() {
        IntModel m = model();
        int[] fine = filled(1);
        int[] huge = filled(65535);
        LayerOverflowException e = assertThrows(LayerOverflowException.class, () -> ParallelEvaluation.predict(new GoldenEngine(m), 3,
                i -> i == 2 ? huge : fine, 1, null));
        assertEquals(2, e.image());
        assertTrue(e.getMessage().startsWith("image 2, layer 'big'"), e.getMessage());
    }

    /**
     * Image 1 overflows only in the second layer, image 2 already in the first: a batch meets image
     * 2's error first, but the error names image 1, the first one image by image, as before batches.
     */
    @Test
    void parallelEvaluationNamesTheFirstImageThatOverflowsNotTheFirstLayer() {
        IntModel one = model();
        Dense second = new Dense("second", 1, 1, 8, IntVector.of(1 << 20), IntVector.of(0),
                List.of(new Requant(Requant.MAX_MULTIPLIER, 0)), Activation.NONE, 16, null);
        IntModel m = new IntModel("ovf2", one.input(), List.of(one.layers().get(0), second), null,
                Metadata.of("t", "none", "test", 0));
        int[][] images = {filled(1), filled(1000), filled(65535)};
        LayerOverflowException e = assertThrows(LayerOverflowException.class,
                () -> ParallelEvaluation.predict(new GoldenEngine(m), 3, i -> images[i], 1, null));
        assertTrue(e.getMessage().startsWith("image 1, layer 'second'"), e.getMessage());
    }
}
