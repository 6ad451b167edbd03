package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.RandomModels;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;

/**
 * The contract a simulator relies on, end to end: feeding a layer's golden input activations, im2col
 * window by window and bit-plane by bit-plane, through every crossbar's column sums and shift-add
 * recombination, then requantizing, reproduces the golden engine's layer output exactly.
 */
class MappingAgainstGoldenTest {

    @ParameterizedTest
    @EnumSource(SignedEncoding.class)
    void prunedLenet5ThroughTheCrossbarsMatchesTheGoldenEngine(SignedEncoding encoding) {
        CrossbarGeometry g = new CrossbarGeometry(64, 64, 2, 8, encoding);
        IntModel model = RandomModels.prune(RandomModels.lenet5(3), g, 0.8, 3);
        Mapping mapping = Mapper.map(model, new MappingTarget(g, 16, 16));
        assertEquals(List.of(), ReadBack.verify(mapping, model));
        assertTrue(mapping.allocatedCrossbars() < mapping.denseCrossbars());

        SplittableRandom rnd = new SplittableRandom(9);
        int[] input = new int[model.input().shape().size()];
        for (int i = 0; i < input.length; i++) {
            input[i] = rnd.nextInt(1 << model.input().bits());
        }
        GoldenEngine golden = new GoldenEngine(model);
        GoldenEngine.Inference ref = golden.run(input);
        int bits = 16; // wide enough for every activation width in the model
        for (LayerMapping lm : mapping.layers()) {
            int i = lm.layerIndex();
            WeightedLayer w = (WeightedLayer) model.layers().get(i);
            int[] x = i == 0 ? input : ref.layerOutputs().get(i - 1).toArray();
            Shape in = model.inputShapeOf(i);
            Shape out = model.shapes().get(i);
            int positions = w instanceof Conv2d ? out.height() * out.width() : 1;
            int[] y = new int[out.size()];
            for (int pos = 0; pos < positions; pos++) {
                int[] column = im2col(w, in, x, pos, out);
                long[] acc = new long[w.matrixCols()];
                for (CrossbarPlacement xb : lm.crossbars()) {
                    for (int b = 0; b < bits; b++) {
                        int[] plane = new int[xb.usedRows()];
                        for (int a = 0; a < plane.length; a++) {
                            plane[a] = (column[xb.inputRows().get(a)] >> b) & 1;
                        }
                        long[] part = xb.partialSums(plane);
                        for (int o = 0; o < part.length; o++) {
                            acc[xb.outputColumns().get(o)] += part[o] << b;
                        }
                    }
                }
                for (int col = 0; col < acc.length; col++) {
                    y[col * positions + pos] = w.finish(col, acc[col]);
                }
            }
            assertArrayEquals(ref.layerOutputs().get(i).toArray(), y, "layer " + lm.layerName());
            assertTrue(java.util.Arrays.stream(y).distinct().count() > 2, "layer " + lm.layerName() + " output is not trivial");
        }
    }

    /** The im2col input vector (one value per matrix row) of output position {@code pos}. */
    private static int[] im2col(Layer layer, Shape in, int[] x, int pos, Shape out) {
        if (!(layer instanceof Conv2d c)) {
            return x;
        }
        int oy = pos / out.width();
        int ox = pos % out.width();
        int[] v = new int[c.matrixRows()];
        for (int ci = 0; ci < c.inChannels(); ci++) {
            for (int ky = 0; ky < c.kernelH(); ky++) {
                for (int kx = 0; kx < c.kernelW(); kx++) {
                    int iy = oy * c.strideH() - c.padH() + ky;
                    int ix = ox * c.strideW() - c.padW() + kx;
                    boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
                    v[(ci * c.kernelH() + ky) * c.kernelW() + kx] = inside ? x[in.index(ci, iy, ix)] : 0;
                }
            }
        }
        return v;
    }
}
