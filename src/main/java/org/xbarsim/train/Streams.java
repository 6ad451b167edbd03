package org.xbarsim.train;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Named, seeded random streams: each use of randomness gets its own stream derived from the seed and a name. */
final class Streams {
    private Streams() {
    }

    /** Seed of stream {@code name} under {@code seed} (FNV-1a of the name, SplitMix64-mixed with the seed). */
    static long seed(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = seed ^ h;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom of(long seed, String name) {
        return new SplittableRandom(seed(seed, name));
    }

    /** A seeded Fisher-Yates permutation of {@code 0..n-1}. */
    static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
