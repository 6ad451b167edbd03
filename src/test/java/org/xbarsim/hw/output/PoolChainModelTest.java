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

    /**
     * 2x2 average pooling of a 2x2 map, 2 channels: one window, done at the fourth pixel with 8
     * operations (one per element read), averaged with rounding; the image's state is then freed,
     * so the same image number pooled again starts afresh, while another image in flight keeps its own.
     */
    @Test
    void oneWindowCountsItsOperationsAveragesWithRoundingAndFreesTheImageWhenDone() {
        Shape s = new Shape(2, 2, 2);
        PoolChainModel pool = new PoolChainModel(2, s, List.of(new AvgPool2d("p", 2, 2)));
        int[][] a = {{1, -8}, {2, -8}, {2, -8}, {2, -7}};
        int[][] b = {{9, 0}, {9, 0}, {9, 0}, {8, 3}};
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(List.of(), pool.accept(0, k / 2, k % 2, a[k]));
                assertEquals(0, pool.lastOperations());
                assertEquals(List.of(), pool.accept(1, k / 2, k % 2, b[k]));
            }
            List<PoolChainModel.Pixel> outA = pool.accept(0, 1, 1, a[3]);
            assertEquals(8, pool.lastOperations(), "2 channels x 4 elements");
            assertEquals(1, outA.size());
            assertArrayEquals(new int[] {2, -8}, outA.get(0).values(), "7 / 4 rounds to 2, -31 / 4 to -8");
            List<PoolChainModel.Pixel> outB = pool.accept(1, 1, 1, b[3]);
            assertArrayEquals(new int[] {9, 1}, outB.get(0).values(), "35 / 4 rounds to 9, 3 / 4 to 1");
        }
    }

    @Test
    void maxPoolingOfAnAllNegativeWindowKeepsItsLargestValue() {
        PoolChainModel pool = new PoolChainModel(1, new Shape(1, 2, 2), List.of(new MaxPool2d("p", 2, 2)));
        pool.accept(0, 0, 0, new int[] {-5});
        pool.accept(0, 0, 1, new int[] {-3});
        pool.accept(0, 1, 0, new int[] {-9});
        assertArrayEquals(new int[] {-3}, pool.accept(0, 1, 1, new int[] {-4}).get(0).values());
        assertEquals(4, pool.lastOperations());
    }
}
