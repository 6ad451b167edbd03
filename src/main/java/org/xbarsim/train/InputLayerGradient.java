package org.xbarsim.train;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/**
 * Gives the convolution that reads the network's input a backward pass of its own, one that does
 * not compute the gradient with respect to that input.
 *
 * <p>SameDiff differentiates every convolution with ND4J's {@code conv2d_bp}, which always computes
 * the input's gradient as well. For the first layer nobody needs it, and with one input channel it
 * is the most expensive convolution of a LeNet-5 step: oneDNN pads the channel to a block of 16 and
 * reorders the batch in and out of that layout (docs/speed.md, "The first layer's backward pass").
 * Once the gradient graph exists, this adds to it the weight gradient as a plain convolution, with
 * the images' channels as its batch and the batch as its channels:
 * {@code dW[kh, kw, c, o] = sum over b, i, j of xpad[b, c, i + kh, j + kw] * g[b, o, i, j]} is the
 * convolution of {@code x} seen as [c, b, h, w] (a free reshape for one channel) with the output
 * gradient {@code g} laid out as an [o, b, oh, ow] kernel (OIYX), padded like the layer; the bias gradient
 * is {@code g} summed over batch and positions. The parameters' gradients then name these, so the
 * training step (which asks only for those) never runs the layer's {@code conv2d_bp}: SameDiff
 * executes only the ops its requested outputs need.
 */
final class InputLayerGradient {
    private InputLayerGradient() {
    }

    /**
     * @param sd      the forward graph, whose gradient function has been created
     * @param input   the name of the network's input placeholder, [b, c, height, width]
     * @param weight  the layer's kernel variable, [kh, kw, c, o]
     * @param bias    the layer's bias variable, [o]
     * @param layer   the layer's convolution: stride 1, dilation 1, NCHW, explicit padding
     * @param channels the input's channels
     * @param height  the input's height
     * @param width   the input's width
     */
    static void install(SameDiff sd, String input, String weight, String bias, Conv2DConfig layer, int channels, int height,
                        int width) {
        if (layer.getSH() != 1 || layer.getSW() != 1 || layer.getDH() != 1 || layer.getDW() != 1 || layer.isNHWC()) {
            throw new IllegalArgumentException("the input layer's gradient needs stride 1, dilation 1 and NCHW, got " + layer);
        }
        SameDiff grad = sd.getFunction("grad");
        SDVariable oldWeightGradient = sd.getGradForVariable(weight);
        DifferentialFunction backward = grad.getVariableOutputOp(oldWeightGradient.name());
        if (backward == null || !"conv2d_bp".equals(backward.opName()) || backward.args().length != 4
                || !backward.arg(0).name().equals(input)) {
            throw new IllegalStateException("expected " + weight + "'s gradient from conv2d_bp of " + input + ", got "
                    + (backward == null ? "no op" : backward.opName()));
        }
        SDVariable g = backward.arg(3); // the loss's gradient with respect to the layer's output, [b, o, oh, ow]
        int outHeight = (int) (height + 2 * layer.getPH() - layer.getKH() + 1);
        int outWidth = (int) (width + 2 * layer.getPW() - layer.getKW() + 1);
        Conv2DConfig byBatch = Conv2DConfig.builder().kH(outHeight).kW(outWidth).sH(1).sW(1)
                .pH(layer.getPH()).pW(layer.getPW()).dH(1).dW(1).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.OIYX).build();
        SDVariable x = grad.getVariable(input);
        SDVariable channelsAsBatch = channels == 1 ? grad.reshape(x, 1, -1, height, width)  // [c, b, h, w]
                : grad.permute(x, 1, 0, 2, 3);
        SDVariable kernel = grad.permute(g, 1, 0, 2, 3);                              // [o, b, oh, ow]
        SDVariable byChannel = grad.cnn().conv2d(channelsAsBatch, kernel, byBatch);     // [c, o, kh, kw]
        SDVariable weightGradient = grad.permute(byChannel, 2, 3, 0, 1);               // [kh, kw, c, o]
        SDVariable biasGradient = g.sum(2, 3).sum(0); // rows of contiguous positions first: libnd4j's sum over (0, 2, 3) is slower
        point(sd, grad, weight, weightGradient);
        point(sd, grad, bias, biasGradient);
    }

    /** Makes {@code gradient} the gradient SameDiff reports for variable {@code name}. */
    private static void point(SameDiff sd, SameDiff grad, String name, SDVariable gradient) {
        for (SameDiff s : new SameDiff[] {sd, grad}) {
            Variable v = s.getVariables().get(name);
            if (v != null && v.getGradient() != null) {
                v.setGradient(gradient);
            }
        }
        if (sd.getGradForVariable(name) != gradient) {
            throw new IllegalStateException("could not point " + name + "'s gradient at " + gradient.name());
        }
    }
}
