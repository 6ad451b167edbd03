/**
 * A tile's output unit: the {@link org.xbarsim.hw.output.OutputUnit} actor adds the bias,
 * requantizes, applies the activation and pools ({@link org.xbarsim.hw.output.PoolChainModel}), and
 * stores finished pixels in the tile's output buffer.
 */
package org.xbarsim.hw.output;
