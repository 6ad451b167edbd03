package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.MaxPool2d;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;

/** How copies share a layer's output pixels: whole pooling windows, contiguous bands, balanced. */
class CopySharesTest {
    /** A 1x1 conv on a 5x6 input (5x6 output), then a 2x2/2 max pool: windows of 2x2, 2 rows x 3 columns of them. */
    private static IntModel pooled() {
        Conv2d c = new Conv2d("c", 1, 1, 1, 1, 1, 1, 0, 0, 8, IntVector.of(1), IntVector.of(0), List.of(Requant.shiftOnly(0)),
                Activation.RELU, 8, null);
        return TestModels.model("p", new Shape(1, 5, 6), c, new MaxPool2d("pool", 2, 2));
    }

    @Test
    void windowsFollowThePoolAndTheEdgeGoesWithTheNearestWindow() {
        int[] w = CopyShares.windows(pooled(), 0);
        assertEquals(6, w[w.length - 1]);
        assertArrayEquals(new int[] {
            0, 0, 1, 1, 2, 2,
            0, 0, 1, 1, 2, 2,
            3, 3, 4, 4, 5, 5,
            3, 3, 4, 4, 5, 5,
            3, 3, 4, 4, 5, 5}, java.util.Arrays.copyOf(w, 30), "row 4 is dropped by the pool: it goes with the last row of windows");
    }

    @Test
    void copiesTakeContiguousRunsOfWholeWindows() {
        int[] w = CopyShares.windows(pooled(), 0);
        int[] owner = CopyShares.owners(w, 3);
        for (int p = 0; p < owner.length; p++) {
            assertEquals(w[p] * 3 / 6, owner[p], "pixel " + p);
        }
        assertEquals(12, CopyShares.largestShare(w, 3), "copy 2 gets windows 4 and 5 with the edge row under them: 3 x 4");
        assertEquals(30, CopyShares.largestShare(w, 1));
    }

    @Test
    void theEstimateOfAStageIsItsLargestShareTimesOneProduct() {
        int[] w = CopyShares.windows(pooled(), 0);
        PipelineEstimate.Stage st = new PipelineEstimate.Stage("c", 30, 1024, 1, 3, w);
        assertEquals(12 * 1024, st.cyclesPerImage(), 0);
        assertEquals(30 * 1024, st.cyclesPerImage(1), 0);
        assertEquals(6, st.maxReplicas());
        assertTrue(st.cyclesPerImage(6) < st.cyclesPerImage(3));
    }
}
