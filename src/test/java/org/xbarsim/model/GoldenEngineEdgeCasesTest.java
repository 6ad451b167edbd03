package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cases the hand-worked network of {@link GoldenEngineTest} does not reach: vectors that differ,
 * windows of negative values, and strided convolutions whose last window hangs into the padding,
 * each checked against a plain reference written here from the model-format definitions.
 */
class GoldenEngineEdgeCasesTest {
    @Test
    void vectorsAreEqualOnlyWhenEveryValueIs() {
        IntVector a = IntVector.of(1, 2, 3);
        assertEquals(a, IntVector.of(1, 2, 3));
        assertEquals(a.hashCode(), IntVector.of(1, 2, 3).hashCode());
        assertNotEquals(a, IntVector.of(1, 2, 4));
        assertNotEquals(a, IntVector.of(1, 2));
        assertNotEquals(a, IntVector.of(1, 2, 3, 0));
        assertNotEquals(a, (Object) new int[] {1, 2, 3});
        assertNotEquals(IntVector.of(), IntVector.of(0));
    }

    private static IntModel single(Shape in, Layer layer) {
        return new IntModel("edge", new InputSpec(in, 8, 0, 0), List.of(layer), null, Metadata.of("edge", "none", "test", 0));
    }

    @Test
    void maxPoolingOfNegativeWindowsKeepsTheLargestNegativeValue() {
        // windows of values all below zero: a max that started from 0 would give 0
        int[] in = {-3, -5, -1, -7, /* row 2 */ -9, -2, -8, -6, /* row 3 */ -4, -4, -4, -4, /* row 4 */ -1, -9, -3, -2};
        int[] out = new GoldenEngine(single(new Shape(1, 4, 4), new MaxPool2d("max", 2, 2))).runLayer(0, in);
        assertArrayEquals(new int[] {-2, -1, -1, -2}, out);
        int[] mixed = new GoldenEngine(single(new Shape(1, 2, 2), new MaxPool2d("max", 2, 2))).runLayer(0,
                new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE});
        assertArrayEquals(new int[] {Integer.MIN_VALUE}, mixed, "the smallest int is a value, not a sentinel");
    }

    @Test
    void averagePoolingOfNegativeWindowsRoundsHalvesUp() {
        // channel sums -4 and -4 -> floorDiv(-4 + 2, 4) = -1 (-1.0 exactly would be -1 too; -0.5 would round to 0)
        int[] in = {-1, -2, 0, -1, -3, 0, -1, 0, /* 2x4 */};
        int[] out = new GoldenEngine(single(new Shape(2, 2, 2), new AvgPool2d("avg", 2, 2))).runLayer(0, in);
        assertArrayEquals(new int[] {-1, -1}, out);
        int[] nine = new GoldenEngine(single(new Shape(1, 2, 2), new AvgPool2d("avg", 2, 2))).runLayer(0,
                new int[] {-2, -2, -2, -3});
        assertArrayEquals(new int[] {-2}, nine);
    }

    @Test
    void stridedConvolutionsWhoseLastWindowReachesIntoThePaddingMatchTheDefinition() {
        Random rnd = new Random(11);
        // (height, width, kernel, stride, pad): last windows overlap the bottom/right padding
        int[][] cases = {{5, 5, 3, 2, 1}, {4, 4, 2, 2, 1}, {6, 5, 3, 2, 2}, {7, 4, 3, 3, 1}, {5, 6, 4, 2, 2},
                // one pixel high or wide at stride 1: a kernel row or column meets a single output
                {1, 5, 3, 1, 1}, {5, 1, 3, 1, 1}, {1, 1, 3, 1, 1}};
        for (int[] c : cases) {
            int h = c[0], w = c[1], k = c[2], s = c[3], p = c[4];
            int inC = 2, outC = 3;
            int[] wts = new int[outC * inC * k * k];
            for (int i = 0; i < wts.length; i++) {
                wts[i] = rnd.nextInt(15) - 7;
            }
            int[] bias = {5, -3, 0};
            Conv2d conv = new Conv2d("conv", inC, outC, k, k, s, s, p, p, 4, IntVector.wrap(wts), IntVector.wrap(bias),
                    List.of(Requant.shiftOnly(1)), Activation.NONE, 16, null);
            int[] in = new int[inC * h * w];
            for (int i = 0; i < in.length; i++) {
                in[i] = rnd.nextInt(256);
            }
            int[] got = new GoldenEngine(single(new Shape(inC, h, w), conv)).runLayer(0, in);
            assertArrayEquals(reference(in, inC, h, w, wts, bias, outC, k, s, p, 1), got,
                    "conv " + h + "x" + w + " kernel " + k + " stride " + s + " pad " + p);
        }
    }

    @Test
    void sumsBeyondTheIntRangeAreExact() {
        // inputs near 2^27 with 4-bit weights: accumulators reach about 10^10, past what an int holds
        Random rnd = new Random(5);
        int inC = 2, outC = 3, k = 3, h = 4, w = 4, shift = 20;
        int[] wts = new int[outC * inC * k * k];
        for (int i = 0; i < wts.length; i++) {
            wts[i] = rnd.nextInt(15) - 7;
        }
        int[] bias = {1 << 20, -(1 << 22), 0};
        int[] in = new int[inC * h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = (1 << 27) - rnd.nextInt(1 << 20);
        }
        Conv2d conv = new Conv2d("conv", inC, outC, k, k, 1, 1, 1, 1, 4, IntVector.wrap(wts), IntVector.wrap(bias),
                List.of(Requant.shiftOnly(shift)), Activation.NONE, 16, null);
        assertArrayEquals(reference(in, inC, h, w, wts, bias, outC, k, 1, 1, shift),
                new GoldenEngine(single(new Shape(inC, h, w), conv)).runLayer(0, in));

        int n = 40;
        int[] dw = new int[outC * n];
        for (int i = 0; i < dw.length; i++) {
            dw[i] = rnd.nextInt(15) - 7;
        }
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = (1 << 27) - rnd.nextInt(1 << 20);
        }
        Dense dense = new Dense("dense", n, outC, 4, IntVector.wrap(dw), IntVector.wrap(bias), List.of(Requant.shiftOnly(shift)),
                Activation.NONE, 16, null);
        int[] expected = new int[outC];
        for (int o = 0; o < outC; o++) {
            long acc = bias[o];
            for (int i = 0; i < n; i++) {
                acc += (long) dw[o * n + i] * x[i];
            }
            expected[o] = (int) Math.max(-(1 << 15), Math.min((1 << 15) - 1, Math.floorDiv(acc + (1L << (shift - 1)), 1L << shift)));
        }
        assertArrayEquals(expected, new GoldenEngine(single(Shape.flat(n), dense)).runLayer(0, x));
    }

    /** Conv2d as docs/model-format.md defines it, one output at a time, for checking. */
    private static int[] reference(int[] in, int inC, int h, int w, int[] wts, int[] bias, int outC, int k, int s, int p,
                                   int shift) {
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (w + 2 * p - k) / s + 1;
        int[] out = new int[outC * oh * ow];
        for (int o = 0; o < outC; o++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    long acc = bias[o];
                    for (int ci = 0; ci < inC; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = y * s - p + ky;
                                int ix = x * s - p + kx;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    acc += (long) wts[((o * inC + ci) * k + ky) * k + kx] * in[(ci * h + iy) * w + ix];
                                }
                            }
                        }
                    }
                    long v = Math.floorDiv(acc + (1L << (shift - 1)), 1L << shift); // halves up
                    out[(o * oh + y) * ow + x] = (int) Math.max(-(1 << 15), Math.min((1 << 15) - 1, v));
                }
            }
        }
        return out;
    }
}
