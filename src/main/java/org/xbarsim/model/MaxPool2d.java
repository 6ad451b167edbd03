package org.xbarsim.model;

/** Max pooling over {@code kernel x kernel} windows with the given stride, no padding. */
public record MaxPool2d(String name, int kernel, int stride) implements Layer {
    @Override
    public String kind() {
        return "maxpool2d";
    }

    @Override
    public Shape outputShape(Shape in) {
        return PoolShapes.output(name, in, kernel, stride);
    }
}
