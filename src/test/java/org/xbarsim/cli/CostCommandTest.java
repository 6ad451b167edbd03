package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cost command prints ISAAC's published figures for isaac.conf and rejects bad options. */
class CostCommandTest {
    @Test
    void isaacTileChipAndEfficiencyAreIsaacs() {
        CliRun r = CliRun.run("cost", "--config", "sim-configs/isaac.conf", "--group-crossbars", "8", "--bits", "16");
        assertEquals(0, r.exit(), r.err());
        String total = r.out().lines().filter(l -> l.startsWith("total ")).findFirst().orElseThrow();
        // group of 8 arrays, tile (chip without links / 168), chip with the HyperTransport links
        assertEquals("total 23.8800 0.012880 329.8100 0.372290 65808.08 85.4247", total.replaceAll("\\s+", " ").trim());
        assertTrue(r.out().contains("adc 16.0000 0.009600 192.0000 0.115200".replace(" ", "")) || r.out().replaceAll("\\s+", " ")
                .contains("adc 16.0000 0.009600 192.0000 0.115200"), r.out());
        assertTrue(r.out().contains("16-bit weights and inputs (offset encoding"), r.out());
        assertTrue(r.out().contains("627.4 GOPs/s/W (chip 65.81 W), 483.3 GOPs/s/mm^2 (chip 85.42 mm^2)"), r.out());
        assertTrue(r.out().contains("compute = crossbar, dac, adc, sample-hold, shift-add, multiplier; dynamic + leakage"), r.out());
    }

    @Test
    void badOptionsNameTheOptionAndExitTwo() {
        CliRun r = CliRun.run("cost", "--config", "sim-configs/isaac.conf", "--group-crossbars", "97");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--group-crossbars 97: must be in [1, 96]"), r.err());
        r = CliRun.run("cost", "--config", "sim-configs/isaac.conf", "--bits", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--bits 1: must be in [2, 16]"), r.err());
    }
}
