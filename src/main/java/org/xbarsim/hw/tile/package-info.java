/**
 * A tile's controller: {@link org.xbarsim.hw.tile.TileController} is its program, fixed by the
 * mapping (which local crossbars and row lists a ready output pixel needs, one read per distinct row
 * list). It is a pure class, not an actor: the tile's input buffer ({@code hw.buffer.InputBuffer})
 * carries the program out with no message in between.
 */
package org.xbarsim.hw.tile;
