package org.xbarsim.model;

import java.util.List;

/**
 * Fully connected layer. Weights are stored {@code [out][in]}; as a matrix, row {@code i} (input)
 * and column {@code o} (output). Its input must be flat ({@code n x 1 x 1}); use {@link Flatten}.
 */
public record Dense(
        String name,
        int inFeatures,
        int outFeatures,
        int weightBits,
        IntVector weights,
        IntVector bias,
        List<Requant> requant,
        Activation activation,
        int outputBits,
        LayerPruning pruning) implements WeightedLayer {

    public Dense {
        requant = List.copyOf(requant);
        if (pruning == null) {
            pruning = LayerPruning.NONE;
        }
    }

    @Override
    public String kind() {
        return "dense";
    }

    @Override
    public Shape outputShape(Shape in) {
        if (in.height() != 1 || in.width() != 1 || in.channels() != inFeatures) {
            throw new IllegalArgumentException("layer '" + name + "' expects a flat input of " + inFeatures
                    + " values, got shape " + in);
        }
        return Shape.flat(outFeatures);
    }

    @Override
    public int matrixRows() {
        return inFeatures;
    }

    @Override
    public int matrixCols() {
        return outFeatures;
    }

    @Override
    public int weight(int row, int col) {
        return weights.get(col * inFeatures + row);
    }

    @Override
    public int inputChannelOfRow(int row) {
        return row;
    }
}
