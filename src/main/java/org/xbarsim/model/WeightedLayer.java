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

    /**
     * Raw weights column by column of the weight matrix: column {@code c}'s {@link #matrixRows()}
     * weights lie at {@code [c * matrixRows(), (c + 1) * matrixRows())}, so {@link #weight(int, int)}
     * is {@code weights().get(col * matrixRows() + row)} (the mapper and the golden engine copy columns
     * out of it in one piece).
     */
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
     *
     * @throws LayerOverflowException when an intermediate value leaves 64 bits
     */
    default int finish(int col, long acc) {
        return finisher(col).apply(acc);
    }

    /** {@link #finish} of one column with its bias, requantization and limits looked up once. */
    default ColumnFinish finisher(int col) {
        return new ColumnFinish(this, col, bias().get(col), requantFor(col), activation().min(outputBits()),
                activation().max(outputBits()));
    }

    /** The output function of one column: {@code clamp(roundShift((acc + bias) * m, s), lo, hi)}. */
    record ColumnFinish(WeightedLayer layer, int col, long bias, Requant requant, long lo, long hi) {
        /** @throws LayerOverflowException when an intermediate value leaves 64 bits */
        public int apply(long acc) {
            long v;
            try {
                v = requant.apply(Math.addExact(acc, bias));
            } catch (ArithmeticException e) {
                throw LayerOverflowException.of(layer, col, acc, e);
            }
            return (int) IntOps.clamp(v, lo, hi);
        }
    }

    /** Input channel that matrix row {@code row} belongs to (kernel-group pruning unit). */
    int inputChannelOfRow(int row);
}
