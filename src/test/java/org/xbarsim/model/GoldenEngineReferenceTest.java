package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The golden engine's loops (im2col rows, column sums, int or long accumulators, zero skipping)
 * against a plain reference written here from docs/model-format.md, one output at a time with
 * {@code long} sums, on seeded random layers of odd shapes: strides of 1 to 3, padding that reaches
 * past the whole input, 1x1 and non-square kernels, channel counts of every size, signed inputs,
 * zero weights and inputs, sums too large for an int, pooling windows that overlap or skip.
 */
class GoldenEngineReferenceTest {
    private static final int CASES = 300;

    @Test
    void convolutionsMatchTheDefinition() {
        SplittableRandom r = new SplittableRandom(21);
        for (int n = 0; n < CASES; n++) {
            boolean wide = n % 5 == 4; // inputs so large that sums need long accumulators
            Shape in = new Shape(1 + r.nextInt(7), 1 + r.nextInt(9), 1 + r.nextInt(9));
            Conv2d c = randomConv(r, "conv" + n, in, wide);
            int[] x = randomInput(r, in.size(), wide);
            String what = c + " on " + in;
            assertArrayEquals(referenceConv(c, in, x), single(in, c).runLayer(0, x), what);
        }
    }

    @Test
    void denseLayersMatchTheDefinition() {
        SplittableRandom r = new SplittableRandom(22);
        for (int n = 0; n < CASES; n++) {
            boolean wide = n % 5 == 4;
            int inF = 1 + r.nextInt(70);
            Dense d = randomDense(r, "dense" + n, inF, wide);
            int[] x = randomInput(r, inF, wide);
            assertArrayEquals(referenceDense(d, x), single(Shape.flat(inF), d).runLayer(0, x), d.toString());
        }
    }

    @Test
    void poolingMatchesTheDefinition() {
        SplittableRandom r = new SplittableRandom(23);
        for (int n = 0; n < CASES; n++) {
            int k = 1 + r.nextInt(3);
            int stride = 1 + r.nextInt(3);
            Shape in = new Shape(1 + r.nextInt(5), k + r.nextInt(7), k + r.nextInt(7));
            int[] x = randomInput(r, in.size(), n % 3 == 2);
            Layer max = new MaxPool2d("max", k, stride);
            Layer avg = new AvgPool2d("avg", k, stride);
            assertArrayEquals(referencePool(in, x, k, stride, true), single(in, max).runLayer(0, x), "max " + k + "/" + stride + " " + in);
            assertArrayEquals(referencePool(in, x, k, stride, false), single(in, avg).runLayer(0, x), "avg " + k + "/" + stride + " " + in);
        }
    }

    @Test
    void wholeNetworksMatchTheLayerByLayerReference() {
        SplittableRandom r = new SplittableRandom(24);
        for (int n = 0; n < 60; n++) {
            Shape in = new Shape(1 + r.nextInt(3), 6 + r.nextInt(8), 6 + r.nextInt(8));
            List<Layer> layers = new ArrayList<>();
            Shape s = in;
            for (int i = 0; i < 2; i++) {
                Conv2d c = randomConv(r, "conv" + i, s, false);
                layers.add(c);
                s = c.outputShape(s);
            }
            if (s.height() >= 2 && s.width() >= 2) {
                Layer p = r.nextBoolean() ? new MaxPool2d("pool", 2, 1 + r.nextInt(2)) : new AvgPool2d("pool", 2, 1 + r.nextInt(2));
                layers.add(p);
                s = p.outputShape(s);
            }
            layers.add(new Flatten("flatten"));
            layers.add(randomDense(r, "fc1", s.size(), false));
            Dense fc1 = (Dense) layers.get(layers.size() - 1);
            layers.add(randomDense(r, "fc2", fc1.outFeatures(), false));
            IntModel m = new IntModel("random", new InputSpec(in, 8, 0, 0), layers, null, Metadata.of("random", "none", "test", 0));
            int[] x = randomInput(r, in.size(), false);
            GoldenEngine engine = new GoldenEngine(m);
            GoldenEngine.Inference got = engine.run(x);
            // the same input inside a batch of others gives the same outputs, layer by layer
            List<int[]> batch = new ArrayList<>();
            for (int b = 0; b < 1 + r.nextInt(20); b++) {
                batch.add(randomInput(r, in.size(), false));
            }
            int at = r.nextInt(batch.size() + 1);
            batch.add(at, x);
            assertEquals(got, engine.runBatch(batch).get(at), "network " + n + " in a batch of " + batch.size());
            int[] expected = x;
            Shape shape = in;
            for (int i = 0; i < layers.size(); i++) {
                expected = reference(layers.get(i), shape, expected);
                shape = layers.get(i).outputShape(shape);
                assertArrayEquals(expected, got.layerOutputs().get(i).toArray(), "network " + n + ", layer " + i);
            }
            assertEquals(GoldenEngine.argmax(expected), got.predicted());
        }
    }

