package org.xbarsim.sweep;

import java.util.List;

/**
 * What running a point gave: its output files (relative paths, sorted), or the error that stopped it.
 *
 * @param error null when the point ran; else what went wrong, for the summary and {@code point.json}
 */
public record PointOutcome(String id, List<ShippedFile> files, String error) {
    public PointOutcome {
        files = List.copyOf(files);
    }

    public static PointOutcome failed(String id, String error) {
        return new PointOutcome(id, List.of(), error);
    }

    public boolean ok() {
        return error == null;
    }
}
