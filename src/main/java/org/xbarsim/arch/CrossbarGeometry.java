package org.xbarsim.arch;

/**
 * The crossbar shape that both pruning (train) and placement (mapping) are aligned to.
 *
 * <p>Notation follows docs/design.md section 2: a crossbar has {@code rows} rows and {@code columns}
 * physical columns, a cell stores {@code bitsPerCell} bits, weights are signed {@code weightBits}
 * integers. One logical (output) column takes {@link #physicalColumnsPerLogical()} physical
 * columns, so a crossbar holds {@link #logicalColumnsPerCrossbar()} logical columns.
 */
public record CrossbarGeometry(int rows, int columns, int bitsPerCell, int weightBits, SignedEncoding encoding) {

    public CrossbarGeometry {
        if (rows < 1 || rows > 4096) {
            throw new IllegalArgumentException("rows = " + rows + ": must be in [1, 4096]");
        }
        if (columns < 1 || columns > 4096) {
            throw new IllegalArgumentException("columns = " + columns + ": must be in [1, 4096]");
        }
        if (bitsPerCell < 1 || bitsPerCell > 8) {
            throw new IllegalArgumentException("bits per cell = " + bitsPerCell + ": must be in [1, 8]");
        }
        if (weightBits < 2 || weightBits > 16) {
            throw new IllegalArgumentException("weight bits = " + weightBits + ": must be in [2, 16]");
        }
        if (encoding == null) {
            throw new IllegalArgumentException("signed encoding is missing");
        }
        int k = physicalColumnsPerLogical(bitsPerCell, weightBits, encoding);
        if (columns < k) {
            throw new IllegalArgumentException("columns = " + columns + ": fewer than the " + k
                    + " physical columns one " + weightBits + "-bit " + encoding.key() + " weight needs");
        }
    }

    /** ISAAC-like default: 128x128, 2-bit cells, 8-bit weights, differential pairs. */
    public static CrossbarGeometry isaacLike() {
        return new CrossbarGeometry(128, 128, 2, 8, SignedEncoding.DIFFERENTIAL);
    }

    /** Bits of the stored magnitude: {@code bw-1} for differential pairs, {@code bw} for offset. */
    public int magnitudeBits() {
        return encoding == SignedEncoding.DIFFERENTIAL ? weightBits - 1 : weightBits;
    }

    /** Cells (slices) per weight per polarity: {@code ceil(magnitudeBits / bitsPerCell)}. */
    public int slicesPerWeight() {
        return (magnitudeBits() + bitsPerCell - 1) / bitsPerCell;
    }

    /** Physical columns for one logical column: {@code k} in docs/design.md. */
    public int physicalColumnsPerLogical() {
        return physicalColumnsPerLogical(bitsPerCell, weightBits, encoding);
    }

    private static int physicalColumnsPerLogical(int bitsPerCell, int weightBits, SignedEncoding encoding) {
        int magnitude = encoding == SignedEncoding.DIFFERENTIAL ? weightBits - 1 : weightBits;
        int slices = (magnitude + bitsPerCell - 1) / bitsPerCell;
        return encoding == SignedEncoding.DIFFERENTIAL ? 2 * slices : slices;
    }

    /** Logical columns one crossbar holds: {@code L = floor(C / k)}. */
    public int logicalColumnsPerCrossbar() {
        return columns / physicalColumnsPerLogical();
    }

    /** Number of crossbars an unpruned {@code matrixRows x matrixCols} weight matrix needs. */
    public long denseCrossbars(int matrixRows, int matrixCols) {
        long rowTiles = (matrixRows + (long) rows - 1) / rows;
        long colTiles = (matrixCols + (long) logicalColumnsPerCrossbar() - 1) / logicalColumnsPerCrossbar();
        return rowTiles * colTiles;
    }
}
