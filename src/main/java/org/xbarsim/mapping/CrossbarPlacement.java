package org.xbarsim.mapping;

import java.util.List;
import org.xbarsim.model.IntVector;

/**
 * One allocated crossbar: where it sits, which inputs drive its rows, which outputs its columns
 * serve and what its cells store. Everything a simulator needs to compute the crossbar's exact
 * integer contribution from input bit-planes:
 *
 * <pre>
 *   colSum[j]      = sum over used rows a of  cells.get(a, j) * x[inputRows[a]]
 *   trueSum[j]     = colSum[j], or for a flipped column  flipLevel(j) * sum(x) - colSum[j]
 *   partial[i]     = sum over columns j of output i of  sign(j) * (trueSum[j] &lt;&lt; shift(j))
 *                    - offset * sum over used rows a of x[inputRows[a]]
 * </pre>
 * where {@code x} is one input bit-plane (or any integer input, by linearity). Summing
 * {@code partial[i]} over the crossbars of a column tile gives the layer's dot product for logical
 * column {@code outputColumns[i]} exactly; rows that are on no crossbar have zero weights there.
 *
 * <p>Physical columns are laid out output by output: output {@code i} uses physical columns
 * {@code [i*k, (i+1)*k)} with {@code k = columns().size() / outputColumns().size()}.
 *
 * @param id            global crossbar index, in allocation order (0, 1, ...)
 * @param tile          tile the crossbar belongs to
 * @param slot          crossbar index within its tile
 * @param layerIndex    index of the layer in {@code IntModel.layers()}
 * @param layerName     the layer's name
 * @param columnTile    column tile of the layer's matrix that this crossbar serves
 * @param pack          index of this crossbar among the crossbars of its column tile
 * @param inputRows     matrix rows (im2col input rows) on physical rows 0, 1, ..., ascending
 * @param outputColumns logical (matrix) columns served, ascending and contiguous
 * @param columns       role of each used physical column, in physical order (with its flip flag)
 * @param offset        offset-encoding bias {@code 2^(bw-1)} to subtract per unit of input, or 0
 * @param cells         stored levels, used rows x used physical columns
 * @param replica       which copy of the layer's weights this crossbar belongs to (0: the first;
 *                      weight duplication adds copies 1, 2, ... with the same rows, columns and cells)
 */
