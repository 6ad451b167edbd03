/**
 * The on-chip network: the {@link org.xbarsim.hw.network.Network} actor over the pure
 * {@link org.xbarsim.hw.network.NetworkModel} (mesh links, dimension-order routing), and
 * {@link org.xbarsim.hw.network.Routes}, which knows every component's address and sends a
 * message between tiles through the network.
 */
package org.xbarsim.hw.network;
