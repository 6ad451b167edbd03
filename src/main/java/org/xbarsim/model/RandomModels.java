package org.xbarsim.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.xbarsim.arch.CrossbarGeometry;

/**
 * Seeded random integer models with realistic structure (MLP, LeNet-5, a small VGG, VGG-16) for
 * mapper, simulator and benchmark work that does not need trained weights. Deterministic: the
 * same arguments give an equal model (and the same model file bytes).
 *
 * <p>Weights are signed 8-bit (a triangular distribution over [-126, 126]), biases 32-bit.
 * Each layer's bias and requantization are calibrated by running the layers built so far on a few
 * seeded calibration images: the bias centres each output column near zero (so a ReLU keeps about
 * half of it) and the shift maps the 99th percentile of the positive accumulators to about
 * {@value #TARGET_HIGH} (of 255), so activations are neither all zero nor all saturated. The
 * {@link Requantization#BASELINE} variant instead uses a non-power-of-two multiplier per output
 * column (a digital multiplier in hardware), like an unpruned baseline with float scales.
 */
public final class RandomModels {
    /** How layers requantize. */
    public enum Requantization {
        /** One shift per layer, multiplier 1: multiplier-free. */
        POWER_OF_TWO,
        /** Per-column multiplier in [2^14, 2^15) that is not a power of two, plus a shift. */
        BASELINE
    }

    public static final int NUM_CLASSES = 10;
    public static final Shape MNIST_SHAPE = new Shape(1, 28, 28);
    static final int TARGET_HIGH = 160;
    static final int LOGIT_BITS = 16;
    static final int LOGIT_TARGET = 4000;
    private static final int CALIBRATION_IMAGES = 8;

    private RandomModels() {
    }

    // ------------------------------------------------------------------ architectures

    /** 1x28x28 -> flatten -> 256 -> 128 -> 10, power-of-two requantization. */
    public static IntModel mlp(long seed) {
        return mlp(seed, Requantization.POWER_OF_TWO);
    }

    public static IntModel mlp(long seed, Requantization rq) {
        List<Spec> s = List.of(new FlattenSpec("flatten"), new DenseSpec("fc1", 256), new DenseSpec("fc2", 128),
                new DenseSpec("fc3", NUM_CLASSES));
        return build("mlp", MNIST_SHAPE, s, seed, rq);
    }

    /** LeNet-5 on 1x28x28: conv 6@5x5 pad 2, maxpool, conv 16@5x5, maxpool, 400 -> 120 -> 84 -> 10. */
    public static IntModel lenet5(long seed) {
        return lenet5(seed, Requantization.POWER_OF_TWO);
    }

    public static IntModel lenet5(long seed, Requantization rq) {
        List<Spec> s = List.of(new ConvSpec("conv1", 6, 5, 1, 2), new PoolSpec("pool1"),
                new ConvSpec("conv2", 16, 5, 1, 0), new PoolSpec("pool2"), new FlattenSpec("flatten"),
                new DenseSpec("fc1", 120), new DenseSpec("fc2", 84), new DenseSpec("fc3", NUM_CLASSES));
        return build("lenet5", MNIST_SHAPE, s, seed, rq);
    }

    /** A small VGG on 1x28x28: 2x conv 32@3x3, pool, 2x conv 64@3x3, pool, 3136 -> 128 -> 10. */
    public static IntModel vggSmall(long seed) {
        return vggSmall(seed, MNIST_SHAPE, Requantization.POWER_OF_TWO);
    }

    public static IntModel vggSmall(long seed, Shape input, Requantization rq) {
        List<Spec> s = new ArrayList<>();
        s.add(new ConvSpec("conv1_1", 32, 3, 1, 1));
        s.add(new ConvSpec("conv1_2", 32, 3, 1, 1));
        s.add(new PoolSpec("pool1"));
        s.add(new ConvSpec("conv2_1", 64, 3, 1, 1));
        s.add(new ConvSpec("conv2_2", 64, 3, 1, 1));
        s.add(new PoolSpec("pool2"));
        s.add(new FlattenSpec("flatten"));
        s.add(new DenseSpec("fc1", 128));
        s.add(new DenseSpec("fc2", NUM_CLASSES));
        return build("vgg-small", input, s, seed, rq);
    }

    /** VGG-16 with power-of-two requantization; see {@link #vgg16(long, int, Shape, Requantization)}. */
    public static IntModel vgg16(long seed, int width, Shape input) {
        return vgg16(seed, width, input, Requantization.POWER_OF_TWO);
    }

