package org.xbarsim.model;

import java.util.List;

/**
 * 2-D convolution with zero padding. Weights are stored {@code [out][in][kh][kw]}; as a matrix,
 * row {@code (ci * kh + ky) * kw + kx} and column {@code co} (channel-major im2col).
 */
public record Conv2d(
        String name,
        int inChannels,
        int outChannels,
        int kernelH,
        int kernelW,
        int strideH,
        int strideW,
        int padH,
        int padW,
        int weightBits,
        IntVector weights,
        IntVector bias,
        List<Requant> requant,
        Activation activation,
        int outputBits,
        LayerPruning pruning) implements WeightedLayer {

    public Conv2d {
        requant = List.copyOf(requant);
        if (pruning == null) {
            pruning = LayerPruning.NONE;
        }
    }

    @Override
    public String kind() {
        return "conv2d";
    }

    @Override
    public Shape outputShape(Shape in) {
        if (in.channels() != inChannels) {
            throw new IllegalArgumentException("layer '" + name + "' expects " + inChannels + " input channels, got shape " + in);
        }
        int oh = (in.height() + 2 * padH - kernelH) / strideH + 1;
        int ow = (in.width() + 2 * padW - kernelW) / strideW + 1;
        if (in.height() + 2 * padH < kernelH || in.width() + 2 * padW < kernelW) {
            throw new IllegalArgumentException("layer '" + name + "': kernel " + kernelH + "x" + kernelW
                    + " is larger than the padded input " + in);
        }
        return new Shape(outChannels, oh, ow);
    }

    @Override
    public int matrixRows() {
        return inChannels * kernelH * kernelW;
    }

    @Override
    public int matrixCols() {
        return outChannels;
    }

    @Override
    public int weight(int row, int col) {
        return weights.get(col * matrixRows() + row);
    }

    @Override
    public int inputChannelOfRow(int row) {
        return row / (kernelH * kernelW);
    }
}
