package org.xbarsim.arch;

/**
 * The on-chip network: {@code tilesPerRouter} tiles share one router (ISAAC: 4); a flit moves one
 * hop in {@code hopLatencyCycles}; a link carries {@code linkBandwidthBytesPerCycle}. The chip
 * talks to the outside over {@code offChipLinks} links of {@code offChipLinkGbPerS} GB/s each
 * (ISAAC: 4 HyperTransport links of 6.4 GB/s), priced for the whole chip only.
 */
public record NetworkSpec(NetworkTopology topology, int tilesPerRouter, long hopLatencyCycles,
                          int linkBandwidthBytesPerCycle, int offChipLinks, double offChipLinkGbPerS) {
    public NetworkSpec {
        Checks.present("network topology", topology);
        Checks.inRange("network tiles per router", tilesPerRouter, 1, 1024);
        Checks.inRange("network hop latency cycles", hopLatencyCycles, 1, Integer.MAX_VALUE);
        Checks.inRange("network link bandwidth bytes per cycle", linkBandwidthBytesPerCycle, 1, 1 << 20);
        Checks.inRange("network off-chip links", offChipLinks, 0, 1024);
        if (!(offChipLinkGbPerS >= 0 && offChipLinkGbPerS <= 1e6)) {
            throw new IllegalArgumentException("network off-chip link GB/s = " + offChipLinkGbPerS + ": must be in [0, 1e6]");
        }
    }

    /** A network without off-chip links. */
    public NetworkSpec(NetworkTopology topology, int tilesPerRouter, long hopLatencyCycles, int linkBandwidthBytesPerCycle) {
        this(topology, tilesPerRouter, hopLatencyCycles, linkBandwidthBytesPerCycle, 0, 0);
    }

    /** Ports of one router: one per tile it serves plus four mesh neighbours. */
    public int routerPorts() {
        return tilesPerRouter + 4;
    }

    /** Routers serving {@code tiles} tiles: {@code ceil(tiles / tilesPerRouter)}. */
    public long routersFor(long tiles) {
        return (tiles + tilesPerRouter - 1) / tilesPerRouter;
    }

    /** Router index of tile {@code tile}. */
    public int routerOf(int tile) {
        return tile / tilesPerRouter;
    }

    /**
     * Router-to-router hops between two tiles on a chip of {@code chipTiles} tiles: 0 when they share
     * a router, else the Manhattan distance on a mesh {@code ceil(sqrt(routers))} routers wide.
     */
    public int hops(int fromTile, int toTile, int chipTiles) {
        long routers = routersFor(chipTiles);
        int width = (int) Math.ceil(Math.sqrt((double) routers));
        int a = routerOf(fromTile);
        int b = routerOf(toTile);
        return Math.abs(a % width - b % width) + Math.abs(a / width - b / width);
    }

    /** Cycles to move {@code bytes} over {@code hops} hops: per-hop latency plus serialization on one link. */
    public long transferCycles(long bytes, int hops) {
        if (bytes <= 0 || hops <= 0) {
            return 0;
        }
        return hops * hopLatencyCycles + (bytes + linkBandwidthBytesPerCycle - 1) / linkBandwidthBytesPerCycle;
    }
}
