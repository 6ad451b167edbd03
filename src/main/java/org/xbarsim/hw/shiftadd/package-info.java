/**
 * A tile's shift-add unit: the {@link org.xbarsim.hw.shiftadd.ShiftAdd} actor shell over the pure
 * {@link org.xbarsim.hw.shiftadd.ShiftAddModel}, which combines bit-planes, cell slices, polarities
 * and the crossbars of a column tile.
 */
package org.xbarsim.hw.shiftadd;
