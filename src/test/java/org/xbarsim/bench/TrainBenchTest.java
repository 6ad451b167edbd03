package org.xbarsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