    /**
     * VGG-16: 13 conv 3x3 (pad 1) layers in five blocks of {@code w, w | 2w, 2w | 4w x3 | 8w x3 |
     * 8w x3} channels, each block ending in a 2x2 max pool (skipped when the feature map is already
     * 1 pixel high or wide), then flatten -> dense {@code 8w} -> dense 10. {@code width = 64} is the
     * original network; at 3x32x32 its classifier is 512 -> 512 -> 10.
     */
    public static IntModel vgg16(long seed, int width, Shape input, Requantization rq) {
        if (width < 1) {
            throw new IllegalArgumentException("width = " + width + ": must be >= 1");
        }
        int[][] blocks = {{1, 1}, {2, 2}, {4, 4, 4}, {8, 8, 8}, {8, 8, 8}};
        List<Spec> s = new ArrayList<>();
        int h = input.height();
        int w = input.width();
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 0; i < blocks[b].length; i++) {
                s.add(new ConvSpec("conv" + (b + 1) + "_" + (i + 1), blocks[b][i] * width, 3, 1, 1));
            }
            if (h >= 2 && w >= 2) {
                s.add(new PoolSpec("pool" + (b + 1)));
                h /= 2;
                w /= 2;
            }
        }
        s.add(new FlattenSpec("flatten"));
        s.add(new DenseSpec("fc1", 8 * width));
        s.add(new DenseSpec("fc2", NUM_CLASSES));
        return build("vgg16", input, s, seed, rq);
    }

    // ------------------------------------------------------------------ pruning

    /**
     * A copy of {@code model} with crossbar-aligned pruning structure for {@code geometry}: in each
     * weighted layer, whole filters (not in the logits layer), whole {@code R x L} crossbar blocks
     * (when the layer has more than one row tile) and kernel groups (one input channel's rows in one
     * column tile, see {@code mapping.CrossbarGroups}) are zeroed and listed in {@link LayerPruning},
     * until about {@code targetSparsity} of the layer's weights are zero. Pruned filters also get a
     * zero bias, so their output is exactly zero. Requantization is unchanged.
     */
    public static IntModel prune(IntModel model, CrossbarGeometry geometry, double targetSparsity, long seed) {
        if (!(targetSparsity >= 0 && targetSparsity < 1)) {
            throw new IllegalArgumentException("target sparsity = " + targetSparsity + ": must be in [0, 1)");
        }
        for (WeightedLayer wl : model.weightedLayers()) {
            if (wl.weightBits() > geometry.weightBits()) {
                throw new IllegalArgumentException("layer '" + wl.name() + "' has " + wl.weightBits()
                        + "-bit weights, more than the geometry's " + geometry.weightBits());
            }
        }
        List<Layer> out = new ArrayList<>();
        int lastWeighted = -1;
        for (int i = 0; i < model.layers().size(); i++) {
            if (model.layers().get(i) instanceof WeightedLayer) {
                lastWeighted = i;
            }
        }
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            if (l instanceof WeightedLayer wl) {
                SplittableRandom r = new SplittableRandom(streamSeed(seed, "prune-" + wl.name()));
                out.add(pruneLayer(wl, geometry, targetSparsity, r, i == lastWeighted));
            } else {
                out.add(l);
            }
        }
        Metadata m = model.metadata();
        var notes = new java.util.TreeMap<>(m.notes());
        notes.put("pruning", "random crossbar-aligned, target sparsity " + targetSparsity + ", seed " + seed);
        return new IntModel(model.name(), model.input(), out, geometry,
                new Metadata(m.arch(), m.dataset(), m.kind(), m.seed(), m.accuracies(), notes));
    }

    private static WeightedLayer pruneLayer(WeightedLayer wl, CrossbarGeometry g, double target, SplittableRandom r,
                                            boolean logits) {
        int rows = wl.matrixRows();
        int cols = wl.matrixCols();
        int[] w = wl.weights().toArray();
        int[] bias = wl.bias().toArray();
        long budget = Math.round(target * w.length);
        int r0 = g.rows();
        int l = g.logicalColumnsPerCrossbar();
        int rowTiles = (rows + r0 - 1) / r0;
        int colTiles = (cols + l - 1) / l;
        int channels = wl.inputChannelOfRow(rows - 1) + 1;
        boolean[] zero = new boolean[w.length];
        long zeros = 0;
        List<Integer> filters = new ArrayList<>();
        List<LayerPruning.BlockRef> blocks = new ArrayList<>();
        List<LayerPruning.KernelGroupRef> groups = new ArrayList<>();

        // 1. filters: up to a tenth of the budget, never in the logits layer
        if (!logits && cols > 1) {
            for (int col : shuffled(cols, r)) {
                if (zeros + rows > budget / 10) {
                    break;
                }
                for (int row = 0; row < rows; row++) {
                    zeros += mark(zero, col * rows + row);
                }
                bias[col] = 0;
                filters.add(col);
            }
        }
        // 2. crossbar blocks: up to a third of the budget, when there is more than one row tile
        // (never all row tiles of a column tile, so every tile keeps some live rows)
        int[] blocksInTile = new int[colTiles];
        if (rowTiles > 1) {
            for (int b : shuffled(rowTiles * colTiles, r)) {
                int rt = b / colTiles;
                int ct = b % colTiles;
                if (blocksInTile[ct] == rowTiles - 1) {
                    continue;
                }
                long size = (long) (Math.min(rows, (rt + 1) * r0) - rt * r0) * (Math.min(cols, (ct + 1) * l) - ct * l);
                if (zeros + size > budget / 3) {
                    continue;
                }
                for (int row = rt * r0; row < Math.min(rows, (rt + 1) * r0); row++) {
                    for (int col = ct * l; col < Math.min(cols, (ct + 1) * l); col++) {
                        zeros += mark(zero, col * rows + row);
                    }
                }
                blocks.add(new LayerPruning.BlockRef(rt, ct));
                blocksInTile[ct]++;
            }
        }
        // 3. kernel groups until the budget is met (never the last live channel of a column tile)
        int[] groupsInTile = new int[colTiles];
        int[] rowStart = new int[channels + 1];
        Arrays.fill(rowStart, rows);
        for (int row = rows - 1; row >= 0; row--) {
            rowStart[wl.inputChannelOfRow(row)] = row;
        }
        for (int gi : shuffled(colTiles * channels, r)) {
            if (zeros >= budget) {
                break;
            }
            int ct = gi / channels;
            int ch = gi % channels;
            if (groupsInTile[ct] == channels - 1) {
                continue;
            }
            long added = 0;
            for (int row = rowStart[ch]; row < rows && wl.inputChannelOfRow(row) == ch; row++) {
                for (int col = ct * l; col < Math.min(cols, (ct + 1) * l); col++) {
                    added += mark(zero, col * rows + row);
                }
            }
            if (added > 0) {
                zeros += added;
                groups.add(new LayerPruning.KernelGroupRef(ct, ch));
                groupsInTile[ct]++;
            }
        }
        for (int i = 0; i < w.length; i++) {
            if (zero[i]) {
                w[i] = 0;
            }
        }
        filters.sort(null);
        blocks.sort(java.util.Comparator.comparingInt(LayerPruning.BlockRef::rowTile)
                .thenComparingInt(LayerPruning.BlockRef::colTile));
        groups.sort(java.util.Comparator.comparingInt(LayerPruning.KernelGroupRef::colTile)
                .thenComparingInt(LayerPruning.KernelGroupRef::inputChannel));
        return withWeights(wl, IntVector.wrap(w), IntVector.wrap(bias), wl.requant(), new LayerPruning(blocks, groups, filters));
    }

    private static int mark(boolean[] zero, int i) {
        if (zero[i]) {
            return 0;
        }
        zero[i] = true;
        return 1;
    }

    /** 0..n-1 in a seeded random order (Fisher-Yates). */
    private static int[] shuffled(int n, SplittableRandom r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** The same layer with other weights, bias, requantization and pruning. */
    static WeightedLayer withWeights(WeightedLayer wl, IntVector w, IntVector bias, List<Requant> rq, LayerPruning p) {
        if (wl instanceof Conv2d c) {
            return new Conv2d(c.name(), c.inChannels(), c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(),
                    c.strideW(), c.padH(), c.padW(), c.weightBits(), w, bias, rq, c.activation(), c.outputBits(), p);
        }
        Dense d = (Dense) wl;
        return new Dense(d.name(), d.inFeatures(), d.outFeatures(), d.weightBits(), w, bias, rq, d.activation(),
                d.outputBits(), p);
    }

    // ------------------------------------------------------------------ construction and calibration

    private sealed interface Spec permits ConvSpec, DenseSpec, PoolSpec, FlattenSpec {
    }

    private record ConvSpec(String name, int out, int kernel, int stride, int pad) implements Spec {
    }

    private record DenseSpec(String name, int out) implements Spec {
    }

    private record PoolSpec(String name) implements Spec {
    }

    private record FlattenSpec(String name) implements Spec {
    }

    private static IntModel build(String arch, Shape inShape, List<Spec> specs, long seed, Requantization rq) {
        InputSpec input = new InputSpec(inShape, 8, 0, -8);
        List<int[]> acts = calibrationInputs(inShape, seed);
        List<Layer> layers = new ArrayList<>();
        Shape shape = inShape;
        int lastWeighted = -1;
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) instanceof ConvSpec || specs.get(i) instanceof DenseSpec) {
                lastWeighted = i;
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            Layer layer;
            if (s instanceof PoolSpec p) {
                layer = new MaxPool2d(p.name(), 2, 2);
            } else if (s instanceof FlattenSpec f) {
                layer = new Flatten(f.name());
            } else {
                boolean logits = i == lastWeighted;
                SplittableRandom r = new SplittableRandom(streamSeed(seed, "weights-" + name(s)));
                layer = calibrated(raw(s, shape, r, logits), shape, acts, r, rq, logits);
            }
            List<Layer> prefix = new ArrayList<>(layers);
            prefix.add(layer);
            acts = runLast(input, prefix, acts);
            shape = layer.outputShape(shape);
            layers.add(layer);
        }
        Metadata meta = new Metadata(arch, "none", "random", seed, java.util.Map.of(),
                java.util.Map.of("generator", "RandomModels." + arch + " " + rq.name().toLowerCase(java.util.Locale.ROOT)));
        return new IntModel(arch + "-random", input, layers, null, meta);
    }

    private static String name(Spec s) {
        return s instanceof ConvSpec c ? c.name() : ((DenseSpec) s).name();
    }

    /** The layer with random weights, zero bias and an identity requantization (outputs = accumulators). */
    private static WeightedLayer raw(Spec s, Shape in, SplittableRandom r, boolean logits) {
        List<Requant> id = List.of(Requant.shiftOnly(0));
        Activation act = Activation.NONE;
        if (s instanceof ConvSpec c) {
            int n = c.out() * in.channels() * c.kernel() * c.kernel();
            return new Conv2d(c.name(), in.channels(), c.out(), c.kernel(), c.kernel(), c.stride(), c.stride(), c.pad(),
                    c.pad(), 8, randomWeights(n, r), IntVector.wrap(new int[c.out()]), id, act, 32, LayerPruning.NONE);
        }
        DenseSpec d = (DenseSpec) s;
        int n = d.out() * in.size();
        return new Dense(d.name(), in.size(), d.out(), 8, randomWeights(n, r), IntVector.wrap(new int[d.out()]), id, act,
                32, LayerPruning.NONE);
    }

    private static IntVector randomWeights(int n, SplittableRandom r) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextInt(127) - 63 + r.nextInt(127) - 63; // triangular on [-126, 126]
        }
        return IntVector.wrap(w);
    }

    /** Picks bias and requantization from the accumulators the raw layer gives on the calibration images. */
    private static WeightedLayer calibrated(WeightedLayer raw, Shape in, List<int[]> acts, SplittableRandom r,
                                            Requantization rq, boolean logits) {
        IntModel one = new IntModel("calibration", new InputSpec(in, 16, 0, 0), List.of(raw), null,
                Metadata.of("calibration", "none", "random", 0));
        GoldenEngine e = new GoldenEngine(one);
        int cols = raw.matrixCols();
        Shape out = raw.outputShape(in);
        int per = out.height() * out.width();
        long[][] values = new long[cols][acts.size() * per];
        for (int s = 0; s < acts.size(); s++) {
            int[] y = e.runLayer(0, acts.get(s));
            for (int c = 0; c < cols; c++) {
                for (int p = 0; p < per; p++) {
                    values[c][s * per + p] = y[c * per + p];
                }
            }
        }
        int[] bias = new int[cols];
        for (int c = 0; c < cols; c++) {
            long[] v = values[c];
            long sum = 0;
            for (long x : v) {
                sum += x;
            }
            long mean = Math.floorDiv(sum, v.length);
            long spread = Math.max(1, percentile(absDev(v, mean), 50));
            long jitter = spread * (r.nextInt(1001) - 500) / 1000; // within half a typical deviation
            bias[c] = (int) IntOps.clamp(-mean + (logits ? 0 : jitter), Integer.MIN_VALUE, Integer.MAX_VALUE);
            for (int i = 0; i < v.length; i++) {
                v[i] += bias[c];
            }
        }
        int target = logits ? LOGIT_TARGET : TARGET_HIGH;
        List<Requant> requant = new ArrayList<>();
        if (rq == Requantization.POWER_OF_TWO) {
            long[] all = Arrays.stream(values).flatMapToLong(Arrays::stream).map(Math::abs).toArray();
            requant.add(Requant.shiftOnly(shiftFor(percentile(all, 99), target)));
        } else {
            for (int c = 0; c < cols; c++) {
                long[] a = Arrays.stream(values[c]).map(Math::abs).toArray();
                requant.add(multiplierFor(percentile(a, 99), target));
            }
        }
        Activation act = logits ? Activation.NONE : Activation.RELU;
        int bits = logits ? LOGIT_BITS : 8;
        WeightedLayer tmp = withWeights(raw, raw.weights(), IntVector.wrap(bias), requant, LayerPruning.NONE);
        if (tmp instanceof Conv2d c) {
            return new Conv2d(c.name(), c.inChannels(), c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(),
                    c.strideW(), c.padH(), c.padW(), 8, c.weights(), c.bias(), requant, act, bits, LayerPruning.NONE);
        }
        Dense d = (Dense) tmp;
        return new Dense(d.name(), d.inFeatures(), d.outFeatures(), 8, d.weights(), d.bias(), requant, act, bits,
                LayerPruning.NONE);
    }

    private static long[] absDev(long[] v, long mean) {
        long[] d = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = Math.abs(v[i] - mean);
        }
        return d;
    }

    /** The smallest shift that brings {@code high} down to at most {@code target}. */
    static int shiftFor(long high, int target) {
        int s = 0;
        while (s < 62 && IntOps.roundShift(high, s) > target) {
            s++;
        }
        return s;
    }

    /** A multiplier in [2^14, 2^15), not a power of two, and a shift, that map {@code high} to about {@code target}. */
    static Requant multiplierFor(long high, int target) {
        long h = Math.max(1, high);
        for (int s = 0; s <= 62; s++) {
            long m = (((long) target) << s) / h;
            if (m >= (1L << 14)) {
                if (m >= (1L << 15)) {
                    m = (1L << 15) - 1;
                }
                if (Long.bitCount(m) == 1) {
                    m += 1;
                }
                return new Requant(m, s);
            }
        }
        return new Requant(3, 0);
    }

    /** The {@code p}-th percentile (nearest rank) of {@code v}; {@code v} is sorted in place. */
    static long percentile(long[] v, int p) {
        if (v.length == 0) {
            return 0;
        }
        Arrays.sort(v);
        int idx = (int) Math.min(v.length - 1, Math.max(0, ((long) p * v.length + 99) / 100 - 1));
        return v[idx];
    }

    /** Runs the last layer of {@code prefix} on the previous activations. */
    private static List<int[]> runLast(InputSpec input, List<Layer> prefix, List<int[]> acts) {
        IntModel m = new IntModel("calibration", input, prefix, null, Metadata.of("calibration", "none", "random", 0));
        GoldenEngine e = new GoldenEngine(m);
        List<int[]> out = new ArrayList<>(acts.size());
        for (int[] a : acts) {
            out.add(e.runLayer(prefix.size() - 1, a));
        }
        return out;
    }

    /**
     * Seeded calibration images: random bright rectangles on a dark background (like the image data
     * sets, where many pixels are near zero), half with a clean and half with a noisy background.
     */
    private static List<int[]> calibrationInputs(Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(streamSeed(seed, "calibration"));
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < CALIBRATION_IMAGES; k++) {
            int[] img = new int[shape.size()];
            int blobs = 3 + r.nextInt(4);
            for (int b = 0; b < blobs; b++) {
                int cy = r.nextInt(shape.height());
                int cx = r.nextInt(shape.width());
                int rad = 1 + r.nextInt(Math.max(1, Math.min(shape.height(), shape.width()) / 3));
                for (int c = 0; c < shape.channels(); c++) {
                    int level = 100 + r.nextInt(156);
                    for (int y = Math.max(0, cy - rad); y < Math.min(shape.height(), cy + rad + 1); y++) {
                        for (int x = Math.max(0, cx - rad); x < Math.min(shape.width(), cx + rad + 1); x++) {
                            int i = shape.index(c, y, x);
                            img[i] = Math.max(img[i], level);
                        }
                    }
                }
            }
            int noise = k % 2 == 0 ? 24 : 64; // clean and noisy backgrounds
            for (int i = 0; i < img.length; i++) {
                img[i] = Math.min(255, img[i] + r.nextInt(noise));
            }
            out.add(img);
        }
        return out;
    }

    /** Seed of the named random stream {@code name} under {@code seed} (FNV-1a of the name, SplitMix64 mixed). */
    static long streamSeed(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = seed ^ h;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
