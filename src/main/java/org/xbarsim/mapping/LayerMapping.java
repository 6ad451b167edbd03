package org.xbarsim.mapping;

import java.util.List;
import java.util.TreeSet;

/**
 * The placement of one weighted layer.
 *
 * @param layerIndex      index of the layer in {@code IntModel.layers()}
 * @param layerName       the layer's name
 * @param kind            "conv2d" or "dense"
 * @param matrixRows      im2col rows (inputs)
 * @param matrixCols      logical columns (outputs)
 * @param weightBits      the layer's weight bits (at most the chip's)
 * @param multiplierFree  true when every output path needs only a shift
 * @param rowTiles        {@code ceil(matrixRows / R)}
 * @param columnTiles     {@code ceil(matrixCols / L)}
 * @param denseCrossbars  crossbars without compaction: row tiles x column tiles
 * @param crossbars       the allocated crossbars, in allocation order
 * @param unstructured    what element-wise sparsity with index hardware would need
 */
public record LayerMapping(
        int layerIndex,
        String layerName,
        String kind,
        int matrixRows,
        int matrixCols,
        int weightBits,
        boolean multiplierFree,
        int rowTiles,
        int columnTiles,
        long denseCrossbars,
        List<CrossbarPlacement> crossbars,
        UnstructuredEstimate unstructured) {

    public LayerMapping {
        crossbars = List.copyOf(crossbars);
    }

    public int allocatedCrossbars() {
        return crossbars.size();
    }

    /** Tiles this layer's crossbars occupy, ascending. */
    public List<Integer> tiles() {
        TreeSet<Integer> t = new TreeSet<>();
        for (CrossbarPlacement c : crossbars) {
            t.add(c.tile());
        }
        return List.copyOf(t);
    }

    /** Matrix rows that are live in at least one column tile (placed on some crossbar). */
    public int liveRowsAnyTile() {
        TreeSet<Integer> rows = new TreeSet<>();
        for (CrossbarPlacement c : crossbars) {
            for (int a = 0; a < c.usedRows(); a++) {
                rows.add(c.inputRows().get(a));
            }
        }
        return rows.size();
    }

    /** Programmed cells: used rows x used physical columns, summed over crossbars. */
    public long usedCells() {
        long n = 0;
        for (CrossbarPlacement c : crossbars) {
            n += (long) c.usedRows() * c.usedColumns();
        }
        return n;
    }

    /** Row activations per input vector: sum over crossbars of their used rows. */
    public long usedRowsTotal() {
        long n = 0;
        for (CrossbarPlacement c : crossbars) {
            n += c.usedRows();
        }
        return n;
    }

    /** Physical columns read per input bit-plane: sum over crossbars of their used columns. */
    public long usedColumnsTotal() {
        long n = 0;
        for (CrossbarPlacement c : crossbars) {
            n += c.usedColumns();
        }
        return n;
    }
}
