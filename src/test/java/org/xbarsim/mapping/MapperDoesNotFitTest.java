package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Shape;

/**
 * The "does not fit" message states, for each layer, what it needs, what the earlier layers left
 * and which of the three cases holds (fits, only some left, none left).
 */
class MapperDoesNotFitTest {
    /** 4 rows x 8 columns of 2-bit cells, 4-bit differential weights: 2 slices x 2 polarities, 2 outputs per crossbar. */
    private static final CrossbarGeometry G = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.DIFFERENTIAL);

    private static int[][] ones(int rows, int cols) {
        int[][] m = new int[rows][cols];
        for (int[] r : m) {
            Arrays.fill(r, 1);
        }
        return m;
    }

    /** a: 8 -> 2 (2 crossbars), b: 2 -> 8 (4 crossbars), c: 8 -> 2 (2 crossbars); 8 in all. */
    private static IntModel threeLayers() {
        return TestModels.model("three", new Shape(8, 1, 1), new org.xbarsim.model.Flatten("flat"),
                TestModels.hidden("a", 4, ones(8, 2)), TestModels.hidden("b", 4, ones(2, 8)), TestModels.dense("c", 4, ones(8, 2)));
    }

    @Test
    void eachLayerSaysWhetherItFitsOnlyPartlyOrNotAtAll() {
        assertEquals(8, Mapper.map(threeLayers(), new MappingTarget(G, 8, 1)).allocatedCrossbars(), "fits exactly");
        UserInputException e = assertThrows(UserInputException.class, () -> Mapper.map(threeLayers(), new MappingTarget(G, 5, 1)));
        assertEquals(List.of(
                "layer 'a': needs 2 crossbars, 5 available after earlier layers (fits)",
                "layer 'b': needs 4 crossbars, 3 available after earlier layers (only 3 left)",
                "layer 'c': needs 2 crossbars, 0 available after earlier layers (no crossbar left)",
                "total: needs 8 crossbar slots, the chip has 5 (5 tiles x 1 crossbars)"), e.problems());
        assertEquals("model 'three' does not fit the chip (4x8 crossbars, 2-bit cells, 4-bit differential weights):",
                e.getMessage().lines().findFirst().orElseThrow());
    }

    @Test
    void layerPerTilePackingCountsTheSlotsLeftEmptyOnEachLayersLastTile() {
        // a: slots 0-1, b: 2-5 (a fresh tile at 2), c: 6-7 (a fresh tile at 6): 8 slots, 6 on the chip
        UserInputException e = assertThrows(UserInputException.class, () -> Mapper.map(threeLayers(),
                new MappingTarget(G, 3, 2, MappingTarget.TilePacking.LAYER_PER_TILE)));
        assertEquals(List.of(
                "layer 'a': needs 2 crossbars, 6 available after earlier layers (fits)",
                "layer 'b': needs 4 crossbars, 4 available after earlier layers (fits)",
                "layer 'c': needs 2 crossbars, 0 available after earlier layers (no crossbar left)",
                "total: needs 8 crossbar slots, the chip has 6 (3 tiles x 2 crossbars, each layer starting on a fresh tile)"),
                e.problems());
        // a layer that starts exactly at the end of the chip has none left; one slot earlier it has one
        UserInputException edge = assertThrows(UserInputException.class, () -> Mapper.map(threeLayers(), new MappingTarget(G, 7, 1)));
        assertEquals("layer 'c': needs 2 crossbars, 1 available after earlier layers (only 1 left)", edge.problems().get(2));
    }
}
