package org.xbarsim.data;

import org.xbarsim.model.Shape;

/**
 * A labelled set of images with unsigned 8-bit pixels in CHW order (the form every supported data
 * set has on disk). Immutable.
 */
public final class ImageSet {
    private final String source;
    private final Shape shape;
    private final int numClasses;
    private final byte[] pixels;
    private final byte[] labels;

    /**
     * @param source     where it came from (file or generator), for messages and reports
     * @param shape      shape of one image
     * @param numClasses number of classes; labels are in [0, numClasses)
     * @param pixels     {@code count * shape.size()} unsigned bytes, image after image; owned by this set
     * @param labels     {@code count} labels; owned by this set
     */
    public ImageSet(String source, Shape shape, int numClasses, byte[] pixels, byte[] labels) {
        if ((long) labels.length * shape.size() != pixels.length) {
            throw new IllegalArgumentException(source + ": " + pixels.length + " pixel bytes do not make "
                    + labels.length + " images of " + shape);
        }
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= numClasses) {
                throw new IllegalArgumentException(source + ": label " + Byte.toUnsignedInt(labels[i]) + " of image " + i
                        + " is not in [0, " + (numClasses - 1) + "]");
            }
        }
        this.source = source;
        this.shape = shape;
        this.numClasses = numClasses;
        this.pixels = pixels;
        this.labels = labels;
    }

    public String source() {
        return source;
    }

    public Shape shape() {
        return shape;
    }

    public int numClasses() {
        return numClasses;
    }

    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return Byte.toUnsignedInt(labels[i]);
    }

    /** Raw pixel values 0..255 of image {@code i}, CHW order. */
    public int[] image(int i) {
        int n = shape.size();
        int[] out = new int[n];
        int base = i * n;
        for (int k = 0; k < n; k++) {
            out[k] = Byte.toUnsignedInt(pixels[base + k]);
        }
        return out;
    }

    /** Pixel {@code k} (CHW index) of image {@code i}, 0..255. */
    public int pixel(int i, int k) {
        return Byte.toUnsignedInt(pixels[i * shape.size() + k]);
    }

    /**
     * The same images with a border of {@code border} zero pixels on every side (each channel), as
     * CIFAR-10-sized networks expect 28x28 digits and clothes padded to 32x32.
     */
    public ImageSet padded(int border) {
        if (border < 0 || border > 64) {
            throw new IllegalArgumentException("border " + border + ": must be in [0, 64]");
        }
        int h = shape.height();
        int w = shape.width();
        Shape out = new Shape(shape.channels(), h + 2 * border, w + 2 * border);
        byte[] p = new byte[labels.length * out.size()];
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(pixels, i * shape.size() + (c * h + y) * w, p,
                            i * out.size() + (c * out.height() + y + border) * out.width() + border, w);
                }
            }
        }
        return new ImageSet(source + " (padded by " + border + " pixels)", out, numClasses, p, labels.clone());
    }

    /** The first {@code n} images (or all, if fewer). */
    public ImageSet first(int n) {
        if (n >= size()) {
            return this;
        }
        return new ImageSet(source, shape, numClasses,
                java.util.Arrays.copyOf(pixels, n * shape.size()), java.util.Arrays.copyOf(labels, n));
    }
}
