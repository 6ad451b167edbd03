package org.xbarsim.model;

import java.util.List;

/**
 * The crossbar-aligned groups the training module removed from one weighted layer, relative to
 * the model's {@code prunedFor} crossbar geometry. Every listed group is exactly zero in the
 * weights (the loader checks it). Row tiles refer to the unpacked im2col matrix.
 *
 * @param crossbarBlocks whole {@code R x L} blocks, as (rowTile, colTile)
 * @param kernelGroups   (colTile, inputChannel): that channel's rows are zero for the column tile
 * @param filters        whole output columns (filters / neurons) that are zero
 */
public record LayerPruning(List<BlockRef> crossbarBlocks, List<KernelGroupRef> kernelGroups, List<Integer> filters) {
    public static final LayerPruning NONE = new LayerPruning(List.of(), List.of(), List.of());

    public LayerPruning {
        crossbarBlocks = List.copyOf(crossbarBlocks);
        kernelGroups = List.copyOf(kernelGroups);
        filters = List.copyOf(filters);
    }

    public boolean isEmpty() {
        return crossbarBlocks.isEmpty() && kernelGroups.isEmpty() && filters.isEmpty();
    }

    /** A crossbar block: row tile and column tile of the unpacked matrix. */
    public record BlockRef(int rowTile, int colTile) {
    }

    /** A kernel group: column tile and input channel. */
    public record KernelGroupRef(int colTile, int inputChannel) {
    }
}
