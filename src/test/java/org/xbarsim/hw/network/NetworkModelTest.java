package org.xbarsim.hw.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbarsim.arch.NetworkSpec;
import org.xbarsim.arch.NetworkTopology;

class NetworkModelTest {
    /** 16 tiles, 1 per router: a 4x4 mesh; 4 bytes per cycle on ports and links; 3 cycles per hop. */
    private static NetworkModel mesh4x4() {
        return new NetworkModel(new NetworkSpec(NetworkTopology.MESH, 1, 3, 4), 16);
    }

    @Test
    void transfersSerializeOnSharedPortsAndPayHopLatency() {
        NetworkModel net = mesh4x4();
        NetworkModel.Timing a = net.schedule(100, 0, 5, 40); // (0,0) -> (1,1): 2 hops, 10 cycles on the wire
        assertEquals(100, a.startCycle());
        assertEquals(2, a.hops());
        assertEquals(100 + 10 + 6, a.arrivalCycle());
        assertEquals(0, a.waitCycles());
        NetworkModel.Timing b = net.schedule(101, 0, 15, 4); // same injection port: waits until 110
        assertEquals(110, b.startCycle());
        NetworkModel.Timing c = net.schedule(101, 3, 12, 4); // other ports and links: no wait
        assertEquals(101, c.startCycle());
        assertEquals(0, c.waitCycles());
        // same ejection port as a (held 106..116): injected at once, then waits in router 5 for the port
        NetworkModel.Timing d = net.schedule(101, 7, 5, 4);
        assertEquals(101, d.startCycle());
        assertEquals(117, d.arrivalCycle());
        assertEquals(117 - (101 + 2 * 3 + 1), d.waitCycles());
    }

    @Test
    void routesAreDimensionOrderRowFirst() {
        NetworkSpec spec = new NetworkSpec(NetworkTopology.MESH, 1, 3, 4);
        // router 1 = (1,0) -> router 14 = (2,3): +x once, then +y three times
        int[] route = spec.route(1, 14, 16);
        assertArrayEquals(new int[] {1 * 4, 2 * 4 + 2, 6 * 4 + 2, 10 * 4 + 2}, route);
        assertEquals("link 1>2", spec.linkName(route[0], 16));
        assertEquals("link 10>14", spec.linkName(route[3], 16));
        assertEquals(0, spec.route(0, 0, 16).length);
        assertEquals(0, spec.route(-1, 0, 16).length, "the host sits on router 0");
    }

    /** When the last of {@code count} transfers of 40 bytes from {@code from} to {@code to}, one every 10 cycles, arrives. */
    private static long flow(NetworkModel net, int from, int to, int count) {
        long last = 0;
        for (int i = 0; i < count; i++) {
            last = net.schedule(10L * i, from, to, 40).arrivalCycle();
        }
        return last;
    }

    private static long[] together(int fromA, int toA, int fromB, int toB) {
        NetworkModel net = mesh4x4();
        long[] a = new long[1];
        long[] b = new long[1];
        for (int i = 0; i < 20; i++) { // the two flows interleave, as the simulator schedules them by cycle
            a[0] = net.schedule(10L * i, fromA, toA, 40).arrivalCycle();
            b[0] = net.schedule(10L * i, fromB, toB, 40).arrivalCycle();
        }
        return new long[] {a[0], b[0]};
    }

    @Test
    void flowsSharingAMeshLinkBothTakeLongerAndDisjointFlowsDoNot() {
        // each flow alone keeps its ports and links exactly busy: 20 transfers of 10 cycles each
        long aAlone = flow(mesh4x4(), 0, 2, 20); // links 0>1, 1>2
        long bAlone = flow(mesh4x4(), 1, 3, 20); // links 1>2, 2>3
        long cAlone = flow(mesh4x4(), 4, 6, 20); // links 4>5, 5>6
        assertEquals(190 + 10 + 2 * 3, aAlone);
        assertEquals(190 + 10 + 2 * 3, bAlone);
        assertEquals(aAlone, cAlone);
        long[] shared = together(0, 2, 1, 3); // different ports, one link (1>2) in common
        assertTrue(shared[0] > aAlone && shared[1] > bAlone, "both flows slow down on the shared link: " + shared[0]
                + ", " + shared[1] + " vs " + aAlone + ", " + bAlone + " alone");
        assertEquals(20 * 2 * 10, shared[1], 15, "the shared link carries both flows: about twice the time");
        long[] disjoint = together(0, 2, 4, 6);
        assertArrayEquals(new long[] {aAlone, cAlone}, disjoint, "no link or port in common: no wait");
    }

    @Test
    void meshLinksHaveTheirOwnBandwidthAndLatency() {
        // ports 4 B/cycle, mesh links 2 B/cycle and 5 cycles of wire on top of the 3-cycle hop
        NetworkModel net = new NetworkModel(new NetworkSpec(NetworkTopology.MESH, 1, 3, 4, 2, 5, 0, 0), 16);
        NetworkModel.Timing t = net.schedule(0, 0, 2, 40); // 2 hops
        // the links take 20 cycles for the 40 bytes, the ejection port's 10 can end only after them
        assertEquals(2 * (3 + 5) + 20, t.arrivalCycle());
        assertEquals(0, t.waitCycles());
        NetworkModel.Timing local = net.schedule(0, 5, 5, 40); // same router: ports only
        assertEquals(10, local.arrivalCycle());
    }
}
