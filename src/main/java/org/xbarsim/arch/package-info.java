/**
 * Chip description records: {@link org.xbarsim.arch.Chip} (clock, tiles, network) and
 * {@link org.xbarsim.arch.TileSpec} (crossbars, DACs, ADCs, sample-and-hold, shift-add, registers,
 * buffers, activation, pooling, multipliers), plus the {@link org.xbarsim.arch.CrossbarGeometry}
 * that pruning and mapping align to. Immutable values: timing in cycles, sizes in bytes; no I/O,
 * no Pekko. {@code org.xbarsim.config} builds them from configuration files.
 */
package org.xbarsim.arch;
