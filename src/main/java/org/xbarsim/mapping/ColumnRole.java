package org.xbarsim.mapping;

/**
 * What one physical column of a crossbar holds.
 *
 * @param outputIndex   index into the crossbar's {@link CrossbarPlacement#outputColumns()}
 * @param logicalColumn the layer's logical output column (matrix column) it contributes to
 * @param slice         bit slice of the stored value, 0 = least significant
 * @param shift         left shift that gives the slice its significance: {@code slice * bitsPerCell}
 * @param polarity      sign of its contribution (differential pair) or {@link Polarity#BIASED} (offset)
 */
public record ColumnRole(int outputIndex, int logicalColumn, int slice, int shift, Polarity polarity) {
}