    @Test
    void batchesMatchTheDefinitionInputByInput() {
        SplittableRandom r = new SplittableRandom(25);
        for (int n = 0; n < 120; n++) {
            // batches long enough for several groups of images side by side, and one input in a
            // batch so large that the whole batch needs long sums
            boolean wide = n % 6 == 5;
            Shape in = new Shape(1 + r.nextInt(4), 1 + r.nextInt(9), 1 + r.nextInt(9));
            Layer layer = n % 2 == 0 ? randomConv(r, "conv" + n, in, wide) : randomDense(r, "dense" + n, in.size(), wide);
            Shape layerIn = layer instanceof Dense ? Shape.flat(in.size()) : in;
            int count = 1 + r.nextInt(40);
            List<int[]> xs = new ArrayList<>();
            for (int b = 0; b < count; b++) {
                xs.add(randomInput(r, in.size(), wide && b == count / 2));
            }
            List<GoldenEngine.Inference> got = single(layerIn, layer).runBatch(xs);
            assertEquals(count, got.size());
            for (int b = 0; b < count; b++) {
                assertArrayEquals(reference(layer, layerIn, xs.get(b)), got.get(b).logits().toArray(),
                        layer + " on " + layerIn + ", input " + b + " of " + count);
            }
        }
    }

    /** Patch matrices above GoldenEngine.ROWS_PER_PASS_MAX_CELLS: summed four channels per pass. */
    @Test
    void largeConvolutionsMatchTheDefinition() {
        SplittableRandom r = new SplittableRandom(27);
        for (int n = 0; n < 8; n++) {
            Shape in = new Shape(12 + r.nextInt(6), 14 + r.nextInt(4), 14 + r.nextInt(4));
            int k = 5;
            int outC = 4 + r.nextInt(4); // 4 to 7: four channels, then two and one
            int rows = in.channels() * k * k;
            Conv2d c = new Conv2d("big" + n, in.channels(), outC, k, k, 1, 1 + r.nextInt(2), 2, 2, 8,
                    randomWeights(r, rows * outC, rows), randomBias(r, outC, false), randomRequant(r, outC, false),
                    Activation.RELU, 8, null);
            Shape out = c.outputShape(in);
            int images = 5;
            // images per patch matrix, as the engine groups them (never more than the batch)
            int group = Math.min(images, Math.max(1, (GoldenEngine.CONV_COLUMNS + out.size() / outC - 1) / (out.size() / outC)));
            assertTrue((long) rows * group * (out.size() / outC) > GoldenEngine.ROWS_PER_PASS_MAX_CELLS, c.toString());
            List<int[]> xs = new ArrayList<>();
            for (int b = 0; b < images; b++) {
                xs.add(randomInput(r, in.size(), false));
            }
            List<GoldenEngine.Inference> got = single(in, c).runBatch(xs);
            for (int b = 0; b < xs.size(); b++) {
                assertArrayEquals(referenceConv(c, in, xs.get(b)), got.get(b).logits().toArray(), c + ", input " + b);
            }
        }
    }

