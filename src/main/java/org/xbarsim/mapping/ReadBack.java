package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.WeightedLayer;

/**
 * Reads the weights back from a placement (cells, slices, polarity, offset) and compares them
 * with the model: every matrix entry must be rebuilt exactly, with rows that are on no crossbar of
 * a column tile holding zeros only, and no entry placed twice.
 */
public final class ReadBack {
    private static final int MAX_REPORTED_PER_LAYER = 5;

    private ReadBack() {
    }

    /** The layer's weight matrix as the crossbars store it, row-major {@code [row * cols + col]}. */
    public static int[] matrix(LayerMapping layer) {
        int cols = layer.matrixCols();
        int[] m = new int[Math.multiplyExact(layer.matrixRows(), cols)];
        boolean[] placed = new boolean[m.length];
        for (CrossbarPlacement c : layer.crossbars()) {
            for (int a = 0; a < c.usedRows(); a++) {
                int row = c.inputRows().get(a);
                for (int i = 0; i < c.outputColumns().size(); i++) {
                    int at = row * cols + c.outputColumns().get(i);
                    if (placed[at]) {
                        throw new IllegalStateException("layer '" + layer.layerName() + "': matrix (row " + row + ", column "
                                + c.outputColumns().get(i) + ") is placed twice (crossbar " + c.id() + ")");
                    }
                    placed[at] = true;
                    m[at] = c.storedWeight(a, i);
                }
            }
        }
        return m;
    }

    /** Mismatches between the placement and the model (at most a few per layer); empty when exact. */
    public static List<String> verify(Mapping mapping, IntModel model) {
        List<String> problems = new ArrayList<>();
        List<Layer> layers = model.layers();
        int weightedCount = model.weightedLayers().size();
        if (weightedCount != mapping.layers().size()) {
            problems.add("the mapping has " + mapping.layers().size() + " layers, the model " + weightedCount + " weighted layers");
            return problems;
        }
        for (LayerMapping lm : mapping.layers()) {
            if (lm.layerIndex() >= layers.size() || !(layers.get(lm.layerIndex()) instanceof WeightedLayer w)
                    || !w.name().equals(lm.layerName())) {
                problems.add("layer '" + lm.layerName() + "': not a weighted layer at index " + lm.layerIndex() + " of the model");
                continue;
            }
            if (w.matrixRows() != lm.matrixRows() || w.matrixCols() != lm.matrixCols()) {
                problems.add("layer '" + lm.layerName() + "': matrix " + lm.matrixRows() + "x" + lm.matrixCols()
                        + " in the mapping, " + w.matrixRows() + "x" + w.matrixCols() + " in the model");
                continue;
            }
            int[] m;
            try {
                m = matrix(lm);
            } catch (IllegalStateException | ArithmeticException e) {
                problems.add(e.getMessage());
                continue;
            }
            int reported = 0;
            int cols = lm.matrixCols();
            for (int r = 0; r < lm.matrixRows() && reported < MAX_REPORTED_PER_LAYER; r++) {
                for (int col = 0; col < cols && reported < MAX_REPORTED_PER_LAYER; col++) {
                    int expected = w.weight(r, col);
                    if (m[r * cols + col] != expected) {
                        problems.add("layer '" + lm.layerName() + "': matrix (row " + r + ", column " + col + ") reads back "
                                + m[r * cols + col] + ", the model has " + expected);
                        reported++;
                    }
                }
            }
        }
        return problems;
    }
}
