package org.xbarsim.arch;

/**
 * A whole chip: {@code tiles} identical tiles joined by a network, all clocked at
 * {@code clockGhz}. Every latency in the records is in cycles of this clock; every size in bytes.
 */
public record Chip(String name, double clockGhz, int tiles, TileSpec tile, NetworkSpec network) {
    public Chip {
        Checks.present("chip name", name);
        if (!(clockGhz > 0 && clockGhz <= 100)) {
            throw new IllegalArgumentException("clock ghz = " + clockGhz + ": must be in (0, 100]");
        }
        Checks.inRange("tiles", tiles, 1, 1 << 24);
        Checks.present("tile", tile);
        Checks.present("network", network);
    }

    /** The crossbar geometry pruning and mapping align to. */
    public CrossbarGeometry geometry() {
        return tile.geometry();
    }

    /** Crossbars on the whole chip: {@code tiles * crossbarsPerTile}. */
    public long crossbars() {
        return (long) tiles * tile.crossbars();
    }

    /** Nanoseconds of {@code cycles} cycles at the chip clock. */
    public double nanoseconds(long cycles) {
        return cycles / clockGhz;
    }
}
