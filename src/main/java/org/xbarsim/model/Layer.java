package org.xbarsim.model;

/** One step of an integer network. Layers run in file order; each consumes the previous output. */
public sealed interface Layer permits WeightedLayer, MaxPool2d, AvgPool2d, Flatten {
    /** Unique name within the model, used in reports, mappings and error messages. */
    String name();

    /** Kind as written in the model file ("conv2d", "dense", ...). */
    String kind();

    /**
     * The output shape for {@code in}.
     *
     * @throws IllegalArgumentException naming the mismatch when {@code in} does not fit this layer
     */
    Shape outputShape(Shape in);
}
