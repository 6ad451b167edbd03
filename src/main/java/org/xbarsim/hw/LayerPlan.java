package org.xbarsim.hw;

import java.util.List;
import org.xbarsim.mapping.LayerMapping;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.Layer;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;

/**
 * What the hardware needs to know about one weighted layer: its shapes, the pooling/flatten steps
 * that follow it (applied by the output units of its tiles), and how its column tiles are spread
 * over tiles. Built by {@link Accelerator} from the model and the mapping.
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
 * @param reducerTile    per column tile: the tile whose output unit finishes it (for every copy), or -1 if it has no crossbar
 * @param contributors   per column tile: tiles of the first copy that send it a partial sum
 * @param consumerTiles  tiles holding the next weighted layer's crossbars, every copy (empty for the last layer)
 * @param contributorsByCopy per copy of the weights, per column tile: tiles that send it a partial sum
 */
public record LayerPlan(int plan, int layerIndex, WeightedLayer layer, Shape inShape, Shape outShape, int inputBits,
        List<Layer> postOps, Shape finalShape, int[] columnStarts, int[] reducerTile, int[] contributors,
        List<Integer> consumerTiles, int[][] contributorsByCopy) {

    /** A layer with one copy of its weights. */
    public LayerPlan(int plan, int layerIndex, WeightedLayer layer, Shape inShape, Shape outShape, int inputBits,
            List<Layer> postOps, Shape finalShape, int[] columnStarts, int[] reducerTile, int[] contributors,
            List<Integer> consumerTiles) {
        this(plan, layerIndex, layer, inShape, outShape, inputBits, postOps, finalShape, columnStarts, reducerTile, contributors,
                consumerTiles, new int[][] {contributors});
    }

    /** Copies of the layer's weights. */
    public int replicas() {
        return contributorsByCopy.length;
    }

    /** The copy that computes output pixel {@code pixel} of {@code image} ({@link LayerMapping#replicaOf}). */
    public int copyOf(int image, int pixel) {
        return LayerMapping.replicaOf(image, pixel, outputPixels(), replicas());
    }

    /** Tiles that send a partial sum of column tile {@code columnTile} for output pixel {@code pixel} of {@code image}. */
    public int contributors(int image, int pixel, int columnTile) {
        return contributorsByCopy[copyOf(image, pixel)][columnTile];
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
