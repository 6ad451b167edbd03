package org.xbarsim.hw.buffer;

import org.xbarsim.hw.common.LayerPlan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.Dense;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;

class LayerInputModelTest {
    /** 2 input channels, 4x4, 3x3 kernel, pad 1, stride 1 -> 4x4 output. */
    private static LayerPlan convPlan() {
        Conv2d c = new Conv2d("c", 2, 1, 3, 3, 1, 1, 1, 1, 8, IntVector.wrap(new int[18]), IntVector.of(0),
                List.of(Requant.shiftOnly(0)), Activation.RELU, 8, null);
        Shape in = new Shape(2, 4, 4);
        return new LayerPlan(0, 0, c, in, c.outputShape(in), 8, List.of(), c.outputShape(in), new int[] {0, 1}, new int[] {0},
                new int[] {1}, List.of());
    }

    private static int[][] row(int y, int channels, int base) {
        int[] idx = new int[channels * 4];
        int[] val = new int[channels * 4];
        int k = 0;
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < 4; x++) {
                idx[k] = (c * 4 + y) * 4 + x;
                val[k++] = base + idx[k - 1];
            }
        }
        return new int[][] {idx, val};
    }

    @Test
    void aConvOutputPixelIsReadyWhenItsReceptiveFieldHasAllChannels() {
        LayerInputModel m = new LayerInputModel(convPlan(), new int[0], new int[0]);
        int[][] r0 = row(0, 2, 100);
        assertEquals(List.of(), m.accept(0, r0[0], r0[1], new ArrayList<>()), "row 0 alone completes nothing (pad 1 needs row 1)");
        int[][] r1 = row(1, 2, 100);
        assertEquals(List.of(0, 1, 2, 3), m.accept(0, r1[0], r1[1], new ArrayList<>()), "rows 0-1 complete output row 0");
        // half of row 2: only channel 0 - not enough
        int[][] r2 = row(2, 2, 100);
        int half = r2[0].length / 2;
        assertEquals(List.of(), m.accept(0, java.util.Arrays.copyOf(r2[0], half), java.util.Arrays.copyOf(r2[1], half),
                new ArrayList<>()));
        assertEquals(List.of(4, 5, 6, 7), m.accept(0, java.util.Arrays.copyOfRange(r2[0], half, r2[0].length),
                java.util.Arrays.copyOfRange(r2[1], half, r2[1].length), new ArrayList<>()));
    }

    @Test
    void gatherIsIm2colWithZeroPadding() {
        LayerInputModel m = new LayerInputModel(convPlan(), new int[0], new int[0]);
        for (int y = 0; y < 4; y++) {
            int[][] r = row(y, 2, 100);
            m.accept(0, r[0], r[1], new ArrayList<>());
        }
        // output pixel (0,0): kernel rows of channel 1 at ky=1 (input row 0): kx=0 is padding, kx=1,2 are x=0,1
        int[] rows = {9 + 3, 9 + 4, 9 + 5, 0};
        int[] expected = {0, 100 + 16, 100 + 17, 0};
        assertArrayEquals(expected, m.gather(0, 0, rows));
    }

    @Test
    void anImageIsFreedAfterItsLastPixelAndDuplicatesAreRejected() {
        LayerInputModel m = new LayerInputModel(convPlan(), new int[0], new int[0]);
        int[][] r = row(0, 2, 0);
        m.accept(3, r[0], r[1], new ArrayList<>());
        assertThrows(IllegalArgumentException.class, () -> m.accept(3, r[0], r[1], new ArrayList<>()));
        for (int p = 0; p < 15; p++) {
            assertFalse(m.issued(3, p));
        }
        assertTrue(m.issued(3, 15));
    }

    @Test
    void aDenseLayerIsReadyWhenItsWholeInputIsThereIncludingPrefilledConstants() {
        Dense d = new Dense("d", 4, 2, 8, IntVector.wrap(new int[8]), IntVector.of(0, 0), List.of(Requant.shiftOnly(0)),
                Activation.NONE, 8, null);
        LayerPlan p = new LayerPlan(1, 1, d, Shape.flat(4), Shape.flat(2), 8, List.of(), Shape.flat(2), new int[] {0, 2},
                new int[] {0}, new int[] {1}, List.of());
        LayerInputModel m = new LayerInputModel(p, new int[] {3}, new int[] {7});
        assertEquals(List.of(), m.accept(0, new int[] {0, 1}, new int[] {1, 2}, new ArrayList<>()));
        assertEquals(List.of(0), m.accept(0, new int[] {2}, new int[] {5}, new ArrayList<>()));
        assertArrayEquals(new int[] {7, 5, 1}, m.gather(0, 0, new int[] {3, 2, 0}));
    }
}
