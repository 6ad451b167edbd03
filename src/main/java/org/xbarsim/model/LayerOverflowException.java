package org.xbarsim.model;

import org.xbarsim.UserInputException;

/**
 * A layer's requantization left the 64-bit integers the model format specifies (the model's bias,
 * multiplier or activation bits are out of any sensible range). Names the layer and output column,
 * and the image once the caller knows it ({@link #atImage(int)}).
 */
public final class LayerOverflowException extends UserInputException {
    private final String detail;
    private final int image;

    private LayerOverflowException(String detail, int image, Throwable cause) {
        super(image < 0 ? detail : "image " + image + ", " + detail, cause);
        this.detail = detail;
        this.image = image;
    }

    /** Overflow while finishing output column {@code column} of {@code layer} from accumulator {@code acc}. */
    static LayerOverflowException of(WeightedLayer layer, int column, long acc, ArithmeticException cause) {
        Requant r = layer.requantFor(column);
        String detail = "layer '" + layer.name() + "', output column " + column + ": (accumulator " + acc + " + bias "
                + layer.bias().get(column) + ") x multiplier " + r.multiplier() + ", rounded and shifted by " + r.shift()
                + ", overflows 64-bit integers";
        return new LayerOverflowException(detail, -1, cause);
    }

    /** The same problem, naming image {@code image} as well. */
    public LayerOverflowException atImage(int image) {
        return new LayerOverflowException(detail, image, getCause());
    }

    /** The image named, or -1. */
    public int image() {
        return image;
    }
}
