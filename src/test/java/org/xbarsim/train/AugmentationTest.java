package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;

class AugmentationTest {
    static final int H = 7;
    static final int W = 5;

    /** One lit pixel at (y, x) in a 1-channel H x W image. */
    static float[] dot(int y, int x) {
        float[] img = new float[H * W];
        img[y * W + x] = 1f;
        return img;
    }

    static int litIndex(float[] img) {
        int at = -1;
        for (int i = 0; i < img.length; i++) {
            if (img[i] != 0) {
                assertEquals(-1, at, "more than one lit pixel");
                at = i;
            }
        }
        return at;
    }

    @Test
    void shiftsMoveAPixelByEveryOffsetUpToTheLimitAndNoFurther() {
        Augmentation a = new Augmentation(2, false);
        SplittableRandom rng = new SplittableRandom(1);
        Set<String> offsets = new HashSet<>();
        float[] out = new float[H * W];
        for (int i = 0; i < 500; i++) {
            a.apply(dot(3, 2), 1, H, W, rng, out);
            int at = litIndex(out);
            int dy = at / W - 3;
            int dx = at % W - 2;
            assertTrue(Math.abs(dy) <= 2 && Math.abs(dx) <= 2, dy + "," + dx);
            offsets.add(dy + "," + dx);
        }
        assertEquals(25, offsets.size(), "offsets seen: " + offsets);
    }

    @Test
    void pixelsShiftedOutOfTheImageLeaveZerosBehind() {
        Augmentation a = new Augmentation(1, false);
        SplittableRandom rng = new SplittableRandom(2);
        float[] out = new float[H * W];
        int lost = 0;
        for (int i = 0; i < 200; i++) {
            a.apply(dot(0, 0), 1, H, W, rng, out);
            int lit = 0;
            for (float v : out) {
                lit += v != 0 ? 1 : 0;
            }
            assertTrue(lit <= 1);
            lost += lit == 0 ? 1 : 0;
        }
        // the corner pixel survives only shifts with dy >= 0 and dx >= 0: 4 of 9
        assertTrue(lost > 60 && lost < 160, "lost " + lost + " of 200");
    }

    @Test
    void flipsMirrorAboutHalfOfTheImagesLeftToRight() {
        Augmentation a = new Augmentation(0, true);
        SplittableRandom rng = new SplittableRandom(3);
        float[] out = new float[H * W];
        int mirrored = 0;
        for (int i = 0; i < 400; i++) {
            a.apply(dot(4, 1), 1, H, W, rng, out);
            int at = litIndex(out);
            assertEquals(4, at / W);
            assertTrue(at % W == 1 || at % W == W - 2, "column " + at % W);
            mirrored += at % W == W - 2 ? 1 : 0;
        }
        assertTrue(mirrored > 150 && mirrored < 250, "mirrored " + mirrored + " of 400");
    }

    @Test
    void noAugmentationLeavesImagesAsTheyAreAndTheSameStreamGivesTheSameBatch() {
        ImageSet data = DataSets.load("synthetic", null, Split.TRAIN).first(20);
        int[] order = Streams.permutation(20, new SplittableRandom(4));
        INDArray plain = Batches.images(data, order, 0, 20);
        assertEquals(plain, Batches.augmentedImages(data, order, 0, 20, Augmentation.NONE, new SplittableRandom(5)));
        Augmentation a = new Augmentation(2, true);
        INDArray x1 = Batches.augmentedImages(data, order, 0, 20, a, new SplittableRandom(6));
        INDArray x2 = Batches.augmentedImages(data, order, 0, 20, a, new SplittableRandom(6));
        assertArrayEquals(x1.shape(), plain.shape());
        assertEquals(x1, x2);
        assertFalse(x1.equals(plain), "augmentation changed nothing");
    }

    @Test
    void shiftsOutsideTheLimitsAreRefusedAndSettingsAreDescribed() {
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(-1, false));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(9, false));
        assertFalse(Augmentation.NONE.isOn());
        assertEquals("none", Augmentation.NONE.describe());
        assertEquals("shift 2, flip", new Augmentation(2, true).describe());
        assertEquals("shift 3", new Augmentation(3, false).describe());
        assertEquals("flip", new Augmentation(0, true).describe());
    }
}
