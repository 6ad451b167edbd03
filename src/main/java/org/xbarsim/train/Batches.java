package org.xbarsim.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xbarsim.data.ImageSet;

/**
 * Turns images of an {@link ImageSet} into ND4J batches. Pixels become {@code raw / 256}: the
 * integer model's input is the raw byte at scale {@code 2^-8}, so float and integer inputs agree
 * exactly.
 */
final class Batches {
    static final double INPUT_SCALE = 1.0 / 256;

    private Batches() {
    }

    /** Images {@code order[from..to)} as an NCHW float array. */
    static INDArray images(ImageSet set, int[] order, int from, int to) {
        return augmentedImages(set, order, from, to, Augmentation.NONE, null);
    }

    /**
     * Images {@code order[from..to)} as an NCHW float array, each changed by {@code aug} with draws from
     * {@code rng} (unused when {@code aug} is off).
     */
    static INDArray augmentedImages(ImageSet set, int[] order, int from, int to, Augmentation aug, SplittableRandom rng) {
        int n = to - from;
        var s = set.shape();
        int size = s.size();
        float[] buf = new float[n * size];
        float[] src = new float[size];
        float[] dst = new float[size];
        for (int i = 0; i < n; i++) {
            int img = order == null ? from + i : order[from + i];
            for (int k = 0; k < size; k++) {
                src[k] = (float) (set.pixel(img, k) * INPUT_SCALE);
            }
            float[] image = src;
            if (aug.isOn()) {
                aug.apply(src, s.channels(), s.height(), s.width(), rng, dst);
                image = dst;
            }
            System.arraycopy(image, 0, buf, i * size, size);
        }
        return Nd4j.create(buf, new long[] {n, s.channels(), s.height(), s.width()}, DataType.FLOAT);
    }

    /** One-hot labels of images {@code order[from..to)}. */
    static INDArray oneHot(ImageSet set, int[] order, int from, int to) {
        int n = to - from;
        int classes = set.numClasses();
        float[] buf = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int img = order == null ? from + i : order[from + i];
            buf[i * classes + set.label(img)] = 1f;
        }
        return Nd4j.create(buf, new long[] {n, classes}, DataType.FLOAT);
    }
}
