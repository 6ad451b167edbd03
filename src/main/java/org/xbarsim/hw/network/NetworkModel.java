package org.xbarsim.hw.network;

import org.xbarsim.hw.common.Port;

import org.xbarsim.arch.NetworkSpec;

/**
 * Timing of the on-chip network. A transfer crosses, in order, its source router's injection port,
 * the mesh links of its dimension-order route ({@link NetworkSpec#route}) and its destination
 * router's ejection port; each of them is a {@link Port} the transfer holds for its own
 * serialization time ({@code ceil(bytes / bandwidth)}), so flows that share a port or a link wait
 * for each other. The head enters the next resource one hop latency after it entered a link (at
 * once after the injection port), but not before the resource is free, and the tail cannot leave a
 * resource before it left the previous one (cut-through: a router holds a waiting transfer, so a
 * wait downstream does not hold the resources already passed). The host sits on router 0.
 */
public final class NetworkModel {
    private final NetworkSpec spec;
    private final int chipTiles;
    private final Port[] inject;
    private final Port[] eject;
    private final Port[] links;

    public NetworkModel(NetworkSpec spec, int chipTiles) {
        this.spec = spec;
        this.chipTiles = chipTiles;
        int routers = (int) spec.routersFor(chipTiles);
        inject = ports(routers);
        eject = ports(routers);
        links = ports(spec.linkIds(chipTiles));
    }

    private static Port[] ports(int n) {
        Port[] p = new Port[n];
        for (int i = 0; i < n; i++) {
            p[i] = new Port();
        }
        return p;
    }

    /**
     * A scheduled transfer: it starts into the injection port at {@code startCycle} and is all at the
     * destination at {@code arrivalCycle}; {@code waitCycles} is how much later that is than on an
     * idle network.
     */
    public record Timing(long startCycle, long arrivalCycle, int hops, long waitCycles) {}

    public int hops(int from, int to) {
        return spec.hops(from, to, chipTiles);
    }

    public Timing schedule(long readyCycle, int fromTile, int toTile, long bytes) {
        int[] route = spec.route(fromTile, toTile, chipTiles);
        long[] starts = new long[route.length + 2];
        long arrival = pass(readyCycle, fromTile, toTile, route, bytes, starts);
        long idealArrival = pass(readyCycle, fromTile, toTile, route, bytes, null);
        return new Timing(starts[0], arrival, route.length, arrival - idealArrival);
    }

    /**
     * When a transfer ready at {@code readyCycle} is all at its destination; with {@code starts}, it
     * reserves the resources on its way and notes when it entered each, without, on an idle network.
     */
    private long pass(long readyCycle, int fromTile, int toTile, int[] route, long bytes, long[] starts) {
        long portSer = serialization(bytes, spec.linkBandwidthBytesPerCycle());
        long linkSer = serialization(bytes, spec.meshLinkBandwidthBytesPerCycle());
        long headIn = readyCycle; // when the head may enter the next resource
        long tailOut = readyCycle; // when the tail may leave it (no earlier than it left the previous one)
        for (int i = 0; i < route.length + 2; i++) {
            Port port = i == 0 ? inject[spec.routerOf(fromTile)] : i <= route.length ? links[route[i - 1]] : eject[spec.routerOf(toTile)];
            long ser = i == 0 || i > route.length ? portSer : linkSer;
            long ready = Math.max(headIn, tailOut - ser);
            long s = starts == null ? ready : port.reserve(ready, ser);
            if (starts != null) {
                starts[i] = s;
            }
            long latency = i > 0 && i <= route.length ? spec.perHopCycles() : 0;
            headIn = s + latency;
            tailOut = s + ser + latency;
        }
        return tailOut;
    }

    private static long serialization(long bytes, int bandwidth) {
        return Math.max(1, (bytes + bandwidth - 1) / bandwidth);
    }
}
