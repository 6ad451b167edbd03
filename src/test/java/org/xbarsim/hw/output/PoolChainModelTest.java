package org.xbarsim.hw.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbarsim.model.AvgPool2d;
import org.xbarsim.model.Flatten;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.InputSpec;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.MaxPool2d;
import org.xbarsim.model.Metadata;
import org.xbarsim.model.Shape;

class PoolChainModelTest {
    @Test
    void pixelByPixelPoolingEqualsTheGoldenEngineOnTheWholeMap() {
        Shape s = new Shape(3, 7, 7);
        List<Layer> ops = List.of(new MaxPool2d("p1", 2, 2), new AvgPool2d("p2", 2, 1), new Flatten("f"));
        // golden: a model made of the pooling layers only
        IntModel m = new IntModel("p", new InputSpec(s, 8, 0, 0), ops, null, Metadata.of("t", "none", "random", 0));
        Random r = new Random(3);
        int[] x = new int[s.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(256);
        }
        int[] expected = new GoldenEngine(m).run(x).logits().toArray();
        PoolChainModel pool = new PoolChainModel(3, s, ops);
        Shape fin = new Shape(3, 2, 2);
        int[] got = new int[fin.size()];
        int emitted = 0;
        for (int y = 0; y < 7; y++) {
            for (int xx = 0; xx < 7; xx++) {
                int[] v = {x[s.index(0, y, xx)], x[s.index(1, y, xx)], x[s.index(2, y, xx)]};
                for (PoolChainModel.Pixel p : pool.accept(0, y, xx, v)) {
                    for (int c = 0; c < 3; c++) {
                        got[fin.index(c, p.y(), p.x())] = p.values()[c];
                    }
                    emitted++;
                }
            }
        }
        assertEquals(4, emitted);
        assertArrayEquals(expected, got);
    }
}
