package org.xbarsim.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.xbarsim.arch.NetworkSpec;
import org.xbarsim.arch.NetworkTopology;

class NetworkModelTest {
    @Test
    void transfersSerializeOnSharedPortsAndPayHopLatency() {
        // 16 tiles, 1 per router: a 4x4 mesh; 4 bytes per cycle; 3 cycles per hop
        NetworkModel net = new NetworkModel(new NetworkSpec(NetworkTopology.MESH, 1, 3, 4), 16);
        NetworkModel.Timing a = net.schedule(100, 0, 5, 40); // (0,0) -> (1,1): 2 hops, 10 cycles on the wire
        assertEquals(100, a.startCycle());
        assertEquals(2, a.hops());
        assertEquals(100 + 10 + 6, a.arrivalCycle());
        NetworkModel.Timing b = net.schedule(101, 0, 15, 4); // same source port: waits until 110
        assertEquals(110, b.startCycle());
        NetworkModel.Timing c = net.schedule(101, 3, 12, 4); // other ports: no wait
        assertEquals(101, c.startCycle());
        NetworkModel.Timing d = net.schedule(101, 7, 5, 4); // same destination port as a: waits until 110
        assertEquals(110, d.startCycle());
    }
}
