package org.xbarsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static SimulationReport withChip(SimulationReport r, int crossbars, double computeMm2) {
        return SimulationReport.of(r.model(), r.config(), r.inputs(),
                new SimulationReport.Chip(1.2, 4, 1, 96, crossbars, Map.of()),
                new SimulationReport.Area(computeMm2, 1.0, Map.of()), r.power(), r.energy(), r.latency(), r.throughput(),
                r.accuracy(), r.bitExactness(), r.simulation());
    }

    @Test
    void ratiosAreBaselineOverCompressed() {
        SimulationReport base = withChip(ReportFixtures.sample(null), 40, 0.5);
        SimulationReport comp = withChip(ReportFixtures.sample(null), 8, 0.125);
        Comparison c = Comparison.of(comp, base);
        Comparison.Row crossbars = c.rows().get(0);
        assertEquals("crossbars", crossbars.metric());
        assertEquals(5.0, crossbars.ratio(), 1e-12);
        Comparison.Row area = c.rows().stream().filter(r -> r.metric().equals("compute area")).findFirst().orElseThrow();
        assertEquals(4.0, area.ratio(), 1e-12);
        String text = Comparison.render(comp, base);
        assertTrue(text.contains("5.00x"), text);
        assertTrue(text.contains("+0.00 points"), text);
    }

    @Test
    void aZeroCompressedValueHasNoRatio() {
        assertTrue(Double.isNaN(new Comparison.Row("x", "x", "u", 3, 0).ratio()));
    }

    @Test
    void numbersStayInPlainNotationBesideWholeOnes() {
        assertEquals("4366", Comparison.num(4366));
        assertEquals("11730.5", Comparison.num(11730.46), "not 1.173e+04");
        assertEquals("-25000.0", Comparison.num(-24999.98));
        assertEquals("0.1235", Comparison.num(0.123456));
        assertEquals("1235", Comparison.num(1234.6));
        assertEquals("9999.6", Comparison.num(9999.6), "%.4g would round it up to 1.000e+04");
        assertEquals("9999", Comparison.num(9999.4));
        assertEquals("9999.5", Comparison.num(9999.5), "where %.4g would switch to 1.000e+04");
    }
}
