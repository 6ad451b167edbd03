package org.xbarsim.model;

/** Reshapes {@code C x H x W} into a flat vector in CHW order; values are unchanged. */
public record Flatten(String name) implements Layer {
    @Override
    public String kind() {
        return "flatten";
    }

    @Override
    public Shape outputShape(Shape in) {
        return Shape.flat(in.size());
    }
}
