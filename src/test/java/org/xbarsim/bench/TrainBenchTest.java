package org.xbarsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;

class TrainBenchTest {
    private static BenchOptions options(Map<String, String> params) {
        return new BenchOptions(1, 0, 1, null, params);
    }

    @Test
    void measuresTheGivenWidthWithBatchNormInFloatSteps() {
        TrainBench bench = new TrainBench();
        bench.setUp(options(Map.of("archs", "vgg16", "width", "0.0625", "batch-norm", "on", "steps", "1", "batch", "8")));
        try {
            List<Measurement> m = bench.run(options(Map.of()));
            assertTrue(m.stream().anyMatch(x -> x.name().equals("images-per-second-vgg16-float") && x.value() > 0), m.toString());
            assertTrue(m.stream().anyMatch(x -> x.name().equals("images-per-second-vgg16-qat") && x.value() > 0), m.toString());
            // per training-thread CPU second when that figure is there (OMP_NUM_THREADS=1), else per wall second
            String rate = m.stream().anyMatch(x -> x.name().startsWith("images-per-cpu-second-")) ? "images-per-cpu-second-"
                    : "images-per-second-";
            double f = m.stream().filter(x -> x.name().equals(rate + "vgg16-float")).findFirst().orElseThrow().value();
            double q = m.stream().filter(x -> x.name().equals(rate + "vgg16-qat")).findFirst().orElseThrow().value();
            Measurement cost = m.stream().filter(x -> x.name().equals("qat-cost-vgg16")).findFirst().orElseThrow();
            assertEquals(f / q, cost.value(), 1e-9 * cost.value());
            assertEquals("x", cost.unit());
            assertFalse(cost.higherIsBetter());
            // the note says which of the two the ratio is
            assertTrue(bench.notes().get("qat-cost").contains(rate.equals("images-per-cpu-second-") ? "per training-thread CPU second"
                    : "per wall second"), bench.notes().get("qat-cost"));
            assertEquals("width 0.0625, " + bench.notes().get("vgg16").split(", ")[1] + ", batch norm in float steps",
                    bench.notes().get("vgg16"));
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void refusesABadWidthOrBatchNormValue() {
        UserInputException w = assertThrows(UserInputException.class,
                () -> new TrainBench().setUp(options(Map.of("archs", "lenet5", "width", "-1"))));
        assertTrue(w.getMessage().contains("width=-1"), w.getMessage());
        UserInputException b = assertThrows(UserInputException.class,
                () -> new TrainBench().setUp(options(Map.of("archs", "lenet5", "batch-norm", "1"))));
        assertTrue(b.getMessage().contains("expected on or off"), b.getMessage());
    }
}
