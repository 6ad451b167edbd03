package org.xbarsim.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference integer inference: pure Java, integer arithmetic only ({@code long}
 * accumulators, or {@code int} ones where no sum can overflow them), no floating point. The simulated hardware must match it bit for bit. Its
 * semantics are specified in docs/model-format.md; this class is one implementation of that text.
 * Thread-safe: it holds only immutable state.
 */
public final class GoldenEngine {
    private final IntModel model;
    private final List<Shape> inShapes;
    private final List<int[]> weights; // per layer, null for unweighted layers
    // per layer, the largest sum of |weight| over one output's inputs (0 for unweighted layers): a
    // sum fits an int accumulator when this times the largest |input| does
    private final long[] maxWeightL1;

    public GoldenEngine(IntModel model) {
        this.model = model;
        List<Shape> outs = model.shapes();
        this.inShapes = new ArrayList<>();
        this.weights = new ArrayList<>();
        this.maxWeightL1 = new long[model.layers().size()];
        Shape s = model.input().shape();
        for (int i = 0; i < model.layers().size(); i++) {
            inShapes.add(s);
            s = outs.get(i);
            Layer l = model.layers().get(i);
            int[] w = l instanceof WeightedLayer wl ? wl.weights().toArray() : null;
            weights.add(w);
            if (w != null) {
                maxWeightL1[i] = maxRowL1(w, ((WeightedLayer) l).matrixRows());
            }
        }
    }

    private static long maxRowL1(int[] w, int rowLength) {
        long max = 0;
        for (int start = 0; start < w.length; start += rowLength) {
            long sum = 0;
            for (int i = start; i < start + rowLength; i++) {
                sum += Math.abs((long) w[i]);
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
            return conv(c, weights.get(index), inShape, in, sumsFitInt(index, in));
        } else if (layer instanceof Dense d) {
            return dense(d, weights.get(index), in, sumsFitInt(index, in));
        } else if (layer instanceof MaxPool2d p) {
            return pool(inShape, in, p.kernel(), p.stride(), true);
        } else if (layer instanceof AvgPool2d p) {
            return pool(inShape, in, p.kernel(), p.stride(), false);
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

    private static int[] conv(Conv2d c, int[] w, Shape in, int[] x, boolean intSums) {
        Shape out = c.outputShape(in);
        int oh = out.height();
        int ow = out.width();
        int kh = c.kernelH();
        int kw = c.kernelW();
        int sh = c.strideH();
        int sw = c.strideW();
        int ih = in.height();
        int iw = in.width();
        int positions = oh * ow;
        int rows = c.matrixRows();
        // im2col: patches[r * positions + p] is the input under matrix row r at output position p,
        // zero where the kernel reads padding. Then each output channel is a sum over rows of
        // weight x patch row, with contiguous inner loops.
        int[] patches = new int[rows * positions];
        for (int ci = 0; ci < c.inChannels(); ci++) {
            int xBase = ci * ih * iw;
            for (int ky = 0; ky < kh; ky++) {
                int oyLo = validLo(c.padH() - ky, sh);
                int oyHi = validHi(ih - 1 + c.padH() - ky, sh, oh);
                for (int kx = 0; kx < kw; kx++) {
                    int oxLo = validLo(c.padW() - kx, sw);
                    int oxHi = validHi(iw - 1 + c.padW() - kx, sw, ow);
                    int pBase = ((ci * kh + ky) * kw + kx) * positions;
                    for (int oy = oyLo; oy <= oyHi; oy++) {
                        int src = xBase + (oy * sh - c.padH() + ky) * iw - c.padW() + kx;
                        int dst = pBase + oy * ow;
                        if (sw == 1) {
                            if (oxHi >= oxLo) {
                                System.arraycopy(x, src + oxLo, patches, dst + oxLo, oxHi - oxLo + 1);
                            }
                        } else {
                            for (int ox = oxLo; ox <= oxHi; ox++) {
                                patches[dst + ox] = x[src + ox * sw];
                            }
                        }
                    }
                }
            }
        }
        int[] y = new int[out.size()];
        if (intSums) {
            convInt(c, w, patches, rows, positions, y);
            return y;
        }
        long[] acc = new long[positions];
        for (int co = 0; co < c.outChannels(); co++) {
            java.util.Arrays.fill(acc, 0L);
            int wBase = co * rows;
            for (int r = 0; r < rows; r++) {
                long wv = w[wBase + r];
                if (wv == 0) {
                    continue;
                }
                int pBase = r * positions;
                for (int p = 0; p < positions; p++) {
                    acc[p] += wv * patches[pBase + p];
                }
            }
            int base = co * positions;
            WeightedLayer.ColumnFinish f = c.finisher(co);
            for (int p = 0; p < positions; p++) {
                y[base + p] = f.apply(acc[p]);
            }
        }
        return y;
    }

    /** The channel sums of {@link #conv} in int accumulators, when they cannot overflow. */
    private static void convInt(Conv2d c, int[] w, int[] patches, int rows, int positions, int[] y) {
        int[] acc = new int[positions];
        for (int co = 0; co < c.outChannels(); co++) {
            java.util.Arrays.fill(acc, 0);
            int wBase = co * rows;
            for (int r = 0; r < rows; r++) {
                int wv = w[wBase + r];
                if (wv == 0) {
                    continue;
                }
                int pBase = r * positions;
                for (int p = 0; p < positions; p++) {
                    acc[p] += wv * patches[pBase + p];
                }
            }
            int base = co * positions;
            WeightedLayer.ColumnFinish f = c.finisher(co);
            for (int p = 0; p < positions; p++) {
                y[base + p] = f.apply(acc[p]);
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

    private static int[] dense(Dense d, int[] w, int[] x, boolean intSums) {
        int n = d.inFeatures();
        if (x.length != n) {
            throw new IllegalArgumentException("layer '" + d.name() + "' expects " + n + " inputs, got " + x.length);
        }
        int[] y = new int[d.outFeatures()];
        if (intSums) {
            for (int o = 0; o < y.length; o++) {
                int acc = 0;
                int base = o * n;
                for (int i = 0; i < n; i++) {
                    acc += w[base + i] * x[i];
                }
                y[o] = d.finish(o, acc);
            }
            return y;
        }
        for (int o = 0; o < y.length; o++) {
            long acc = 0;
            int base = o * n;
            for (int i = 0; i < n; i++) {
                acc += (long) w[base + i] * x[i];
            }
            y[o] = d.finish(o, acc);
        }
        return y;
    }

    private static int[] pool(Shape in, int[] x, int k, int stride, boolean max) {
        int oh = (in.height() - k) / stride + 1;
        int ow = (in.width() - k) / stride + 1;
        int[] y = new int[in.channels() * oh * ow];
        int n = k * k;
        for (int ch = 0; ch < in.channels(); ch++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    long agg = max ? Long.MIN_VALUE : 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int v = x[in.index(ch, oy * stride + ky, ox * stride + kx)];
                            agg = max ? Math.max(agg, v) : agg + v;
                        }
                    }
                    y[(ch * oh + oy) * ow + ox] = (int) (max ? agg : IntOps.roundDiv(agg, n));
                }
            }
        }
        return y;
    }
}
