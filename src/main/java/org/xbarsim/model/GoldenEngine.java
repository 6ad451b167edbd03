package org.xbarsim.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference integer inference: pure Java, integer arithmetic only ({@code long}
 * accumulators, or {@code int} ones where no sum can overflow them), no floating point. The simulated hardware must match it bit for bit. Its
 * semantics are specified in docs/model-format.md; this class is one implementation of that text.
 * Thread-safe: it holds only immutable state.
 *
 * <p>Speed: every inner loop reads and writes its arrays at the same index ({@code acc[p] += w *
 * row[p]}). The JIT (C2 of Java 17) vectorizes only such loops: it cannot tell that {@code acc[p]}
 * and {@code patches[base + p]} are different arrays, so it leaves a loop with an offset on one side
 * scalar, measured 4-5 times slower. Hence the weights and the im2col matrix are kept as one array
 * per matrix row or column rather than one flat array, and dense layers are column sums too (one
 * dot product's sum is a reduction, which this JIT vectorizes poorly).
 */
public final class GoldenEngine {
    private final IntModel model;
    private final List<Shape> inShapes;
    // per layer, the weights by output column for conv ([out][in * kh * kw]) and by input for dense
    // ([in][out]); null for unweighted layers
    private final List<int[][]> weights;
    // per layer, the largest sum of |weight| over one output's inputs (0 for unweighted layers): a
    // sum fits an int accumulator when this times the largest |input| does
    private final long[] maxWeightL1;
    private final WeightedLayer.ColumnFinish[][] finishers; // per layer, per output column

    public GoldenEngine(IntModel model) {
        this.model = model;
        List<Shape> outs = model.shapes();
        int n = model.layers().size();
        this.inShapes = new ArrayList<>();
        this.weights = new ArrayList<>();
        this.maxWeightL1 = new long[n];
        this.finishers = new WeightedLayer.ColumnFinish[n][];
        Shape s = model.input().shape();
        for (int i = 0; i < n; i++) {
            inShapes.add(s);
            s = outs.get(i);
            if (model.layers().get(i) instanceof WeightedLayer wl) {
                int[][] w = columns(wl.weights().toArray(), wl.matrixRows());
                maxWeightL1[i] = maxL1(w);
                weights.add(wl instanceof Dense ? transpose(w) : w);
                finishers[i] = new WeightedLayer.ColumnFinish[wl.matrixCols()];
                for (int col = 0; col < finishers[i].length; col++) {
                    finishers[i][col] = wl.finisher(col);
                }
            } else {
                weights.add(null);
            }
        }
    }

    /** Splits weights stored output column after output column into one array per column. */
    private static int[][] columns(int[] w, int rows) {
        int[][] cols = new int[w.length / rows][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = Arrays.copyOfRange(w, c * rows, (c + 1) * rows);
        }
        return cols;
    }

    private static int[][] transpose(int[][] m) {
        int[][] t = new int[m.length == 0 ? 0 : m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static long maxL1(int[][] columns) {
        long max = 0;
        for (int[] col : columns) {
            long sum = 0;
            for (int v : col) {
                sum += Math.abs((long) v);
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    /**
     * Whether every partial sum of layer {@code index} on input {@code x} fits an int: then the
     * int loops (twice as many lanes per vector instruction as long ones) give the exact sums.
     */
    private boolean sumsFitInt(int index, int[] x) {
        long maxAbs = 0;
        for (int v : x) {
            maxAbs = Math.max(maxAbs, Math.abs((long) v));
        }
        return maxAbs == 0 || maxWeightL1[index] <= Integer.MAX_VALUE / maxAbs;
    }

    public IntModel model() {
        return model;
    }

    /** The result of one inference. */
    public record Inference(IntVector logits, int predicted, List<IntVector> layerOutputs) {
    }

    /** Runs raw input values (CHW, before input quantization). */
    public Inference runRaw(int[] raw) {
        return run(model.input().quantize(raw));
    }

    /** Runs already quantized input values (CHW). Keeps every layer's output. */
    public Inference run(int[] quantizedInput) {
        if (quantizedInput.length != model.input().shape().size()) {
            throw new IllegalArgumentException("input has " + quantizedInput.length + " values, the model expects "
                    + model.input().shape().size() + " (" + model.input().shape() + ")");
        }
        int[] x = quantizedInput;
        List<IntVector> outs = new ArrayList<>(model.layers().size());
        for (int i = 0; i < model.layers().size(); i++) {
            x = runLayer(i, x);
            outs.add(IntVector.wrap(x));
        }
        return new Inference(IntVector.wrap(x), argmax(x), List.copyOf(outs));
    }

    /** Runs layer {@code index} alone on its input activations (CHW). */
    public int[] runLayer(int index, int[] in) {
        Layer layer = model.layers().get(index);
        Shape inShape = inShapes.get(index);
        if (layer instanceof Conv2d c) {
            return conv(c, weights.get(index), inShape, in, sumsFitInt(index, in), finishers[index]);
        } else if (layer instanceof Dense d) {
            return dense(d, weights.get(index), in, sumsFitInt(index, in), finishers[index]);
        } else if (layer instanceof MaxPool2d p) {
            return maxPool(inShape, in, p.kernel(), p.stride());
        } else if (layer instanceof AvgPool2d p) {
            return avgPool(inShape, in, p.kernel(), p.stride());
        } else if (layer instanceof Flatten) {
            return in;
        }
        throw new IllegalStateException("unhandled layer kind " + layer.kind());
    }

    /** Index of the largest value; the lowest index wins a tie. */
    public static int argmax(int[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] conv(Conv2d c, int[][] w, Shape in, int[] x, boolean intSums,
                              WeightedLayer.ColumnFinish[] f) {
        Shape out = c.outputShape(in);
        int positions = out.height() * out.width();
        int[][] patches = im2col(c, in, x, out);
        int[] y = new int[out.size()];
        // each output channel is a sum over matrix rows of weight x patch row, skipping zero weights
        // (pruned layers have many)
        if (intSums) {
            int co = 0;
            // four output channels per pass over the patch rows: each patch value is loaded once for
            // four multiply-adds, which keeps the vector units busier than the loads and stores
            int[] a0 = new int[positions];
            int[] a1 = new int[positions];
            int[] a2 = new int[positions];
            int[] a3 = new int[positions];
            for (; co + 4 <= c.outChannels(); co += 4) {
                Arrays.fill(a0, 0);
                Arrays.fill(a1, 0);
                Arrays.fill(a2, 0);
                Arrays.fill(a3, 0);
                int[] w0 = w[co];
                int[] w1 = w[co + 1];
                int[] w2 = w[co + 2];
                int[] w3 = w[co + 3];
                for (int r = 0; r < w0.length; r++) {
                    int v0 = w0[r];
                    int v1 = w1[r];
                    int v2 = w2[r];
                    int v3 = w3[r];
                    if ((v0 | v1 | v2 | v3) == 0) {
                        continue;
                    }
                    int[] row = patches[r];
                    for (int p = 0; p < positions; p++) {
                        int v = row[p];
                        a0[p] += v0 * v;
                        a1[p] += v1 * v;
                        a2[p] += v2 * v;
                        a3[p] += v3 * v;
                    }
                }
                finish(a0, f[co], y, co * positions);
                finish(a1, f[co + 1], y, (co + 1) * positions);
                finish(a2, f[co + 2], y, (co + 2) * positions);
                finish(a3, f[co + 3], y, (co + 3) * positions);
            }
            int[] acc = a0;
            for (; co < c.outChannels(); co++) {
                Arrays.fill(acc, 0);
                int[] wc = w[co];
                for (int r = 0; r < wc.length; r++) {
                    int wv = wc[r];
                    if (wv == 0) {
                        continue;
                    }
                    int[] row = patches[r];
                    for (int p = 0; p < positions; p++) {
                        acc[p] += wv * row[p];
                    }
                }
                finish(acc, f[co], y, co * positions);
            }
            return y;
        }
        long[] acc = new long[positions];
        for (int co = 0; co < c.outChannels(); co++) {
            Arrays.fill(acc, 0L);
            int[] wc = w[co];
            for (int r = 0; r < wc.length; r++) {
                long wv = wc[r];
                if (wv == 0) {
                    continue;
                }
                int[] row = patches[r];
                for (int p = 0; p < positions; p++) {
                    acc[p] += wv * row[p];
                }
            }
            WeightedLayer.ColumnFinish fc = f[co];
            int base = co * positions;
            for (int p = 0; p < positions; p++) {
                y[base + p] = fc.apply(acc[p]);
            }
        }
        return y;
    }

    private static void finish(int[] acc, WeightedLayer.ColumnFinish f, int[] y, int base) {
        for (int p = 0; p < acc.length; p++) {
            y[base + p] = f.apply(acc[p]);
        }
    }

    /**
     * The im2col matrix: {@code patches[r][p]} is the input under matrix row {@code r} (channel-major,
     * as the weights) at output position {@code p}, zero where the kernel reads padding.
     */
    static int[][] im2col(Conv2d c, Shape in, int[] x, Shape out) {
        int oh = out.height();
        int ow = out.width();
        int kh = c.kernelH();
        int kw = c.kernelW();
        int sh = c.strideH();
        int sw = c.strideW();
        int ih = in.height();
        int iw = in.width();
        int[][] patches = new int[c.matrixRows()][oh * ow];
        for (int ci = 0; ci < c.inChannels(); ci++) {
            int xBase = ci * ih * iw;
            for (int ky = 0; ky < kh; ky++) {
                // the output rows and columns whose window puts kernel cell (ky, kx) inside the input
                int oyLo = validLo(c.padH() - ky, sh);
                int oyHi = validHi(ih - 1 + c.padH() - ky, sh, oh);
                for (int kx = 0; kx < kw; kx++) {
                    int oxLo = validLo(c.padW() - kx, sw);
                    int oxHi = validHi(iw - 1 + c.padW() - kx, sw, ow);
                    int[] row = patches[(ci * kh + ky) * kw + kx];
                    for (int oy = oyLo; oy <= oyHi; oy++) {
                        int src = xBase + (oy * sh - c.padH() + ky) * iw - c.padW() + kx;
                        int dst = oy * ow;
                        if (sw == 1) {
                            if (oxHi >= oxLo) {
                                System.arraycopy(x, src + oxLo, row, dst + oxLo, oxHi - oxLo + 1);
                            }
                        } else {
                            for (int ox = oxLo; ox <= oxHi; ox++) {
                                row[dst + ox] = x[src + ox * sw];
                            }
                        }
                    }
                }
            }
        }
        return patches;
    }

    /** Smallest output index {@code o >= 0} with {@code o * stride >= need}. */
    private static int validLo(int need, int stride) {
        return need <= 0 ? 0 : (need + stride - 1) / stride;
    }

    /** Largest output index {@code o < n} with {@code o * stride <= limit}; -1 when none. */
    private static int validHi(int limit, int stride, int n) {
        return limit < 0 ? -1 : Math.min(n - 1, limit / stride);
    }

    /**
     * A dense layer as column sums too: each input adds its weight row (one weight per output) times
     * its value into the outputs' accumulators, a loop the JIT vectorizes, which it does not do well
     * for the sum of one dot product; inputs of zero (after a ReLU, most) are skipped.
     */
    private static int[] dense(Dense d, int[][] wByInput, int[] x, boolean intSums, WeightedLayer.ColumnFinish[] f) {
        int n = d.inFeatures();
        if (x.length != n) {
            throw new IllegalArgumentException("layer '" + d.name() + "' expects " + n + " inputs, got " + x.length);
        }
        int[] y = new int[d.outFeatures()];
        if (intSums) {
            int[] acc = new int[y.length];
            for (int i = 0; i < n; i++) {
                int xi = x[i];
                if (xi == 0) {
                    continue;
                }
                int[] wi = wByInput[i];
                for (int o = 0; o < acc.length; o++) {
                    acc[o] += xi * wi[o];
                }
            }
            finish(acc, f, y);
            return y;
        }
        long[] acc = new long[y.length];
        for (int i = 0; i < n; i++) {
            long xi = x[i];
            if (xi == 0) {
                continue;
            }
            int[] wi = wByInput[i];
            for (int o = 0; o < acc.length; o++) {
                acc[o] += xi * wi[o];
            }
        }
        for (int o = 0; o < y.length; o++) {
            y[o] = f[o].apply(acc[o]);
        }
        return y;
    }

    private static void finish(int[] acc, WeightedLayer.ColumnFinish[] f, int[] y) {
        for (int o = 0; o < y.length; o++) {
            y[o] = f[o].apply(acc[o]);
        }
    }

    private static int[] maxPool(Shape in, int[] x, int k, int stride) {
        int oh = (in.height() - k) / stride + 1;
        int ow = (in.width() - k) / stride + 1;
        int iw = in.width();
        int[] y = new int[in.channels() * oh * ow];
        int dst = 0;
        for (int ch = 0; ch < in.channels(); ch++) {
            int chBase = ch * in.height() * iw;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int corner = chBase + oy * stride * iw + ox * stride;
                    int max = Integer.MIN_VALUE; // a window holds at least one value, which replaces it
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            max = Math.max(max, x[corner + ky * iw + kx]);
                        }
                    }
                    y[dst++] = max;
                }
            }
        }
        return y;
    }

    private static int[] avgPool(Shape in, int[] x, int k, int stride) {
        int oh = (in.height() - k) / stride + 1;
        int ow = (in.width() - k) / stride + 1;
        int iw = in.width();
        int[] y = new int[in.channels() * oh * ow];
        int n = k * k;
        int dst = 0;
        for (int ch = 0; ch < in.channels(); ch++) {
            int chBase = ch * in.height() * iw;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int corner = chBase + oy * stride * iw + ox * stride;
                    long sum = 0; // k * k ints can exceed an int
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            sum += x[corner + ky * iw + kx];
                        }
                    }
                    y[dst++] = (int) IntOps.roundDiv(sum, n);
                }
            }
        }
        return y;
    }
}
