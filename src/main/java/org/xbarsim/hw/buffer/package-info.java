/**
 * The tiles' eDRAM buffers: the {@link org.xbarsim.hw.buffer.OutputBuffer} actor, the bounded
 * occupancy model both buffers use ({@link org.xbarsim.hw.buffer.InputBufferModel}), the input
 * buffer's contents ({@link org.xbarsim.hw.buffer.LayerInputModel}: which pixels have all their
 * inputs), and the check that refuses a buffer too small to make progress.
 */
package org.xbarsim.hw.buffer;
