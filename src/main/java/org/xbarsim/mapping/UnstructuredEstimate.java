package org.xbarsim.mapping;

/**
 * The comparison point for element-wise (unstructured) sparsity: how many crossbars the same zero
 * pattern would need if the chip had index hardware that lets every logical column keep its own
 * list of non-zero rows (so each column's non-zeros are packed to the top of the crossbar). A
 * column tile then needs {@code ceil(max non-zeros of its columns / R)} crossbars. That saving is
 * only real with index storage and input-alignment hardware, which the cost model charges for:
 * one row index of {@link #indexBits()} bits per stored non-zero weight.
 *
 * @param crossbars       crossbars with per-column index hardware
 * @param nonZeroWeights  non-zero weights (each needs one stored index)
 * @param indexBits       bits of one row index: {@code ceil(log2(matrix rows))}, at least 1
 */
public record UnstructuredEstimate(long crossbars, long nonZeroWeights, int indexBits) {
    /** Bits of index storage the unstructured mapping needs. */
    public long indexStorageBits() {
        return nonZeroWeights * indexBits;
    }
}
