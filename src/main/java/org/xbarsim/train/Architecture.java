package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.DidYouMean;
import org.xbarsim.UserInputException;
import org.xbarsim.model.Shape;

/**
 * A network shape: the ordered layers of one named architecture for one input shape, with every
 * weighted layer's sizes resolved. The same layer names and sizes as {@code model.RandomModels},
 * scaled by a width multiplier.
 */
public final class Architecture {
    /** Names accepted by {@code --arch}. */
    public static final List<String> NAMES = List.of("mlp", "lenet5", "vgg-small", "vgg16");

    /** One layer of the network. */
    public sealed interface Spec permits Weighted, Pool, FlattenSpec {
        String name();
    }

    /**
     * A convolution ({@code kernel > 0}) or dense layer ({@code kernel == 0}).
     *
     * @param in      input shape
     * @param out     output shape
     * @param logits  true for the last weighted layer (no ReLU, never filter-pruned)
     * @param index   position among weighted layers
     */
    public record Weighted(String name, int index, Shape in, Shape out, int inChannels, int outChannels, int kernel,
                           int pad, boolean logits) implements Spec {
        public boolean isConv() {
            return kernel > 0;
        }

        /** Rows of the im2col matrix: {@code cin * k * k} for a convolution, inputs for a dense layer. */
        public int matrixRows() {
            return isConv() ? inChannels * kernel * kernel : inChannels;
        }

        /** Rows per kernel group: {@code k*k} for a convolution, 1 for a dense layer. */
        public int rowsPerChannel() {
            return isConv() ? kernel * kernel : 1;
        }

        public int weightCount() {
            return matrixRows() * outChannels;
        }

        /** ND4J parameter shape: {@code [cout, cin, k, k]} or {@code [out, in]}. */
        public long[] paramShape() {
            return isConv() ? new long[] {outChannels, inChannels, kernel, kernel} : new long[] {outChannels, inChannels};
        }
    }

    /** 2x2 max pooling with stride 2. */
    public record Pool(String name) implements Spec {
    }

    /** Flattens CHW into a vector. */
    public record FlattenSpec(String name) implements Spec {
    }

    private final String name;
    private final Shape input;
    private final int classes;
    private final List<Spec> layers;

    private Architecture(String name, Shape input, int classes, List<Spec> layers) {
        this.name = name;
        this.input = input;
        this.classes = classes;
        this.layers = List.copyOf(layers);
    }

    public String name() {
        return name;
    }

    public Shape input() {
        return input;
    }

    public int classes() {
        return classes;
    }

    public List<Spec> layers() {
        return layers;
    }

    public List<Weighted> weighted() {
        List<Weighted> w = new ArrayList<>();
        for (Spec s : layers) {
            if (s instanceof Weighted x) {
                w.add(x);
            }
        }
        return w;
    }

    /** Checks an {@code --arch} name, suggesting the closest known one. */
    public static String checkName(String name) {
        if (!NAMES.contains(name)) {
            throw new UserInputException("--arch " + name + ": unknown architecture" + DidYouMean.hint(name, NAMES)
                    + " (known: " + String.join(", ", NAMES) + ")");
        }
        return name;
    }

    /**
     * Builds a named architecture.
     *
     * @param width channel multiplier (1 = the reference sizes); every scaled size is at least 1
     */
    public static Architecture of(String name, Shape input, int classes, double width) {
        checkName(name);
        if (!(width > 0) || width > 16) {
            throw new UserInputException("--width " + width + ": must be in (0, 16]");
        }
        Builder b = new Builder(input, width);
        switch (name) {
            case "mlp" -> b.flatten("flatten").dense("fc1", 256).dense("fc2", 128);
            case "lenet5" -> b.conv("conv1", 6, 5, 2).pool("pool1").conv("conv2", 16, 5, 0).pool("pool2")
                    .flatten("flatten").dense("fc1", 120).dense("fc2", 84);
            case "vgg-small" -> b.conv("conv1_1", 32, 3, 1).conv("conv1_2", 32, 3, 1).pool("pool1")
                    .conv("conv2_1", 64, 3, 1).conv("conv2_2", 64, 3, 1).pool("pool2")
                    .flatten("flatten").dense("fc1", 128);
            case "vgg16" -> {
                int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
                for (int k = 0; k < blocks.length; k++) {
                    for (int i = 0; i < blocks[k].length; i++) {
                        b.conv("conv" + (k + 1) + "_" + (i + 1), blocks[k][i], 3, 1);
                    }
                    if (b.shape.height() >= 2 && b.shape.width() >= 2) {
                        b.pool("pool" + (k + 1));
                    }
                }
                b.flatten("flatten").dense("fc1", 512);
            }
            default -> throw new IllegalStateException(name);
        }
        b.logits("fc" + (b.countDense() + 1), classes);
        return new Architecture(name, input, classes, b.specs);
    }

    private static final class Builder {
        private final double width;
        private final List<Spec> specs = new ArrayList<>();
        private Shape shape;
        private int weighted;

        Builder(Shape input, double width) {
            this.shape = input;
            this.width = width;
        }

        private int scaled(int n) {
            return Math.max(1, (int) Math.round(n * width));
        }

        Builder conv(String name, int out, int k, int pad) {
            int c = scaled(out);
            int h = shape.height() + 2 * pad - k + 1;
            int w = shape.width() + 2 * pad - k + 1;
            Shape o = new Shape(c, h, w);
            specs.add(new Weighted(name, weighted++, shape, o, shape.channels(), c, k, pad, false));
            shape = o;
            return this;
        }

        Builder pool(String name) {
            specs.add(new Pool(name));
            shape = new Shape(shape.channels(), shape.height() / 2, shape.width() / 2);
            return this;
        }

        Builder flatten(String name) {
            specs.add(new FlattenSpec(name));
            shape = Shape.flat(shape.size());
            return this;
        }

        Builder dense(String name, int out) {
            return denseExact(name, scaled(out), false);
        }

        Builder logits(String name, int classes) {
            return denseExact(name, classes, true);
        }

        private Builder denseExact(String name, int out, boolean logits) {
            Shape o = Shape.flat(out);
            specs.add(new Weighted(name, weighted++, shape, o, shape.size(), out, 0, 0, logits));
            shape = o;
            return this;
        }

        int countDense() {
            return (int) specs.stream().filter(s -> s instanceof Weighted w && !w.isConv()).count();
        }
    }
}
