package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The constant part of the distillation loss, taken out of the loss the progress bar shows. */
class TeacherTest {
    @Test
    void constantLossIsAlphaTSquaredTimesTheMeanEntropyOfTheTargets() {
        float[] half = new float[10];
        half[0] = 0.5f;
        half[1] = 0.5f;
        float[] uniform = new float[10];
        java.util.Arrays.fill(uniform, 0.1f);
        float[] oneHot = new float[10];
        oneHot[3] = 1f;
        INDArray soft = Nd4j.createFromArray(new float[][] {half, uniform, oneHot});
        // entropies ln 2, ln 10 and 0 (0 log 0 counts as 0, not NaN)
        double meanEntropy = (Math.log(2) + Math.log(10) + 0) / 3;
        double expected = 0.9 * 4 * 4 * meanEntropy;
        assertEquals(expected, Teacher.constantLoss(soft, new TrainOptions.Distillation(0.9, 4)), 1e-5);
        assertEquals(0.0, Teacher.constantLoss(soft, new TrainOptions.Distillation(0, 4)), 0.0);
    }

    @Test
    void softCrossEntropyMinusTheConstantIsTheKullbackLeiblerDivergence() {
        INDArray p = Nd4j.createFromArray(new float[][] {{0.7f, 0.2f, 0.1f}});
        double[] q = {0.5, 0.3, 0.2};
        double crossEntropy = 0;
        double kl = 0;
        for (int i = 0; i < 3; i++) {
            double pi = p.getDouble(0, i);
            crossEntropy -= pi * Math.log(q[i]);
            kl += pi * Math.log(pi / q[i]);
        }
        TrainOptions.Distillation d = new TrainOptions.Distillation(1, 1);
        assertEquals(kl, crossEntropy - Teacher.constantLoss(p, d), 1e-6);
    }
}
