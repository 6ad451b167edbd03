package org.xbarsim.hw.common;

import java.util.List;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.Layer;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;

/**
 * What the hardware needs to know about one weighted layer: its shapes, the pooling/flatten steps
 * that follow it (applied by the output units of its tiles), and how its column tiles are spread
 * over tiles. Built by {@code hw.Accelerator} from the model and the mapping.
 *
 * @param plan           index among the weighted layers
 * @param layerIndex     index in the model's layers
 * @param layer          the layer
 * @param inShape        its input shape
 * @param outShape       its output shape (before pooling)
 * @param inputBits      bits of its unsigned inputs
 * @param postOps        pooling and flatten layers after it, up to the next weighted layer
 * @param finalShape     shape after the pooling post ops (flatten ignored: it keeps CHW indices)
 * @param columnStarts   first logical column of each column tile, plus one entry = matrixCols
 * @param reducerTile    per column tile: the tile whose output unit finishes it in the first copy, or -1 if it has no crossbar
 * @param contributors   per column tile: tiles of the first copy that send it a partial sum
 * @param consumerTiles  tiles holding the next weighted layer's crossbars, every copy (empty for the last layer)
 * @param pixelCopy      per output pixel: the copy of the weights that computes it ({@code mapping.CopyShares})
 * @param finalCopy      per pixel of the final (pooled) shape: the copy that produces it
 * @param reducerByCopy  per copy, per column tile: the tile whose output unit finishes it
 * @param contributorsByCopy per copy, per column tile: tiles that send it a partial sum
 * @param routes         per position of the final shape: the consumer tiles that need its values,
 *                       or null when every consumer tile needs every value
 */
public record LayerPlan(int plan, int layerIndex, WeightedLayer layer, Shape inShape, Shape outShape, int inputBits,
        List<Layer> postOps, Shape finalShape, int[] columnStarts, int[] reducerTile, int[] contributors,
        List<Integer> consumerTiles, int[] pixelCopy, int[] finalCopy, int[][] reducerByCopy, int[][] contributorsByCopy,
        int[][] routes) {

    /** A layer with one copy of its weights. */
    public LayerPlan(int plan, int layerIndex, WeightedLayer layer, Shape inShape, Shape outShape, int inputBits,
            List<Layer> postOps, Shape finalShape, int[] columnStarts, int[] reducerTile, int[] contributors,
            List<Integer> consumerTiles) {
        this(plan, layerIndex, layer, inShape, outShape, inputBits, postOps, finalShape, columnStarts, reducerTile, contributors,
                consumerTiles, new int[outShape.height() * outShape.width()], new int[finalShape.height() * finalShape.width()],
                new int[][] {reducerTile}, new int[][] {contributors}, null);
    }

    /** Copies of the layer's weights. */
    public int replicas() {
        return contributorsByCopy.length;
    }

    /** Final (pooled) pixels per image whose column tile {@code columnTile} the output unit of {@code tile} finishes. */
    public int finalPixelsAt(int tile, int columnTile) {
        int n = 0;
        for (int c : finalCopy) {
            if (reducerByCopy[c][columnTile] == tile) {
                n++;
            }
        }
        return n;
    }

    public int columnTiles() {
        return reducerTile.length;
    }

    public int columnsOf(int columnTile) {
        return columnStarts[columnTile + 1] - columnStarts[columnTile];
    }

    public boolean isConv() {
        return layer instanceof Conv2d;
    }

    /** Output pixels (positions) per image: {@code H*W} of the output, 1 for a dense layer. */
    public int outputPixels() {
        return outShape.height() * outShape.width();
    }

    public String name() {
        return layer.name();
    }
}
