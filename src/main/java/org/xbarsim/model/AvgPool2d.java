package org.xbarsim.model;

/**
 * Average pooling over {@code kernel x kernel} windows, no padding; the window sum is divided with
 * {@link IntOps#roundDiv(long, int)}.
 */
public record AvgPool2d(String name, int kernel, int stride) implements Layer {
    @Override
    public String kind() {
        return "avgpool2d";
    }

    @Override
    public Shape outputShape(Shape in) {
        return PoolShapes.output(name, in, kernel, stride);
    }
}
