package org.xbarsim.hw.common;

import org.xbarsim.model.IntVector;

/**
 * Activations of one image on their way to the tiles of layer {@code plan} (or, for the logits, to
 * the host): {@code values[i]} is element {@code indices[i]} of that layer's input tensor in CHW
 * order. A tile's input buffer takes them as {@code InputBuffer.Write}, the host as {@code Host.Outputs}.
 */
public record Activations(int image, int plan, IntVector indices, IntVector values) {
    public Activations {
        if (indices.size() != values.size()) {
            throw new IllegalArgumentException(indices.size() + " indices for " + values.size() + " values");
        }
    }
}
