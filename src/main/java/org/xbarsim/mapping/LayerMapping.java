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
 * @param crossbars       the first copy of the layer's weights: its crossbars, in allocation order
 * @param unstructured    what element-wise sparsity with index hardware would need
 * @param replicaCrossbars further copies (weight duplication), copy by copy, each in the first
 *                        copy's order; the copies share the layer's output positions ({@link CopyShares})
 * @param copyPlan        which copy computes each pixel and which tiles get each input (the mapper
 *                        makes it, a mapping file records it); null only for a placement made by
 *                        hand for the read-back check, which cannot be simulated
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
        UnstructuredEstimate unstructured,
        List<CrossbarPlacement> replicaCrossbars,
        CopyPlan copyPlan) {

    /** A layer with one copy of its weights. */
    public LayerMapping(int layerIndex, String layerName, String kind, int matrixRows, int matrixCols, int weightBits,
            boolean multiplierFree, int rowTiles, int columnTiles, long denseCrossbars, List<CrossbarPlacement> crossbars,
            UnstructuredEstimate unstructured) {
        this(layerIndex, layerName, kind, matrixRows, matrixCols, weightBits, multiplierFree, rowTiles, columnTiles, denseCrossbars,
                crossbars, unstructured, List.of(), null);
    }

    /** The same placement with {@code plan} as its copy plan. */
    public LayerMapping withCopyPlan(CopyPlan plan) {
        return new LayerMapping(layerIndex, layerName, kind, matrixRows, matrixCols, weightBits, multiplierFree, rowTiles,
                columnTiles, denseCrossbars, crossbars, unstructured, replicaCrossbars, plan);
    }

    /** Tiles holding crossbars of copy {@code replica}, ascending. */
    public int[] tilesOfCopy(int replica) {
        return copy(replica).stream().mapToInt(CrossbarPlacement::tile).distinct().sorted().toArray();
    }

    public LayerMapping {
        crossbars = List.copyOf(crossbars);
        replicaCrossbars = List.copyOf(replicaCrossbars);
        int n = crossbars.size();
        if (n == 0 ? !replicaCrossbars.isEmpty() : replicaCrossbars.size() % n != 0) {
            throw new IllegalArgumentException("layer '" + layerName + "': " + replicaCrossbars.size() + " replica crossbars for "
                    + n + " crossbars per copy");
        }
        for (int i = 0; i < replicaCrossbars.size(); i++) {
            CrossbarPlacement r = replicaCrossbars.get(i);
            CrossbarPlacement o = crossbars.get(i % n);
            if (r.replica() != 1 + i / n || r.columnTile() != o.columnTile() || r.pack() != o.pack()) {
                throw new IllegalArgumentException("layer '" + layerName + "': replica crossbar " + r.id()
                        + " is not copy " + (1 + i / n) + " of crossbar " + o.id());
            }
        }
    }

    /** Copies of the weights (1 without duplication). */
    public int replicas() {
        return crossbars.isEmpty() ? 1 : 1 + replicaCrossbars.size() / crossbars.size();
    }

    /** Every allocated crossbar of the layer: the first copy, then the others. */
    public List<CrossbarPlacement> allCrossbars() {
        if (replicaCrossbars.isEmpty()) {
            return crossbars;
        }
        List<CrossbarPlacement> all = new java.util.ArrayList<>(crossbars);
        all.addAll(replicaCrossbars);
        return all;
    }

    /** Crossbars of copy {@code replica}. */
    public List<CrossbarPlacement> copy(int replica) {
        if (replica == 0) {
            return crossbars;
        }
        int n = crossbars.size();
        return replicaCrossbars.subList((replica - 1) * n, replica * n);
    }

    /** Allocated crossbars, every copy counted. */
    public int allocatedCrossbars() {
        return crossbars.size() + replicaCrossbars.size();
    }

    /** Tiles this layer's crossbars (every copy) occupy, ascending. */
    public List<Integer> tiles() {
        TreeSet<Integer> t = new TreeSet<>();
        for (CrossbarPlacement c : allCrossbars()) {
            t.add(c.tile());
        }
        return List.copyOf(t);
    }

    /**
     * The tile whose output unit finishes column tile {@code columnTile} of copy {@code replica} (adds
     * the copy's partial sums, then requantizes, pools and sends): the tile of that copy's first
     * crossbar of the column tile; -1 when the column tile has no crossbar (its outputs are constants).
     */
    public int reducerTile(int replica, int columnTile) {
        for (CrossbarPlacement c : copy(replica)) {
            if (c.columnTile() == columnTile) {
                return c.tile();
            }
        }
        return -1;
    }

    /** Tiles holding crossbars of column tile {@code columnTile} in copy {@code replica}: each sends one partial sum. */
    public int contributorTiles(int replica, int columnTile) {
        TreeSet<Integer> t = new TreeSet<>();
        for (CrossbarPlacement c : copy(replica)) {
            if (c.columnTile() == columnTile) {
                t.add(c.tile());
            }
        }
        return t.size();
    }

    /** Matrix rows that are live in at least one column tile (placed on some crossbar of a copy). */
    public int liveRowsAnyTile() {
        TreeSet<Integer> rows = new TreeSet<>();
        for (CrossbarPlacement c : crossbars) {
            for (int a = 0; a < c.usedRows(); a++) {
                rows.add(c.inputRows().get(a));
            }
        }
        return rows.size();
    }

    /** Programmed cells: used rows x used physical columns, summed over the crossbars of every copy. */
    public long usedCells() {
        long n = 0;
        for (CrossbarPlacement c : crossbars) {
            n += (long) c.usedRows() * c.usedColumns();
        }
        return n * replicas();
    }

    /** Row activations per input vector (one copy computes it): sum over one copy's crossbars of their used rows. */
    public long usedRowsTotal() {
        long n = 0;
        for (CrossbarPlacement c : crossbars) {
            n += c.usedRows();
        }
        return n;
    }

    /** Physical columns read per input bit-plane: sum over one copy's crossbars of their used columns. */
    public long usedColumnsTotal() {
        long n = 0;
        for (CrossbarPlacement c : crossbars) {
            n += c.usedColumns();
        }
        return n;
    }
}
