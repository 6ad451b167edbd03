package org.xbarsim.train;

import java.util.SplittableRandom;

/**
 * Random changes to training images, drawn anew for every image of every batch: a shift of up to
 * {@code maxShift} pixels in each direction (the uncovered border is zero, the background of the
 * data sets), and, when {@code flip} is set, a mirror image left to right with probability 1/2.
 * Both preserve the label of clothing, digits' excepted, and target the over-fitting of small
 * training sets. Test images are never changed.
 *
 * @param maxShift largest shift in pixels, in [0, 8]; 0 = no shift
 * @param flip     mirror half of the images left to right
 */
public record Augmentation(int maxShift, boolean flip) {
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (maxShift < 0 || maxShift > 8) {
            throw new IllegalArgumentException("augmentation shift " + maxShift + " pixels: must be in [0, 8]");
        }
    }

    public boolean isOn() {
        return maxShift > 0 || flip;
    }

    /** Short description for reports, e.g. "shift 2, flip". */
    public String describe() {
        if (!isOn()) {
            return "none";
        }
        String shift = maxShift > 0 ? "shift " + maxShift : "";
        return flip ? (shift.isEmpty() ? "flip" : shift + ", flip") : shift;
    }

    /**
     * Writes into {@code out} (length {@code channels * height * width}) image {@code src} changed by one
     * draw from {@code rng}. Always draws the same number of values, so streams stay aligned.
     */
    void apply(float[] src, int channels, int height, int width, SplittableRandom rng, float[] out) {
        int dy = rng.nextInt(2 * maxShift + 1) - maxShift;
        int dx = rng.nextInt(2 * maxShift + 1) - maxShift;
        boolean mirror = rng.nextBoolean() && flip;
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                int sy = y - dy;
                for (int x = 0; x < width; x++) {
                    int sx = (mirror ? width - 1 - x : x) - dx;
                    boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
                    out[plane + y * width + x] = inside ? src[plane + sy * width + sx] : 0f;
                }
            }
        }
    }
}
