package org.xbarsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.train.Augmentation;
import org.xbarsim.train.TrainOptions;

/** Training-step records stay readable across new options: finished steps are reused, changed ones redone. */
class TrainOptionsKeyTest {
    /** Options of the paper preset's seed-1 2x-budget step, as a run recorded them before baselineWeightBits. */
    private static TrainOptions.Builder budgetStep() {
        return TrainOptions.builder().arch("vgg16").width(0.125).dataset("fashion-mnist-32").seed(1)
                .geometry(new CrossbarGeometry(128, 128, 2, 8, SignedEncoding.OFFSET))
                .crossbarBudget(36L).pretrainEpochs(2).pruneEpochs(1).qatEpochs(2).zerorizeSteps(8)
                .unstructured(true).outPrefix(Path.of("model")).checkpoint(Path.of("checkpoint"))
                .augmentation(Augmentation.NONE).minKeptUnits(4).batchNorm(true);
    }

    @Test
    void aStepRecordedBeforeANewOptionStillMatches() {
        // copied from the step.json such a run wrote
        String recorded = "TrainOptions[arch=vgg16, width=0.125, dataset=fashion-mnist-32, dataDir=null, seed=1, "
                + "geometry=CrossbarGeometry[rows=128, columns=128, bitsPerCell=2, weightBits=8, encoding=OFFSET], "
                + "crossbarBudget=36, targetSparsity=null, pretrainEpochs=2, pruneEpochs=1, qatEpochs=2, "
                + "baselineExtraEpochs=0, batchSize=128, learningRate=0.002, groupLasso=5.0E-4, zerorizeSteps=8, "
                + "trainLimit=0, testLimit=0, unstructured=true, outPrefix=model, distillation=null, allocation=SQRT, "
                + "pruneFromBaseline=true, checkpoint=checkpoint, weightAverage=0.0, "
                + "augmentation=Augmentation[maxShift=0, flip=false], maxLayerSparsity=1.0, rescalePruned=false, "
                + "minKeptUnits=4, batchNorm=true]";
        assertEquals(recorded, TrainOptionsKey.of(budgetStep().build()));
    }

    @Test
    void aNewOptionAwayFromItsDefaultIsNamed() {
        String key = TrainOptionsKey.of(budgetStep().baselineWeightBits(16).build());
        assertTrue(key.endsWith(", batchNorm=true, baselineWeightBits=16]"), key);
    }

    @Test
    void everyOptionShapesTheKey() {
        // a frozen option changes the key at any value, as before
        String base = TrainOptionsKey.of(budgetStep().build());
        assertTrue(!base.equals(TrainOptionsKey.of(budgetStep().minKeptUnits(1).build())));
        assertTrue(!base.equals(TrainOptionsKey.of(budgetStep().seed(2).build())));
    }
}
