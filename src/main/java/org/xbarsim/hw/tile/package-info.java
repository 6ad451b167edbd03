/**
 * A tile's controller: the {@link org.xbarsim.hw.tile.TileController} actor keeps the tile's input
 * buffer and drives each ready pixel's inputs onto the local crossbars.
 */
package org.xbarsim.hw.tile;