public record CrossbarPlacement(
        int id,
        int tile,
        int slot,
        int layerIndex,
        String layerName,
        int columnTile,
        int pack,
        IntVector inputRows,
        IntVector outputColumns,
        List<ColumnRole> columns,
        long offset,
        CellLevels cells,
        int replica) {

    /** A crossbar of the first copy of its layer's weights. */
    public CrossbarPlacement(int id, int tile, int slot, int layerIndex, String layerName, int columnTile, int pack,
            IntVector inputRows, IntVector outputColumns, List<ColumnRole> columns, long offset, CellLevels cells) {
        this(id, tile, slot, layerIndex, layerName, columnTile, pack, inputRows, outputColumns, columns, offset, cells, 0);
    }

    public CrossbarPlacement {
        if (replica < 0) {
            throw new IllegalArgumentException("replica = " + replica + ": must be >= 0");
        }
        if (!(columns instanceof ColumnRoles)) { // immutable already
            columns = List.copyOf(columns);
        }
        if (cells.rows() != inputRows.size() || cells.columns() != columns.size()) {
            throw new IllegalArgumentException("cells " + cells.rows() + "x" + cells.columns() + " do not match "
                    + inputRows.size() + " rows and " + columns.size() + " columns");
        }
        if (outputColumns.size() == 0 || columns.size() % outputColumns.size() != 0) {
            throw new IllegalArgumentException(columns.size() + " physical columns for " + outputColumns.size() + " outputs");
        }
        int k = columns.size() / outputColumns.size();
        // ColumnRoles hold the layout by construction: their first column of each output tells
        int step = columns instanceof ColumnRoles ? k : 1;
        for (int j = 0; j < columns.size(); j += step) {
            ColumnRole r = columns.get(j);
            if (r.outputIndex() != j / k || r.logicalColumn() != outputColumns.get(j / k)) {
                throw new IllegalArgumentException("physical column " + j + " (" + r + ") breaks the output-by-output layout");
            }
        }
    }

    /** The same weights as copy {@code replica}, placed at crossbar {@code id} on {@code tile}, slot {@code slot}. */
    public CrossbarPlacement copy(int replica, int id, int tile, int slot) {
        return new CrossbarPlacement(id, tile, slot, layerIndex, layerName, columnTile, pack, inputRows, outputColumns, columns,
                offset, cells, replica);
    }

    /** Physical columns stored complemented. */
    public int flippedColumns() {
        int n = 0;
        for (ColumnRole r : columns) {
            if (r.flipped()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Outputs whose partial sum needs a correction term proportional to the sum of the inputs: all
     * of them with offset encoding (the flipped columns' {@code sign * flipLevel << shift} folds into
     * the same per-output constant), else those with at least one flipped column.
     */
    public int correctedOutputs() {
        if (offset != 0) {
            return outputColumns.size();
        }
        boolean[] hit = new boolean[outputColumns.size()];
        int n = 0;
        for (ColumnRole r : columns) {
            if (r.flipped() && !hit[r.outputIndex()]) {
                hit[r.outputIndex()] = true;
                n++;
            }
        }
        return n;
    }

    /**
     * Shift-add operations of one product streamed in {@code reads} reads: one per converted value,
     * one per read for each output with a flipped column (differential encoding: offset encoding
     * folds it into the offset term), one per output to add it to the tile's partial sum.
     */
    public long shiftAddOperations(int reads) {
        int corrections = offset != 0 ? 0 : correctedOutputs();
        return (long) reads * (columns.size() + corrections) + outputColumns.size();
    }

    /** Physical rows in use. */
    public int usedRows() {
        return inputRows.size();
    }

    /** Physical columns in use. */
    public int usedColumns() {
        return columns.size();
    }

    /** Physical columns per logical output column ({@code k}). */
    public int columnsPerOutput() {
        return columns.size() / outputColumns.size();
    }

    /** Analog column sums for one input vector given per used row (a bit-plane or DAC levels). */
    public long[] columnSums(int[] rowInputs) {
        checkInputs(rowInputs);
        long[] sums = new long[columns.size()];
        for (int a = 0; a < rowInputs.length; a++) {
            int x = rowInputs[a];
            if (x == 0) {
                continue;
            }
            for (int j = 0; j < sums.length; j++) {
                sums[j] += (long) cells.get(a, j) * x;
            }
        }
        return sums;
    }

    /**
     * Recombines (possibly ADC-quantized) column sums into one signed partial sum per output:
     * undo flipped columns, shift by each column's significance, apply its sign, subtract the
     * offset correction.
     *
     * @param columnSums per used physical column
     * @param inputSum   sum of the row inputs that produced them (used with offset encoding and flipped columns)
     */
    public long[] combine(long[] columnSums, long inputSum) {
        if (columnSums.length != columns.size()) {
            throw new IllegalArgumentException(columnSums.length + " column sums for " + columns.size() + " columns");
        }
        long[] out = new long[outputColumns.size()];
        for (int j = 0; j < columnSums.length; j++) {
            ColumnRole r = columns.get(j);
            out[r.outputIndex()] += r.polarity().sign() * (r.trueSum(columnSums[j], inputSum) << r.shift());
        }
        if (offset != 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] -= offset * inputSum;
            }
        }
        return out;
    }

    /** Exact partial dot products for the given row inputs: {@link #combine} of {@link #columnSums}. */
    public long[] partialSums(int[] rowInputs) {
        long sum = 0;
        for (int x : rowInputs) {
            sum += x;
        }
        return combine(columnSums(rowInputs), sum);
    }

    /** The signed weight the cells store for used row {@code row} and output {@code outputIndex}. */
    public int storedWeight(int row, int outputIndex) {
        int k = columnsPerOutput();
        long w = 0;
        for (int j = outputIndex * k; j < (outputIndex + 1) * k; j++) {
            ColumnRole r = columns.get(j);
            w += (long) r.polarity().sign() * ((long) r.level(cells.get(row, j)) << r.shift());
        }
        return Math.toIntExact(w - offset);
    }

    private void checkInputs(int[] rowInputs) {
        if (rowInputs.length != inputRows.size()) {
            throw new IllegalArgumentException(rowInputs.length + " row inputs for " + inputRows.size() + " used rows");
        }
    }
}
