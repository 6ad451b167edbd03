/** Chip description records (crossbar geometry, tiles, ADCs, DACs, buffers, network). Pure values, no I/O, no Pekko. */
package org.xbarsim.arch;
