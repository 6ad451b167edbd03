package org.xbarsim.hw;

import org.xbarsim.model.IntVector;

/**
 * Activations of one image on their way to the tiles of layer {@code plan} (or, for the logits, to
 * the host): {@code values[i]} is element {@code indices[i]} of that layer's input tensor in CHW
 * order.
 */
public record Activations(int image, int plan, IntVector indices, IntVector values)
        implements TileController.Command, Host.Command {
    public Activations {
        if (indices.size() != values.size()) {
            throw new IllegalArgumentException(indices.size() + " indices for " + values.size() + " values");
        }
    }
}
