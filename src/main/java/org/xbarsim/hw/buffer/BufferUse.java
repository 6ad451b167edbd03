package org.xbarsim.hw.buffer;

/**
 * How a tile's input buffer was used in a run.
 *
 * @param tile       the tile
 * @param sizeBytes  its capacity
 * @param peakBytes  the most bytes it held at once
 * @param waits      writes that waited for room (their producers' transfers were held back)
 * @param waitCycles cycles those writes waited, summed
 */
public record BufferUse(int tile, long sizeBytes, long peakBytes, long waits, long waitCycles) {
}
