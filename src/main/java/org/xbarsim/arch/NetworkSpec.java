package org.xbarsim.arch;

/**
 * The on-chip network: {@code tilesPerRouter} tiles share one router (ISAAC: 4) through their
 * injection and ejection ports of {@code linkBandwidthBytesPerCycle} each; a flit crosses one
 * router in {@code hopLatencyCycles}. Routers sit on a near-square mesh joined by mesh links, one
 * per direction between neighbours, each carrying {@code meshLinkBandwidthBytesPerCycle} with a
 * wire latency of {@code meshLinkLatencyCycles} on top of the router's; routes are dimension-order
 * (XY: along the row first, then along the column). The chip talks to the outside over
 * {@code offChipLinks} links of {@code offChipLinkGbPerS} GB/s each (ISAAC: 4 HyperTransport links of
 * 6.4 GB/s), priced for the whole chip only.
 */
public record NetworkSpec(NetworkTopology topology, int tilesPerRouter, long hopLatencyCycles,
                          int linkBandwidthBytesPerCycle, int meshLinkBandwidthBytesPerCycle, long meshLinkLatencyCycles,
                          int offChipLinks, double offChipLinkGbPerS) {
    /** Mesh link directions, in link-id order: +x, -x, +y, -y. */
    public static final int DIRECTIONS = 4;

    public NetworkSpec {
        Checks.present("network topology", topology);
        Checks.inRange("network tiles per router", tilesPerRouter, 1, 1024);
        Checks.inRange("network hop latency cycles", hopLatencyCycles, 1, Integer.MAX_VALUE);
        Checks.inRange("network link bandwidth bytes per cycle", linkBandwidthBytesPerCycle, 1, 1 << 20);
        Checks.inRange("network mesh link bandwidth bytes per cycle", meshLinkBandwidthBytesPerCycle, 1, 1 << 20);
        Checks.inRange("network mesh link latency cycles", meshLinkLatencyCycles, 0, Integer.MAX_VALUE);
        Checks.inRange("network off-chip links", offChipLinks, 0, 1024);
        if (!(offChipLinkGbPerS >= 0 && offChipLinkGbPerS <= 1e6)) {
            throw new IllegalArgumentException("network off-chip link GB/s = " + offChipLinkGbPerS + ": must be in [0, 1e6]");
        }
    }

    /** Mesh links as fast as the router ports, with no latency beyond the router's. */
    public NetworkSpec(NetworkTopology topology, int tilesPerRouter, long hopLatencyCycles, int linkBandwidthBytesPerCycle,
                       int offChipLinks, double offChipLinkGbPerS) {
        this(topology, tilesPerRouter, hopLatencyCycles, linkBandwidthBytesPerCycle, linkBandwidthBytesPerCycle, 0,
                offChipLinks, offChipLinkGbPerS);
    }

    /** A network without off-chip links, mesh links as fast as the router ports. */
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

    /** Router index of tile {@code tile}; the host ({@code tile < 0}) sits on router 0. */
    public int routerOf(int tile) {
        return Math.max(tile, 0) / tilesPerRouter;
    }

    /** Routers per mesh row on a chip of {@code chipTiles} tiles: {@code ceil(sqrt(routers))}. */
    public int meshWidth(int chipTiles) {
        return (int) Math.ceil(Math.sqrt((double) routersFor(chipTiles)));
    }

    /**
     * Router-to-router hops between two tiles on a chip of {@code chipTiles} tiles: 0 when they share
     * a router, else the Manhattan distance on the mesh.
     */
    public int hops(int fromTile, int toTile, int chipTiles) {
        int width = meshWidth(chipTiles);
        int a = routerOf(fromTile);
        int b = routerOf(toTile);
        return Math.abs(a % width - b % width) + Math.abs(a / width - b / width);
    }

    /**
     * The mesh links a transfer from {@code fromTile} to {@code toTile} crosses, in order, by
     * dimension-order routing (first along the row, then along the column). A link's id is
     * {@code router x 4 + direction} of the router it leaves ({@link #DIRECTIONS}).
     */
    public int[] route(int fromTile, int toTile, int chipTiles) {
        int width = meshWidth(chipTiles);
        int a = routerOf(fromTile);
        int b = routerOf(toTile);
        int x = a % width;
        int y = a / width;
        int[] links = new int[hops(fromTile, toTile, chipTiles)];
        int i = 0;
        while (x != b % width) {
            int dir = x < b % width ? 0 : 1;
            links[i++] = (y * width + x) * DIRECTIONS + dir;
            x += dir == 0 ? 1 : -1;
        }
        while (y != b / width) {
            int dir = y < b / width ? 2 : 3;
            links[i++] = (y * width + x) * DIRECTIONS + dir;
            y += dir == 2 ? 1 : -1;
        }
        return links;
    }

    /** Mesh link ids on a chip of {@code chipTiles} tiles range over {@code [0, linkIds)}. */
    public int linkIds(int chipTiles) {
        int width = meshWidth(chipTiles);
        return width * width * DIRECTIONS;
    }

    /** A mesh link's name, e.g. "link 3>4" (router 3 to router 4). */
    public String linkName(int link, int chipTiles) {
        int width = meshWidth(chipTiles);
        int from = link / DIRECTIONS;
        int[] step = {1, -1, width, -width};
        return "link " + from + ">" + (from + step[link % DIRECTIONS]);
    }

    /** Cycles a flit takes over one hop: the router and the mesh link's wire. */
    public long perHopCycles() {
        return hopLatencyCycles + meshLinkLatencyCycles;
    }

    /**
     * Cycles to move {@code bytes} over {@code hops} hops without contention: per-hop latency plus
     * serialization on the slowest of the router port and the mesh link.
     */
    public long transferCycles(long bytes, int hops) {
        if (bytes <= 0 || hops <= 0) {
            return 0;
        }
        long bw = Math.min(linkBandwidthBytesPerCycle, meshLinkBandwidthBytesPerCycle);
        return hops * perHopCycles() + (bytes + bw - 1) / bw;
    }
}
