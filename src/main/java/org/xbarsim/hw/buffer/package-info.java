/**
 * The tiles' eDRAM buffers, each an actor of its own with a port, a capacity and an occupancy: the
 * {@link org.xbarsim.hw.buffer.InputBuffer} (stores arriving activations and drives each ready
 * pixel's inputs onto the crossbars the tile controller names) and the
 * {@link org.xbarsim.hw.buffer.OutputBuffer}; the bounded store both use
 * ({@link org.xbarsim.hw.buffer.InputBufferModel}), the input buffer's contents
 * ({@link org.xbarsim.hw.buffer.LayerInputModel}: which pixels have all their inputs), and the
 * check that refuses a buffer too small to make progress.
 */
package org.xbarsim.hw.buffer;
