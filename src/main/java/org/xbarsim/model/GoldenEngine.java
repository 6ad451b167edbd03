package org.xbarsim.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The reference integer inference: pure Java, integer arithmetic only ({@code long}
 * accumulators, or {@code int} ones where no sum can overflow them), no floating point. The simulated hardware must match it bit for bit. Its
 * semantics are specified in docs/model-format.md; this class is one implementation of that text.
 * Thread-safe: it holds only immutable state.
 *
 * <p>Speed: every inner loop reads and writes its arrays at the same index ({@code acc[p] += w *
 * row[p]}). The JIT (C2 of Java 17) vectorizes only such loops: it cannot tell that {@code acc[p]}
 * and {@code patches[base + p]} are different arrays, so it leaves a loop with an offset on one side
 * scalar, measured 4-5 times slower. Hence the im2col matrix is kept as one array per matrix row, a
 * convolution's weights are copied into one array per output channel as its channels are summed (a
 * few at a time, from the model's vector), a dense layer's weights are kept as one array per input,
 * and dense layers are column sums too (one
 * dot product's sum is a reduction, which this JIT vectorizes poorly). A convolution channel sums
 * four non-zero weight rows per pass ({@link #sumRows}: one accumulator store per four
 * multiply-adds), or, for patch matrices too large for the level-2 cache, four channels per pass
 * over one row ({@link #sum4}); for the small ones, the im2col matrix at vertical stride 1 takes
 * one copy per matrix row ({@link #im2colRows}). Measured slower, and so not done: bodies summing
 * two rows into two or four channels, or eight channels at once (C2 leaves them scalar), and a
 * dense layer summing into accumulators taken out of a two-dimensional array rather than allocated
 * in the method.
 * {@link #runBatch} runs many inputs layer by layer, so a convolution with few output positions
 * gets the im2col matrices of several images side by side (longer inner loops). The output
 * functions skip their overflow checks where the layer's bounds prove none can fire
 * ({@link RowFinish}).
 */
public final class GoldenEngine {
    /** Output positions a convolution's im2col rows should reach, images side by side, at least. */
    static final int CONV_COLUMNS = 512;
    /**
     * The largest patch matrix (in cells) whose channels {@link #sumRows} sums one by one, four rows
     * per pass; larger ones go four channels per pass over one row ({@link #sum4}), which reads the
     * matrix a quarter as often. Measured on LeNet-5 (150 x 600 cells: 0.03 against 0.05 ns per
     * multiply-add) and vgg-small (576 x 588: 0.04 against 0.024): this is about where the matrix stops
     * fitting a core's level-2 cache here (1 MiB) with room to spare.
     */
    static final long ROWS_PER_PASS_MAX_CELLS = 128 * 1024;

    private final IntModel model;
    private final List<Shape> inShapes;
    // per dense layer, the weights by input ([in][out], the layout its vector loops read); null for others
    private final List<int[][]> weights;
    // per conv layer, the model's weights themselves, output channel after output channel, copied a few
    // channels at a time as they are summed (copies of every column, kept, took 51 MB for the VGG-16 of
    // docs/simulation.md, "Sixteenth pass"); null for others
    private final IntVector[] convWeights;
    // per conv layer, per output channel, the matrix rows where its weight is not zero (null for
    // other layers)
    private final int[][][] nonZeroRows;
    // per layer, the largest sum of |weight| over one output's inputs (0 for unweighted layers): a
    // sum fits an int accumulator when this times the largest |input| does
    private final long[] maxWeightL1;
    private final WeightedLayer.ColumnFinish[][] finishers; // per layer, per output column
    private final RowFinish[][] rowFinishers; // the same, for rows of int accumulators

    public GoldenEngine(IntModel model) {
        this.model = model;
        List<Shape> outs = model.shapes();
        int n = model.layers().size();
        this.inShapes = new ArrayList<>();
        this.weights = new ArrayList<>();
        this.convWeights = new IntVector[n];
        this.maxWeightL1 = new long[n];
        this.nonZeroRows = new int[n][][];
        this.finishers = new WeightedLayer.ColumnFinish[n][];
        this.rowFinishers = new RowFinish[n][];
        Shape s = model.input().shape();
        for (int i = 0; i < n; i++) {
            inShapes.add(s);
            s = outs.get(i);
            if (model.layers().get(i) instanceof WeightedLayer wl) {
                int rows = wl.matrixRows();
                maxWeightL1[i] = maxL1(wl.weights(), rows);
                weights.add(wl instanceof Dense ? transpose(columns(wl.weights(), rows)) : null);
                if (wl instanceof Conv2d) {
                    convWeights[i] = wl.weights();
                    nonZeroRows[i] = new int[wl.matrixCols()][];
                    int[] allRows = null; // shared by the columns with few zero weights (most of an unpruned layer)
                    for (int col = 0; col < wl.matrixCols(); col++) {
                        int[] at = nonZero(wl.weights(), col * rows, rows);
                        if (at == null) {
                            allRows = allRows != null ? allRows : IntStream.range(0, rows).toArray();
                            at = allRows;
                        }
                        nonZeroRows[i][col] = at;
                    }
                }
                finishers[i] = new WeightedLayer.ColumnFinish[wl.matrixCols()];
                rowFinishers[i] = new RowFinish[wl.matrixCols()];
                for (int col = 0; col < finishers[i].length; col++) {
                    finishers[i][col] = wl.finisher(col);
                    rowFinishers[i][col] = new RowFinish(finishers[i][col]);
                }
            } else {
                weights.add(null);
            }
        }
    }

    /**
     * Splits weights stored output column after output column into one array per column (straight
     * from the model's vector: a whole copy first would double a large model's weights in memory).
     */
    private static int[][] columns(IntVector w, int rows) {
        int[][] cols = new int[w.size() / rows][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = new int[rows];
            w.copyTo(c * rows, cols[c], 0, rows);
        }
        return cols;
    }

    /**
     * The indices of {@code v}'s non-zero values, or null when at least three quarters are non-zero:
     * then summing over every row costs little more and needs no index array of the column's size
     * (a zero weight adds nothing, so the sums are the same either way).
     */
    private static int[] nonZero(IntVector w, int from, int length) {
        int count = w.countNonZero(from, from + length);
        if (4L * count >= 3L * length) {
            return null;
        }
        int[] at = new int[count];
        for (int i = 0, k = 0; i < length; i++) {
            if (w.get(from + i) != 0) {
                at[k++] = i;
            }
        }
        return at;
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

    /** The largest sum of magnitudes over one column of {@code rows} weights. */
    private static long maxL1(IntVector w, int rows) {
        long max = 0;
        for (int from = 0; from < w.size(); from += rows) {
            max = Math.max(max, w.absSum(from, from + rows));
        }
        return max;
    }

    /**
     * An upper bound of every partial sum's magnitude of layer {@code index} on inputs {@code xs}
     * ({@code Long.MAX_VALUE} when it does not fit a long). When it fits an int, the int loops (twice
     * as many lanes per vector instruction as long ones) give the exact sums.
     */
    private long maxAbsSum(int index, int[][] xs) {
        long maxAbs = 0;
        for (int[] x : xs) {
            for (int v : x) {
                maxAbs = Math.max(maxAbs, Math.abs((long) v));
            }
        }
        if (maxAbs == 0) {
            return 0;
        }
        return maxWeightL1[index] > Long.MAX_VALUE / maxAbs ? Long.MAX_VALUE : maxWeightL1[index] * maxAbs;
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
        return runBatch(List.of(quantizedInput)).get(0);
    }

    /**
     * Runs several already quantized inputs (CHW) together, layer by layer: each result is the one
     * {@link #run} gives for that input, but a batch of tens of inputs runs faster than one at a
     * time. When a layer overflows, the exception is the one of some input of the batch, not
     * necessarily the first one's: run the inputs one by one to learn which is first.
     */
    public List<Inference> runBatch(List<int[]> quantizedInputs) {
        int[][] x = new int[quantizedInputs.size()][];
        for (int b = 0; b < x.length; b++) {
            x[b] = quantizedInputs.get(b);
            if (x[b].length != model.input().shape().size()) {
                throw new IllegalArgumentException("input has " + x[b].length + " values, the model expects "
                        + model.input().shape().size() + " (" + model.input().shape() + ")");
            }
        }
        int layers = model.layers().size();
        IntVector[][] outs = new IntVector[x.length][layers];
        for (int i = 0; i < layers; i++) {
            x = runLayer(i, x);
            for (int b = 0; b < x.length; b++) {
                outs[b][i] = IntVector.wrap(x[b]);
            }
        }
        List<Inference> results = new ArrayList<>(x.length);
        for (int b = 0; b < x.length; b++) {
            results.add(new Inference(IntVector.wrap(x[b]), argmax(x[b]), List.of(outs[b])));
        }
        return results;
    }

    /** Runs layer {@code index} alone on its input activations (CHW). */
    public int[] runLayer(int index, int[] in) {
        return runLayer(index, new int[][] {in})[0];
    }

    /** Runs layer {@code index} alone on several inputs' activations (CHW each). */
    private int[][] runLayer(int index, int[][] in) {
        Layer layer = model.layers().get(index);
        Shape inShape = inShapes.get(index);
        int[][] out = new int[in.length][];
        if (layer instanceof Conv2d c) {
            long maxSum = maxAbsSum(index, in);
            if (maxSum <= Integer.MAX_VALUE) {
                return conv(c, convWeights[index], nonZeroRows[index], inShape, in, maxSum, rowFinishers[index]);
            }
            for (int b = 0; b < in.length; b++) {
                out[b] = convLong(c, convWeights[index], inShape, in[b], finishers[index]);
            }
        } else if (layer instanceof Dense d) {
            for (int[] x : in) {
                if (x.length != d.inFeatures()) {
                    throw new IllegalArgumentException("layer '" + d.name() + "' expects " + d.inFeatures()
                            + " inputs, got " + x.length);
                }
            }
            long maxSum = maxAbsSum(index, in);
            if (maxSum <= Integer.MAX_VALUE) {
                return dense(d, weights.get(index), in, maxSum, rowFinishers[index]);
            }
            for (int b = 0; b < in.length; b++) {
                out[b] = denseLong(d, weights.get(index), in[b], finishers[index]);
            }
        } else if (layer instanceof MaxPool2d p) {
            for (int b = 0; b < in.length; b++) {
                out[b] = maxPool(inShape, in[b], p.kernel(), p.stride());
            }
        } else if (layer instanceof AvgPool2d p) {
            for (int b = 0; b < in.length; b++) {
                out[b] = avgPool(inShape, in[b], p.kernel(), p.stride());
            }
        } else if (layer instanceof Flatten) {
            return in;
        } else {
            throw new IllegalStateException("unhandled layer kind " + layer.kind());
        }
        return out;
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

    /**
     * A convolution with int sums (every partial sum's magnitude at most {@code maxSum}) of several
     * images: the im2col matrices of a group of images side by side, as many as it takes for rows of
     * {@link #CONV_COLUMNS} positions; each output channel is a sum over matrix rows of weight x
     * patch row, skipping zero weights (pruned layers have many).
     */
    private static int[][] conv(Conv2d c, IntVector w, int[][] nonZero, Shape in, int[][] xs, long maxSum,
                                RowFinish[] f) {
        Shape out = c.outputShape(in);
        int positions = out.height() * out.width();
        int group = Math.max(1, Math.min(xs.length, (CONV_COLUMNS + positions - 1) / Math.max(1, positions)));
        int cols = group * positions;
        // reused by every group: each writes the same cells, so the padding cells stay zero
        int[][] patches = new int[c.matrixRows()][cols];
        // LeNet-5's patch matrices (78 and 360 KiB) by rows, vgg-small's (677 KiB to 1.3 MiB but the
        // first, 28 KiB) by channels
        boolean byRows = (long) c.matrixRows() * cols <= ROWS_PER_PASS_MAX_CELLS;
        // the two-step im2col for the same small matrices: on vgg-small's larger ones it measured
        // slower than the direct one (conv2_1 173 against 141 µs an image)
        int[] cut = c.strideH() == 1 && byRows ? new int[cutSize(c, in, out)] : null;
        int[] a0 = new int[cols];
        int[][] wc = new int[byRows ? 1 : 4][c.matrixRows()]; // the channels' weights being summed
        int[] a1 = byRows ? null : new int[cols];
        int[] a2 = byRows ? null : new int[cols];
        int[] a3 = byRows ? null : new int[cols];
        int[][] ys = new int[xs.length][];
        for (int first = 0; first < xs.length; first += group) {
            int count = Math.min(group, xs.length - first);
            int n = count * positions;
            for (int b = 0; b < count; b++) {
                if (cut != null) {
                    im2colRows(c, in, xs[first + b], out, cut, patches, b * positions);
                } else {
                    im2col(c, in, xs[first + b], out, patches, b * positions);
                }
                ys[first + b] = new int[out.size()];
            }
            if (byRows) {
                for (int co = 0; co < c.outChannels(); co++) {
                    sumRows(column(w, co, wc[0]), nonZero[co], patches, n, a0);
                    finish(a0, n, f[co], maxSum, ys, first, co * positions, positions);
                }
                continue;
            }
            int co = 0;
            for (; co + 4 <= c.outChannels(); co += 4) {
                sum4(column(w, co, wc[0]), column(w, co + 1, wc[1]), column(w, co + 2, wc[2]), column(w, co + 3, wc[3]),
                        patches, n, a0, a1, a2, a3);
                finish(a0, n, f[co], maxSum, ys, first, co * positions, positions);
                finish(a1, n, f[co + 1], maxSum, ys, first, (co + 1) * positions, positions);
                finish(a2, n, f[co + 2], maxSum, ys, first, (co + 2) * positions, positions);
                finish(a3, n, f[co + 3], maxSum, ys, first, (co + 3) * positions, positions);
            }
            if (co + 2 <= c.outChannels()) {
                sum2(column(w, co, wc[0]), column(w, co + 1, wc[1]), patches, n, a0, a1);
                finish(a0, n, f[co], maxSum, ys, first, co * positions, positions);
                finish(a1, n, f[co + 1], maxSum, ys, first, (co + 1) * positions, positions);
                co += 2;
            }
            if (co < c.outChannels()) {
                sumRows(column(w, co, wc[0]), nonZero[co], patches, n, a0);
                finish(a0, n, f[co], maxSum, ys, first, co * positions, positions);
            }
        }
        return ys;
    }

    /**
     * One output channel's sums over the patch rows, {@code acc[p] = sum over r of w[r] *
     * patches[r][p]}, four rows of non-zero weight per pass: one store of the accumulators for four
     * multiply-adds. Measured faster than four channels per pass over one row (LeNet-5's
     * convolutions, 0.03 against 0.05 ns per multiply-add with each method compiled on its own),
     * whose four stores per patch value load cost more than the loads they save; and pruned weights
     * cost nothing.
     */
    private static void sumRows(int[] w, int[] rows, int[][] patches, int n, int[] acc) {
        Arrays.fill(acc, 0, n, 0);
        int k = 0;
        for (; k + 4 <= rows.length; k += 4) {
            int v0 = w[rows[k]];
            int v1 = w[rows[k + 1]];
            int v2 = w[rows[k + 2]];
            int v3 = w[rows[k + 3]];
            int[] r0 = patches[rows[k]];
            int[] r1 = patches[rows[k + 1]];
            int[] r2 = patches[rows[k + 2]];
            int[] r3 = patches[rows[k + 3]];
            for (int p = 0; p < n; p++) {
                acc[p] += v0 * r0[p] + v1 * r1[p] + v2 * r2[p] + v3 * r3[p];
            }
        }
        for (; k < rows.length; k++) {
            int v0 = w[rows[k]];
            int[] r0 = patches[rows[k]];
            for (int p = 0; p < n; p++) {
                acc[p] += v0 * r0[p];
            }
        }
    }

    /**
     * Four output channels' sums over the patch rows: {@code a_k[p] = sum over r of wk[r] *
     * patches[r][p]}, rows where all four weights are zero skipped: each patch value loaded once
     * for four multiply-adds, for patch matrices too large for {@link #sumRows}.
     */
    private static void sum4(int[] w0, int[] w1, int[] w2, int[] w3, int[][] patches, int n,
                             int[] a0, int[] a1, int[] a2, int[] a3) {
        Arrays.fill(a0, 0, n, 0);
        Arrays.fill(a1, 0, n, 0);
        Arrays.fill(a2, 0, n, 0);
        Arrays.fill(a3, 0, n, 0);
        for (int r = 0; r < w0.length; r++) {
            int v0 = w0[r];
            int v1 = w1[r];
            int v2 = w2[r];
            int v3 = w3[r];
            if ((v0 | v1 | v2 | v3) == 0) {
                continue;
            }
            int[] row = patches[r];
            for (int p = 0; p < n; p++) {
                int v = row[p];
                a0[p] += v0 * v;
                a1[p] += v1 * v;
                a2[p] += v2 * v;
                a3[p] += v3 * v;
            }
        }
    }

    /** {@link #sum4} for two channels (LeNet-5's first convolution has six: four and two). */
    private static void sum2(int[] w0, int[] w1, int[][] patches, int n, int[] a0, int[] a1) {
        Arrays.fill(a0, 0, n, 0);
        Arrays.fill(a1, 0, n, 0);
        for (int r = 0; r < w0.length; r++) {
            int v0 = w0[r];
            int v1 = w1[r];
            if ((v0 | v1) == 0) {
                continue;
            }
            int[] row = patches[r];
            for (int p = 0; p < n; p++) {
                int v = row[p];
                a0[p] += v0 * v;
                a1[p] += v1 * v;
            }
        }
    }

    /** Output channel {@code co}'s weights copied into {@code into} (one row each), which it returns. */
    private static int[] column(IntVector w, int co, int[] into) {
        w.copyTo(co * into.length, into, 0, into.length);
        return into;
    }

    /**
     * Applies one output channel's function to its accumulator row (images side by side) in place,
     * then copies each image's part to its output at {@code offset}.
     */
    private static void finish(int[] acc, int n, RowFinish f, long maxSum, int[][] ys, int first, int offset,
                               int positions) {
        f.apply(acc, n, maxSum);
        for (int b = 0, from = 0; from < n; b++, from += positions) {
            System.arraycopy(acc, from, ys[first + b], offset, positions);
        }
    }

    /** A convolution of one image with long sums, for inputs too large for int ones. */
    private static int[] convLong(Conv2d c, IntVector w, Shape in, int[] x, WeightedLayer.ColumnFinish[] f) {
        Shape out = c.outputShape(in);
        int positions = out.height() * out.width();
        int[][] patches = new int[c.matrixRows()][positions];
        im2col(c, in, x, out, patches, 0);
        int[] y = new int[out.size()];
        long[] acc = new long[positions];
        for (int co = 0; co < c.outChannels(); co++) {
            Arrays.fill(acc, 0L);
            int base = co * c.matrixRows();
            for (int r = 0; r < c.matrixRows(); r++) {
                long wv = w.get(base + r);
                if (wv == 0) {
                    continue;
                }
                int[] row = patches[r];
                for (int p = 0; p < positions; p++) {
                    acc[p] += wv * row[p];
                }
            }
            WeightedLayer.ColumnFinish fc = f[co];
            int at = co * positions;
            for (int p = 0; p < positions; p++) {
                y[at + p] = fc.apply(acc[p]);
            }
        }
        return y;
    }

    /**
     * Writes the im2col matrix of input {@code x} into {@code patches} from column {@code offset} on:
     * {@code patches[r][offset + p]} is the input under matrix row {@code r} (channel-major, as the
     * weights) at output position {@code p}. Cells where the kernel reads padding are left alone: they
     * must be zero already.
     */
    static void im2col(Conv2d c, Shape in, int[] x, Shape out, int[][] patches, int offset) {
        int oh = out.height();
        int ow = out.width();
        int kh = c.kernelH();
        int kw = c.kernelW();
        int sh = c.strideH();
        int sw = c.strideW();
        int ih = in.height();
        int iw = in.width();
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
                        int dst = offset + oy * ow;
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
    }

    /** The size of {@link #im2colRows}' scratch array. */
    private static int cutSize(Conv2d c, Shape in, Shape out) {
        return in.channels() * c.kernelW() * (in.height() + 2 * c.padH()) * out.width();
    }

    /**
     * {@link #im2col} at vertical stride 1, with far fewer copies: first, for each input channel
     * {@code ci} and kernel column {@code kx}, the input's rows (and the padding rows above and below)
     * cut to the values that kernel column reads at each output column, {@code cut[((ci * kw + kx) *
     * hp + y) * ow + ox]}, one copy per input row; then matrix row {@code (ci, ky, kx)} is the {@code
     * oh * ow} consecutive values from row {@code ky} on, one copy. LeNet-5's second convolution makes
     * 570 copies an image instead of 1,500 (copies of ten values, where each call costs more than the
     * copying). Cells {@code cut} never gets from the input (padding) must be zero, and stay so: every
     * image writes the same cells.
     */
    static void im2colRows(Conv2d c, Shape in, int[] x, Shape out, int[] cut, int[][] patches, int offset) {
        int oh = out.height();
        int ow = out.width();
        int kh = c.kernelH();
        int kw = c.kernelW();
        int sw = c.strideW();
        int ih = in.height();
        int iw = in.width();
        int hp = ih + 2 * c.padH();
        for (int ci = 0; ci < c.inChannels(); ci++) {
            for (int kx = 0; kx < kw; kx++) {
                int plane = (ci * kw + kx) * hp * ow;
                // the output columns whose window puts kernel column kx inside the input
                int oxLo = validLo(c.padW() - kx, sw);
                int oxHi = validHi(iw - 1 + c.padW() - kx, sw, ow);
                if (oxHi >= oxLo) {
                    for (int y = 0; y < ih; y++) {
                        int src = (ci * ih + y) * iw + oxLo * sw - c.padW() + kx;
                        int dst = plane + (y + c.padH()) * ow + oxLo;
                        if (sw == 1) {
                            System.arraycopy(x, src, cut, dst, oxHi - oxLo + 1);
                        } else {
                            for (int i = 0; i <= oxHi - oxLo; i++) {
                                cut[dst + i] = x[src + i * sw];
                            }
                        }
                    }
                }
                for (int ky = 0; ky < kh; ky++) {
                    System.arraycopy(cut, plane + ky * ow, patches[(ci * kh + ky) * kw + kx], offset, oh * ow);
                }
            }
        }
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
    private static int[][] dense(Dense d, int[][] wByInput, int[][] xs, long maxSum, RowFinish[] f) {
        int outs = d.outFeatures();
        int[][] ys = new int[xs.length][];
        int b = 0;
        // four inputs per pass over the weight rows: each weight is loaded once for four multiply-adds
        for (; b + 4 <= xs.length; b += 4) {
            int[] c0 = new int[outs];
            int[] c1 = new int[outs];
            int[] c2 = new int[outs];
            int[] c3 = new int[outs];
            dense4(wByInput, xs[b], xs[b + 1], xs[b + 2], xs[b + 3], c0, c1, c2, c3);
            ys[b] = c0;
            ys[b + 1] = c1;
            ys[b + 2] = c2;
            ys[b + 3] = c3;
        }
        for (; b < xs.length; b++) {
            int[] acc = new int[outs];
            dense1(wByInput, xs[b], acc);
            ys[b] = acc;
        }
        for (int[] acc : ys) {
            for (int o = 0; o < outs; o++) {
                acc[o] = f[o].apply(acc[o], maxSum);
            }
        }
        return ys;
    }

    /** Column sums of four inputs at once; inputs where all four are zero are skipped. */
    private static void dense4(int[][] wByInput, int[] x0, int[] x1, int[] x2, int[] x3,
                               int[] c0, int[] c1, int[] c2, int[] c3) {
        for (int i = 0; i < x0.length; i++) {
            int v0 = x0[i];
            int v1 = x1[i];
            int v2 = x2[i];
            int v3 = x3[i];
            if ((v0 | v1 | v2 | v3) == 0) {
                continue;
            }
            int[] wi = wByInput[i];
            for (int o = 0; o < c0.length; o++) {
                int wv = wi[o];
                c0[o] += v0 * wv;
                c1[o] += v1 * wv;
                c2[o] += v2 * wv;
                c3[o] += v3 * wv;
            }
        }
    }

    /** Column sums of one input; inputs of zero (after a ReLU, most) are skipped. */
    private static void dense1(int[][] wByInput, int[] x, int[] acc) {
        for (int i = 0; i < x.length; i++) {
            int xi = x[i];
            if (xi == 0) {
                continue;
            }
            int[] wi = wByInput[i];
            for (int o = 0; o < acc.length; o++) {
                acc[o] += xi * wi[o];
            }
        }
    }

    /** A dense layer of one input with long sums, for inputs too large for int ones. */
    private static int[] denseLong(Dense d, int[][] wByInput, int[] x, WeightedLayer.ColumnFinish[] f) {
        long[] acc = new long[d.outFeatures()];
        for (int i = 0; i < d.inFeatures(); i++) {
            long xi = x[i];
            if (xi == 0) {
                continue;
            }
            int[] wi = wByInput[i];
            for (int o = 0; o < acc.length; o++) {
                acc[o] += xi * wi[o];
            }
        }
        int[] y = new int[acc.length];
        for (int o = 0; o < y.length; o++) {
            y[o] = f[o].apply(acc[o]);
        }
        return y;
    }

    private static int[] maxPool(Shape in, int[] x, int k, int stride) {
        int oh = (in.height() - k) / stride + 1;
        int ow = (in.width() - k) / stride + 1;
        int iw = in.width();
        int[] y = new int[in.channels() * oh * ow];
        if (k == 2 && stride == 2) {
            maxPool2x2(in, x, oh, ow, y);
            return y;
        }
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

    /** The common 2x2 window at stride 2, without the window loops (a third of the time). */
    private static void maxPool2x2(Shape in, int[] x, int oh, int ow, int[] y) {
        int iw = in.width();
        int dst = 0;
        for (int ch = 0; ch < in.channels(); ch++) {
            for (int oy = 0; oy < oh; oy++) {
                int top = (ch * in.height() + 2 * oy) * iw;
                int bottom = top + iw;
                for (int ox = 0; ox < ow; ox++) {
                    int left = 2 * ox;
                    y[dst++] = Math.max(Math.max(x[top + left], x[top + left + 1]),
                            Math.max(x[bottom + left], x[bottom + left + 1]));
                }
            }
        }
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
