package org.xbarsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Pareto front of a sweep's table: energy and area against accuracy (or the bit-exact share). */
class SweepSummaryTest {

    private static SweepSummary.Row ok(String id, double energy, double area, Double accuracy, int bitExact) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("area-mm2", area);
        m.put("energy-per-inference-nj", energy);
        if (accuracy != null) {
            m.put("accuracy", accuracy);
        }
        m.put("bit-exact-images", bitExact);
        m.put("images", 4);
        return new SweepSummary.Row(id, Map.of(), Map.of(), "ok", m, false, null);
    }

    private static List<String> front(List<SweepSummary.Row> rows) {
        return SweepSummary.markPareto(rows).stream().filter(SweepSummary.Row::pareto).map(SweepSummary.Row::id).toList();
    }

    @Test
    void aCheapPointThatGetsEveryImageWrongDoesNotHideTheAccurateOnes() {
        List<SweepSummary.Row> rows = List.of(
                ok("adc5", 1, 1, 0.0, 0),      // cheapest, useless: still on the front, but alone no more
                ok("adc6", 2, 2, 0.5, 1),
                ok("adc7", 3, 3, 0.5, 1),      // as accurate and as exact as adc6, dearer
                ok("adc8", 4, 4, 0.5, 4),      // as accurate as adc6, but bit-exact on every image
                ok("adc9", 5, 5, 1.0, 4),
                new SweepSummary.Row("p4", Map.of(), Map.of(), "failed", Map.of(), false, "boom"));
        assertEquals(List.of("adc5", "adc6", "adc8", "adc9"), front(rows));
    }

    @Test
    void withoutLabelsTheBitExactShareIsTheFidelity() {
        List<SweepSummary.Row> rows = List.of(ok("a", 1, 1, null, 0), ok("b", 2, 2, null, 4), ok("c", 2, 3, null, 4));
        assertEquals(List.of("a", "b"), front(rows));
    }

    @Test
    void equalPointsAreBothOnTheFront() {
        assertEquals(List.of("a", "b"), front(List.of(ok("a", 1, 1, 0.5, 2), ok("b", 1, 1, 0.5, 2))));
    }
}
