package org.xbarsim.sweep;

/**
 * Everything a machine needs to run one point, files included, so no disk is shared: the resolved
 * chip config, the model (and baseline) bytes with their SHA-256, and which images to simulate
 * (the data set itself is read where the point runs).
 *
 * @param baseline null for a plain simulation; else the point is a comparison
 * @param dataDir  the data set folder as the sweep file gives it, or null for the data set's default
 */
public record PointWork(String sweep, String id, ShippedFile config, ShippedFile model, ShippedFile baseline, String dataset,
                        String dataDir, int first, int images, boolean idealAdc) {
}
