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
    void jsonHasTheTablesFiguresForScripts() throws Exception {
        CliRun r = CliRun.run("cost", "--config", "sim-configs/isaac.conf", "--group-crossbars", "8", "--bits", "16", "--json");
        assertEquals(0, r.exit(), r.err());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("xbarsim-cost", j.path("format").asText());
        assertEquals(1, j.path("version").asInt());
        assertEquals("isaac", j.path("chip").asText());
        assertEquals(8, j.path("group-crossbars").asInt());
        // the same figures as the table above: group of 8, tile, chip with its links
        assertEquals(23.88, j.at("/total/group-mw").asDouble(), 1e-9);
        assertEquals(329.81, j.at("/total/tile-mw").asDouble(), 1e-9);
        assertEquals(65808.08, j.at("/total/chip-mw").asDouble(), 1e-6);
        assertEquals(85.4247, j.at("/total/chip-mm2").asDouble(), 1e-4);
        assertEquals(192, j.at("/by-component/adc/tile-mw").asDouble(), 1e-9);
        assertEquals(627.4, j.at("/peak/gops-per-s-per-w").asDouble(), 0.05);
        assertEquals(483.3, j.at("/peak/gops-per-s-per-mm2").asDouble(), 0.05);
        assertEquals("offset", j.at("/peak/encoding").asText());
        double sum = 0;
        for (com.fasterxml.jackson.databind.JsonNode k : j.path("by-component")) {
            sum += k.path("chip-mw").asDouble();
        }
        assertEquals(j.at("/total/chip-mw").asDouble(), sum, 1e-3, "the kinds add up to the total");
        assertTrue(j.at("/leakage/chip-mw").asDouble() > 0 && j.at("/leakage/chip-mw").asDouble() < j.at("/total/chip-mw").asDouble());
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
