/**
 * The crossbar array with its row DACs and sample-and-holds: the {@link org.xbarsim.hw.crossbar.Crossbar}
 * actor shell over the pure {@link org.xbarsim.hw.crossbar.CrossbarModel} (column sums, read timing),
 * and the bit-planes it is driven with.
 */
package org.xbarsim.hw.crossbar;
