package org.xbarsim.data;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.xbarsim.model.Shape;

/**
 * A seeded synthetic image set for tests: 1 x 28 x 28 images in 10 classes that a small network can
 * learn. Each class has a prototype made of a few bright bars; an image is its class prototype,
 * shifted by up to one pixel, with a random brightness gain and uniform pixel noise.
 *
 * <p>Deterministic: image {@code i} of a split depends only on the seed, the split and {@code i}
 * (not on how many images are generated), using named {@link SplittableRandom} streams. Train and
 * test share the prototypes but use different noise streams.
 */
public final class SyntheticData {
    public static final Shape SHAPE = new Shape(1, 28, 28);
    public static final int NUM_CLASSES = 10;
    public static final long DEFAULT_SEED = 20240607L;
    public static final int DEFAULT_TRAIN_SIZE = 6000;
    public static final int DEFAULT_TEST_SIZE = 1000;
    /** Pixel noise amplitude: each pixel gets a uniform offset in [-NOISE, NOISE]. */
    static final int NOISE = 48;

    private SyntheticData() {
    }

    /** The default-size split with the default seed (what {@code --dataset synthetic} loads). */
    public static ImageSet load(Split split) {
        return generate(DEFAULT_SEED, split, split == Split.TRAIN ? DEFAULT_TRAIN_SIZE : DEFAULT_TEST_SIZE);
    }

    /** {@code count} images of {@code split} for {@code seed}. */
    public static ImageSet generate(long seed, Split split, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count = " + count + ": must be >= 0");
        }
        int[][] prototypes = prototypes(seed);
        long streamSeed = streamSeed(seed, "synthetic-" + split.name().toLowerCase(java.util.Locale.ROOT));
        int n = SHAPE.size();
        byte[] pixels = new byte[count * n];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            SplittableRandom r = new SplittableRandom(mix(streamSeed + i));
            int label = r.nextInt(NUM_CLASSES);
            labels[i] = (byte) label;
            int dy = r.nextInt(3) - 1;
            int dx = r.nextInt(3) - 1;
            int gainPercent = 70 + r.nextInt(41); // 70..110 %
            int[] proto = prototypes[label];
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int sy = y - dy;
                    int sx = x - dx;
                    int base = sy >= 0 && sy < 28 && sx >= 0 && sx < 28 ? proto[sy * 28 + sx] : 0;
                    int v = base * gainPercent / 100 + r.nextInt(2 * NOISE + 1) - NOISE;
                    pixels[i * n + y * 28 + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return new ImageSet("synthetic(seed=" + seed + ", " + split.name().toLowerCase(java.util.Locale.ROOT) + ")",
                SHAPE, NUM_CLASSES, pixels, labels);
    }

    /** One prototype per class: 3 bars (horizontal or vertical, 2..4 pixels thick) of brightness 160..255. */
    static int[][] prototypes(long seed) {
        SplittableRandom r = new SplittableRandom(streamSeed(seed, "synthetic-prototypes"));
        int[][] out = new int[NUM_CLASSES][28 * 28];
        for (int c = 0; c < NUM_CLASSES; c++) {
            for (int bar = 0; bar < 3; bar++) {
                boolean horizontal = r.nextBoolean();
                int thick = 2 + r.nextInt(3);
                int len = 10 + r.nextInt(13);
                int along = 2 + r.nextInt(26 - len);
                int across = 3 + r.nextInt(22 - thick);
                int level = 160 + r.nextInt(96);
                for (int a = along; a < along + len; a++) {
                    for (int t = across; t < across + thick; t++) {
                        int y = horizontal ? t : a;
                        int x = horizontal ? a : t;
                        out[c][y * 28 + x] = Math.max(out[c][y * 28 + x], level);
                    }
                }
            }
        }
        return out;
    }

    /** A seed for the named stream {@code name} of {@code seed}; stable across JVMs. */
    static long streamSeed(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 bytes of the name
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(seed ^ h);
    }

    /** SplitMix64 finalizer: spreads nearby seeds over the whole 64-bit range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
