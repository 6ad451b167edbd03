package org.xbarsim.arch;

/**
 * The on-chip network: {@code tilesPerRouter} tiles share one router (ISAAC: 4); a flit moves one
 * hop in {@code hopLatencyCycles}; a link carries {@code linkBandwidthBytesPerCycle}.
 */
public record NetworkSpec(NetworkTopology topology, int tilesPerRouter, long hopLatencyCycles,
                          int linkBandwidthBytesPerCycle) {
    public NetworkSpec {
        Checks.present("network topology", topology);
        Checks.inRange("network tiles per router", tilesPerRouter, 1, 1024);
        Checks.inRange("network hop latency cycles", hopLatencyCycles, 1, Integer.MAX_VALUE);
        Checks.inRange("network link bandwidth bytes per cycle", linkBandwidthBytesPerCycle, 1, 1 << 20);
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
