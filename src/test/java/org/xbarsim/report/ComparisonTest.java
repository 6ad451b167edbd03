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
        String exact = "bit-exact vs golden engine               images " + String.format("%14s %14s",
                Comparison.bitExact(base), Comparison.bitExact(comp));
        assertTrue(text.contains(exact + "\n"), "beside the simulated accuracy, which a clipping ADC lowers: " + text);
        assertTrue(text.contains("+0.00 points"), text);
    }

    private static SimulationReport clocked(SimulationReport r, double clockGhz, long latencyCycles, double cyclesBetween) {
        return SimulationReport.of(r.model(), r.config(), r.inputs(), new SimulationReport.Chip(clockGhz, 4, 1, 96, 8, Map.of()),
                r.area(), r.power(), r.energy(), new SimulationReport.Latency(latencyCycles, latencyCycles / clockGhz),
                new SimulationReport.Throughput(2, 2 * latencyCycles, cyclesBetween, 1e9 * clockGhz / cyclesBetween),
                r.accuracy(), r.bitExactness(), r.simulation());
    }

    @Test
    void latencyIsComparedInTimeWhenTheChipsClocksDiffer() {
        // found by a user trial: a baseline chip of twice the clock and twice the cycles per read took as long,
        // but the cycles gave "2.00x shorter latency"
        SimulationReport comp = clocked(ReportFixtures.sample(null), 1.28, 1000, 400);
        SimulationReport fast = clocked(ReportFixtures.sample(null), 2.56, 2000, 800);
        Map<String, Comparison.Row> rows = new java.util.HashMap<>();
        Comparison.of(comp, fast).rows().forEach(r -> rows.put(r.key(), r));
        assertEquals(1.0, rows.get("latency").ratio(), 1e-12);
        assertEquals("ns", rows.get("latency").unit());
        assertEquals(1.0, rows.get("cycles-between-images").ratio(), 1e-12);
        assertEquals("time between images, simulated", rows.get("cycles-between-images").metric());
        SimulationReport same = clocked(ReportFixtures.sample(null), 1.28, 2000, 800);
        Comparison.of(comp, same).rows().forEach(r -> rows.put(r.key(), r));
        assertEquals(2.0, rows.get("latency").ratio(), 1e-12);
        assertEquals("cycles", rows.get("latency").unit(), "one clock: the cycles, as the simulation counted them");
    }

    @Test
    void aHeadlineCardOfARatioBelowOneSaysMoreNotLess() {
        assertTrue(ComparisonHtml.card(2.5641, "less compute power", "more compute power").contains(">2.56x</div><div>less compute power<"));
        String worse = ComparisonHtml.card(1 / 5.64, "less compute area", "more compute area");
        assertTrue(worse.contains(">5.64x</div><div>more compute area<"), worse);
        assertTrue(ComparisonHtml.card(null, "fewer crossbars", "more crossbars").contains(">n/a<"));
        assertTrue(ComparisonHtml.card(0.0, "fewer crossbars", "more crossbars").contains(">n/a<"));
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
