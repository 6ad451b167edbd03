package org.xbarsim.mapping;

import org.xbarsim.arch.Chip;
import org.xbarsim.arch.CrossbarGeometry;

/**
 * What the mapper needs to know about a chip: the crossbar shape and how many crossbars there are,
 * grouped in tiles. A chip configuration converts to this; tests build it by hand.
 *
 * @param geometry         crossbar rows, columns, bits per cell, weight bits and signed encoding
 * @param tiles            number of tiles on the chip
 * @param crossbarsPerTile crossbar arrays per tile
 * @param packing          how crossbars of consecutive layers share tiles
 */
public record MappingTarget(CrossbarGeometry geometry, int tiles, int crossbarsPerTile, TilePacking packing) {

    /** Tile assignment policy. Either way crossbars are assigned in (layer, column tile, pack) order. */
    public enum TilePacking {
        /** A layer starts in the next free crossbar slot, so small layers share a tile. */
        SHARED,
        /** Every layer starts on a fresh tile, so a tile serves one layer only. */
        LAYER_PER_TILE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public MappingTarget {
        if (geometry == null) {
            throw new IllegalArgumentException("crossbar geometry is missing");
        }
        if (tiles < 1) {
            throw new IllegalArgumentException("tiles = " + tiles + ": must be at least 1");
        }
        if (crossbarsPerTile < 1) {
            throw new IllegalArgumentException("crossbars per tile = " + crossbarsPerTile + ": must be at least 1");
        }
        if (packing == null) {
            packing = TilePacking.SHARED;
        }
    }

    /** A target with {@link TilePacking#SHARED} tiles. */
    public MappingTarget(CrossbarGeometry geometry, int tiles, int crossbarsPerTile) {
        this(geometry, tiles, crossbarsPerTile, TilePacking.SHARED);
    }

    /** The mapping view of a chip: its crossbar geometry, tile count and crossbars per tile. */
    public static MappingTarget of(Chip chip, TilePacking packing) {
        return new MappingTarget(chip.geometry(), chip.tiles(), chip.tile().crossbars(), packing);
    }

    /** Crossbars on the whole chip. */
    public long totalCrossbars() {
        return (long) tiles * crossbarsPerTile;
    }
}
