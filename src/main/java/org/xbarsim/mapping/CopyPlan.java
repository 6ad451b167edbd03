package org.xbarsim.mapping;

/**
 * How the copies of one weighted layer share its work and which tiles receive each of its inputs:
 * the part of the plan a simulator wires from, beside the crossbars (docs/mapping.md).
 *
 * @param pixelCopy   per output pixel (y * width + x, before pooling): the copy that computes it
 * @param finalCopy   per pixel left after the layer's pooling: the copy whose output units finish it
 * @param inputRoutes per input position of the layer (y * width + x; the host's image for the first
 *                    layer): the tiles that receive its values, ascending; null when every tile of
 *                    the layer receives every input (one copy, or a dense layer)
 */
public record CopyPlan(int[] pixelCopy, int[] finalCopy, int[][] inputRoutes) {
    public CopyPlan {
        if (pixelCopy == null || finalCopy == null) {
            throw new IllegalArgumentException("pixelCopy and finalCopy are required");
        }
    }
}