    @Test
    void im2colInTwoStepsMatchesTheDirectOne() {
        SplittableRandom r = new SplittableRandom(26);
        for (int n = 0; n < CASES; n++) {
            Shape in = new Shape(1 + r.nextInt(4), 1 + r.nextInt(12), 1 + r.nextInt(12));
            Conv2d any = randomConv(r, "conv" + n, in, false);
            // vertical stride 1, the two-step path's condition; any horizontal stride
            Conv2d c = new Conv2d(any.name(), any.inChannels(), any.outChannels(), any.kernelH(), any.kernelW(), 1,
                    any.strideW(), any.padH(), any.padW(), any.weightBits(), any.weights(), any.bias(), any.requant(),
                    any.activation(), any.outputBits(), null);
            Shape out = c.outputShape(in);
            int positions = out.height() * out.width();
            int offset = r.nextInt(3) * positions;
            int[][] direct = new int[c.matrixRows()][offset + positions];
            int[][] twoStep = new int[c.matrixRows()][offset + positions];
            int[] cut = new int[in.channels() * c.kernelW() * (in.height() + 2 * c.padH()) * out.width()];
            // twice into the same arrays: the second input must not see the first one's values
            for (int k = 0; k < 2; k++) {
                int[] x = randomInput(r, in.size(), false);
                for (int[] row : direct) {
                    java.util.Arrays.fill(row, 0);
                }
                GoldenEngine.im2col(c, in, x, out, direct, offset);
                GoldenEngine.im2colRows(c, in, x, out, cut, twoStep, offset);
                for (int row = 0; row < direct.length; row++) {
                    assertArrayEquals(direct[row], twoStep[row], c + " on " + in + ", input " + k + ", row " + row);
                }
            }
        }
    }

    private static GoldenEngine single(Shape in, Layer layer) {
        return new GoldenEngine(new IntModel("one", new InputSpec(in, 8, 0, 0), List.of(layer), null,
                Metadata.of("one", "none", "test", 0)));
    }

