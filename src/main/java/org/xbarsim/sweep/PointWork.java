package org.xbarsim.sweep;

/**
 * Everything a machine needs to run one point, files included, so no disk is shared: the resolved
 * chip config, the model (and baseline) bytes with their SHA-256, and which images to simulate
 * (the data set itself is read where the point runs). The paths are those of the machine that
 * runs the sweep and writes the point folders: the point's {@code run.json} and messages name them,
 * not the scratch copies the point ran from (deleted when it ends).
 *
 * @param baseline     null for a plain simulation; else the point is a comparison
 * @param dataDir      the data set folder as the sweep file gives it, or null for the data set's default
 * @param modelPath    the model file as the sweep resolves it (absolute)
 * @param baselinePath the baseline model file likewise, or null
 * @param folder       the point's folder, {@code DIR/points/ID} (absolute), which will hold {@code point.conf}
 */
public record PointWork(String sweep, String id, ShippedFile config, ShippedFile model, ShippedFile baseline, String dataset,
                        String dataDir, int first, int images, boolean idealAdc, String modelPath, String baselinePath,
                        String folder) {
}
