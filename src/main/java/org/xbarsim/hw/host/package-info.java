/**
 * The host: the {@link org.xbarsim.hw.host.Host} actor feeds images (or timed requests) to the first
 * layer's tiles and collects the logits.
 */
package org.xbarsim.hw.host;