    /** Signed 8-bit values with a share of zeros (as after a ReLU), or values near 2^22 for long sums. */
    private static int[] randomInput(SplittableRandom r, int n, boolean wide) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            if (wide) {
                x[i] = (r.nextBoolean() ? 1 : -1) * ((1 << 22) - r.nextInt(1 << 16));
            } else {
                x[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(256) - 128;
            }
        }
        return x;
    }

    private static Conv2d randomConv(SplittableRandom r, String name, Shape in, boolean wide) {
        int kh = 1 + r.nextInt(Math.min(5, in.height() + 2));
        int kw = r.nextInt(3) == 0 ? kh : 1 + r.nextInt(Math.min(5, in.width() + 2));
        // padding up to the kernel plus 2: windows that read only padding, on every side
        int padH = Math.max(r.nextInt(kh + 3), (kh - in.height() + 1) / 2);
        int padW = Math.max(r.nextInt(kw + 3), (kw - in.width() + 1) / 2);
        int outC = 1 + r.nextInt(11);
        int rows = in.channels() * kh * kw;
        return new Conv2d(name, in.channels(), outC, kh, kw, 1 + r.nextInt(3), 1 + r.nextInt(3), padH, padW, 8,
                randomWeights(r, rows * outC, rows), randomBias(r, outC, wide), randomRequant(r, outC, wide),
                r.nextBoolean() ? Activation.RELU : Activation.NONE, 2 + r.nextInt(15), null);
    }

    private static Dense randomDense(SplittableRandom r, String name, int inF, boolean wide) {
        int outF = 1 + r.nextInt(13);
        return new Dense(name, inF, outF, 8, randomWeights(r, inF * outF, inF), randomBias(r, outF, wide),
                randomRequant(r, outF, wide), r.nextBoolean() ? Activation.RELU : Activation.NONE, 2 + r.nextInt(15), null);
    }

    /** 8-bit weights, with some whole rows (pruned inputs) and single weights zero. */
    private static IntVector randomWeights(SplittableRandom r, int n, int rows) {
        int[] w = new int[n];
        boolean prunedRow = r.nextBoolean();
        int zeroRow = r.nextInt(rows);
        for (int i = 0; i < n; i++) {
            boolean zero = r.nextInt(5) == 0 || (prunedRow && i % rows == zeroRow);
            w[i] = zero ? 0 : r.nextInt(255) - 127;
        }
        return IntVector.wrap(w);
    }

    private static IntVector randomBias(SplittableRandom r, int n, boolean wide) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = wide ? r.nextInt() : r.nextInt(20001) - 10000;
        }
        return IntVector.wrap(b);
    }

    private static List<Requant> randomRequant(SplittableRandom r, int cols, boolean wide) {
        int shift = wide ? 20 + r.nextInt(10) : r.nextInt(12);
        if (r.nextBoolean()) {
            return List.of(Requant.shiftOnly(shift));
        }
        List<Requant> out = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            out.add(new Requant(1 + r.nextInt(1 << 15), shift + 8));
        }
        return out;
    }

    private static int[] reference(Layer layer, Shape in, int[] x) {
        if (layer instanceof Conv2d c) {
            return referenceConv(c, in, x);
        } else if (layer instanceof Dense d) {
            return referenceDense(d, x);
        } else if (layer instanceof MaxPool2d p) {
            return referencePool(in, x, p.kernel(), p.stride(), true);
        } else if (layer instanceof AvgPool2d p) {
            return referencePool(in, x, p.kernel(), p.stride(), false);
        }
        return x; // flatten
    }

    /** {@code clamp(roundHalfUp((acc + bias) * m / 2^s), lo, hi)} of docs/model-format.md. */
    private static int output(WeightedLayer l, int col, long acc) {
        Requant q = l.requantFor(col);
        long v = (acc + l.bias().get(col)) * q.multiplier();
        if (q.shift() > 0) {
            v = Math.floorDiv(v + (1L << (q.shift() - 1)), 1L << q.shift());
        }
        return (int) Math.max(l.activation().min(l.outputBits()), Math.min(l.activation().max(l.outputBits()), v));
    }

    private static int[] referenceConv(Conv2d c, Shape in, int[] x) {
        Shape out = c.outputShape(in);
        int[] y = new int[out.size()];
        for (int co = 0; co < c.outChannels(); co++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    long acc = 0;
                    for (int ci = 0; ci < c.inChannels(); ci++) {
                        for (int ky = 0; ky < c.kernelH(); ky++) {
                            for (int kx = 0; kx < c.kernelW(); kx++) {
                                int iy = oy * c.strideH() - c.padH() + ky;
                                int ix = ox * c.strideW() - c.padW() + kx;
                                if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                                    acc += (long) c.weights().get(((co * c.inChannels() + ci) * c.kernelH() + ky) * c.kernelW() + kx)
                                            * x[(ci * in.height() + iy) * in.width() + ix];
                                }
                            }
                        }
                    }
                    y[(co * out.height() + oy) * out.width() + ox] = output(c, co, acc);
                }
            }
        }
        return y;
    }

    private static int[] referenceDense(Dense d, int[] x) {
        int[] y = new int[d.outFeatures()];
        for (int o = 0; o < y.length; o++) {
            long acc = 0;
            for (int i = 0; i < d.inFeatures(); i++) {
                acc += (long) d.weights().get(o * d.inFeatures() + i) * x[i];
            }
            y[o] = output(d, o, acc);
        }
        return y;
    }

    private static int[] referencePool(Shape in, int[] x, int k, int stride, boolean max) {
        int oh = (in.height() - k) / stride + 1;
        int ow = (in.width() - k) / stride + 1;
        int[] y = new int[in.channels() * oh * ow];
        for (int ch = 0; ch < in.channels(); ch++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    List<Integer> window = new ArrayList<>();
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            window.add(x[(ch * in.height() + oy * stride + ky) * in.width() + ox * stride + kx]);
                        }
                    }
                    long sum = window.stream().mapToLong(Integer::longValue).sum();
                    // average: round half up, floor((sum + n/2) / n)
                    y[(ch * oh + oy) * ow + ox] = max ? window.stream().mapToInt(Integer::intValue).max().getAsInt()
                            : (int) Math.floorDiv(sum + k * k / 2, (long) k * k);
                }
            }
        }
        return y;
    }
}
