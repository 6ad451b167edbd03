package org.xbarsim.hw;

import org.xbarsim.arch.NetworkSpec;

/**
 * Timing of the on-chip network: every router has one injection and one ejection port; a
 * transfer holds both for its serialization time ({@code ceil(bytes / link bandwidth)}), then its
 * head travels {@code hops * hop latency}. Transfers that share a port wait for it. The host sits
 * on router 0's ports.
 */
public final class NetworkModel {
    private final NetworkSpec spec;
    private final int chipTiles;
    private final Port[] inject;
    private final Port[] eject;

    public NetworkModel(NetworkSpec spec, int chipTiles) {
        this.spec = spec;
        this.chipTiles = chipTiles;
        int routers = (int) spec.routersFor(chipTiles);
        inject = new Port[routers];
        eject = new Port[routers];
        for (int i = 0; i < routers; i++) {
            inject[i] = new Port();
            eject[i] = new Port();
        }
    }

    /** A scheduled transfer. */
    public record Timing(long startCycle, long arrivalCycle, int hops, long serializationCycles) {}

    private int router(int tile) {
        return tile < 0 ? 0 : spec.routerOf(tile);
    }

    public int hops(int from, int to) {
        return spec.hops(Math.max(from, 0), Math.max(to, 0), chipTiles);
    }

    public Timing schedule(long readyCycle, int fromTile, int toTile, long bytes) {
        long ser = Math.max(1, (bytes + spec.linkBandwidthBytesPerCycle() - 1) / spec.linkBandwidthBytesPerCycle());
        Port in = inject[router(fromTile)];
        Port out = eject[router(toTile)];
        long start = Math.max(readyCycle, Math.max(in.freeAt(), out.freeAt()));
        in.reserve(start, ser);
        out.reserve(start, ser);
        int hops = hops(fromTile, toTile);
        return new Timing(start, start + ser + (long) hops * spec.hopLatencyCycles(), hops, ser);
    }
}
