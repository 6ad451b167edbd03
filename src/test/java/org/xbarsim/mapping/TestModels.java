package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.Dense;
import org.xbarsim.model.Flatten;
import org.xbarsim.model.InputSpec;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Layer;
import org.xbarsim.model.Metadata;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;

/** Small hand-built integer models for mapper tests. */
final class TestModels {
    private TestModels() {
    }

    /** Dense layer from a matrix given as {@code m[row][col]} (rows = inputs). */
    static Dense dense(String name, int bits, int[][] m) {
        int in = m.length;
        int out = m[0].length;
        int[] w = new int[in * out];
        for (int r = 0; r < in; r++) {
            for (int c = 0; c < out; c++) {
                w[c * in + r] = m[r][c];
            }
        }
        return new Dense(name, in, out, bits, IntVector.wrap(w), IntVector.wrap(new int[out]),
                List.of(Requant.shiftOnly(0)), Activation.NONE, 16, null);
    }

    /** As {@link #dense}, with ReLU and 8-bit outputs: a hidden layer whose outputs can drive another crossbar. */
    static Dense hidden(String name, int bits, int[][] m) {
        Dense d = dense(name, bits, m);
        return new Dense(name, d.inFeatures(), d.outFeatures(), bits, d.weights(), d.bias(), d.requant(), Activation.RELU, 8, null);
    }

    /** Conv layer from weights {@code w[out][in][kh][kw]} flattened. */
    static Conv2d conv(String name, int bits, int in, int out, int kh, int kw, int[] w) {
        return new Conv2d(name, in, out, kh, kw, 1, 1, 0, 0, bits, IntVector.of(w), IntVector.wrap(new int[out]),
                List.of(Requant.shiftOnly(0)), Activation.RELU, 8, null);
    }

    static IntModel model(String name, Shape input, Layer... layers) {
        return new IntModel(name, new InputSpec(input, 8, 0, 0), List.of(layers), null, Metadata.of("test", "none", "random", 0));
    }

    /**
     * A random conv + dense model with weights in the symmetric {@code bits}-bit range, some zero
     * kernel groups, some zero rows and scattered zeros.
     */
    static IntModel random(long seed, int bits) {
        Random rnd = new Random(seed);
        int cin = 3;
        int cout = 7;
        int[] cw = new int[cout * cin * 3 * 3];
        int hi = (1 << (bits - 1)) - 1;
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                boolean groupDead = (co < 4 && ci == 1) || rnd.nextInt(5) == 0;
                for (int k = 0; k < 9; k++) {
                    int v = groupDead || rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(2 * hi + 1) - hi;
                    cw[(co * cin + ci) * 9 + k] = v;
                }
            }
        }
        Conv2d conv = conv("conv", bits, cin, cout, 3, 3, cw);
        int flat = cout * 2 * 2;
        int[][] dm = new int[flat][5];
        for (int r = 0; r < flat; r++) {
            boolean rowDead = r % 5 == 2;
            for (int c = 0; c < 5; c++) {
                dm[r][c] = rowDead || rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(2 * hi + 1) - hi;
            }
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(conv);
        layers.add(new Flatten("flatten"));
        layers.add(dense("fc", bits, dm));
        return new IntModel("random-" + seed, new InputSpec(new Shape(cin, 4, 4), 8, 0, 0), layers, null,
                Metadata.of("test", "none", "random", seed));
    }
}
