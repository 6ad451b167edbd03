package org.xbarsim.model;

import java.util.List;

/**
 * A layer whose weights live on crossbars. Its weights are viewed as a matrix of
 * {@link #matrixRows()} rows (inputs) by {@link #matrixCols()} logical columns (outputs), the
 * layout that mapping and pruning share (im2col, channel-major for convolutions).
 */
public sealed interface WeightedLayer extends Layer permits Conv2d, Dense {
    int matrixRows();

    int matrixCols();

    /** Weight at matrix position ({@code row}, {@code col}). */
    int weight(int row, int col);

    int weightBits();

    /** 32-bit integer biases, one per output column, at the accumulator's scale. */
    IntVector bias();

    /** One entry for the whole layer, or one per output column. */
    List<Requant> requant();

    Activation activation();

    /** Bit width of this layer's outputs (the next layer's activation bits). */
    int outputBits();

    LayerPruning pruning();

    /** Raw weights in the layer's storage order (see each implementation). */
    IntVector weights();

    /** Requantization of output column {@code col}. */
    default Requant requantFor(int col) {
        List<Requant> r = requant();
        return r.size() == 1 ? r.get(0) : r.get(col);
    }

    /** True when every output path needs only a shift (multiplier 1). */
    default boolean isMultiplierFree() {
        return requant().stream().allMatch(Requant::isPowerOfTwo);
    }

    /**
     * Output value of column {@code col} for accumulator {@code acc} (sum of weight x input, without bias):
     * {@code clamp(roundShift((acc + bias) * m, s), lo, hi)}.
     */
    default int finish(int col, long acc) {
        return finisher(col).apply(acc);
    }

    /** {@link #finish} of one column with its bias, requantization and limits looked up once. */
    default ColumnFinish finisher(int col) {
        return new ColumnFinish(bias().get(col), requantFor(col), activation().min(outputBits()),
                activation().max(outputBits()));
    }

    /** The output function of one column: {@code clamp(roundShift((acc + bias) * m, s), lo, hi)}. */
    record ColumnFinish(long bias, Requant requant, long lo, long hi) {
        public int apply(long acc) {
            return (int) IntOps.clamp(requant.apply(Math.addExact(acc, bias)), lo, hi);
        }
    }

    /** Input channel that matrix row {@code row} belongs to (kernel-group pruning unit). */
    int inputChannelOfRow(int row);
}
