package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The exponential moving average of the weights exported after fine-tuning. */
class WeightAverageTest {
    @Test
    void followsTheRampedDecayAndKeepsZeroWeightsZero() {
        INDArray w = Nd4j.createFromArray(new float[] {0f, 1f});
        try (WeightAverage avg = new WeightAverage(List.of(w), 0.5)) {
            // update 1: decay min(0.5, 2/11) = 2/11; update 2: min(0.5, 3/12) = 1/4
            w.assign(Nd4j.createFromArray(new float[] {0f, 3f}));
            avg.update(List.of(w));
            w.assign(Nd4j.createFromArray(new float[] {0f, 5f}));
            avg.update(List.of(w));
            double afterOne = 2.0 / 11 * 1 + 9.0 / 11 * 3;
            double afterTwo = 0.25 * afterOne + 0.75 * 5;
            INDArray out = Nd4j.zeros(2);
            avg.copyInto(List.of(out));
            assertArrayEquals(new float[] {0f, (float) afterTwo}, out.toFloatVector(), 1e-5f);
        }
    }

    @Test
    void theDecayIsCappedOnceTheRampPassesIt() {
        INDArray w = Nd4j.createFromArray(new float[] {4f});
        try (WeightAverage avg = new WeightAverage(List.of(w), 0.2)) {
            w.assign(8f);
            avg.update(List.of(w)); // min(0.2, 2/11) = 2/11
            w.assign(0f);
            avg.update(List.of(w)); // min(0.2, 3/12) = 0.2
            INDArray out = Nd4j.zeros(1);
            avg.copyInto(List.of(out));
            double expected = 0.2 * (2.0 / 11 * 4 + 9.0 / 11 * 8);
            assertArrayEquals(new float[] {(float) expected}, out.toFloatVector(), 1e-5f);
        }
    }

    @Test
    void aDecayOutsideTheOpenUnitIntervalIsRefused() {
        INDArray w = Nd4j.zeros(1);
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(List.of(w), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(List.of(w), 0.0));
    }

    @Test
    void aPhaseCannotAverageAcrossZerorizeSteps() {
        Trainer.Zerorizer z = (p, k, steps) -> null;
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer.Phase("prune", 1, 0.001, null, false, null, z, 2, 0, null, 0.999));
    }
}
