package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;

/** Batch norm while training in float, and its folding into the weights and biases before quantization. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchNormTest {
    static final CrossbarGeometry ISAAC = CrossbarGeometry.isaacLike();

    ImageSet train;
    Architecture lenet;
    Path dir;
    TrainingPipeline.Result normalized;
    TrainingPipeline.Result fromCheckpoint;

    static TrainOptions options(Path prefix, Path checkpoint, boolean batchNorm) {
        return TrainOptions.builder().arch("lenet5").dataset("synthetic").seed(4).targetSparsity(0.5)
                .pretrainEpochs(1).pruneEpochs(1).qatEpochs(1).batchSize(50).zerorizeSteps(2).trainLimit(400)
                .testLimit(200).outPrefix(prefix).checkpoint(checkpoint).batchNorm(batchNorm).build();
    }

    @BeforeAll
    void setUp(@TempDir Path tmp) {
        dir = tmp;
        train = DataSets.load("synthetic", null, Split.TRAIN).first(400);
        lenet = Architecture.of("lenet5", train.shape(), train.numClasses(), 1);
        Path ck = dir.resolve("bn.ckpt");
        normalized = new TrainingPipeline(options(dir.resolve("a/lenet5"), ck, true), ProgressBar.disabled()).run();
        fromCheckpoint = new TrainingPipeline(options(dir.resolve("b/lenet5"), ck, true), ProgressBar.disabled()).run();
    }

    /** LeNet-5 with batch norm, its gammas and betas drawn away from 1 and 0 so folding has something to do. */
    private FloatParams randomNormalized(long seed) {
        FloatParams p = FloatParams.init(lenet, seed, true);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < p.gammas.size(); i++) {
            if (p.gammas.get(i) != null) {
                int c = (int) p.gammas.get(i).length();
                float[] g = new float[c];
                float[] b = new float[c];
                for (int k = 0; k < c; k++) {
                    g[k] = (float) (0.5 + r.nextDouble());
                    b[k] = (float) (0.4 * r.nextDouble() - 0.2);
                }
                p.gammas.set(i, Nd4j.create(g, new long[] {c}, 'c'));
                p.betas.set(i, Nd4j.create(b, new long[] {c}, 'c'));
            }
        }
        return p;
    }

    @Test
    void onlyTheHiddenConvolutionsAreNormalized() {
        FloatParams p = FloatParams.init(lenet, 1, true);
        for (Architecture.Weighted l : lenet.weighted()) {
            assertEquals(l.isConv() && !l.logits(), p.gammas.get(l.index()) != null, l.name());
        }
        // the weights do not depend on batch norm, so runs with and without it start from the same network
        FloatParams plain = FloatParams.init(lenet, 1);
        for (int i = 0; i < p.weights.size(); i++) {
            assertArrayEquals(plain.weightValues(i), p.weightValues(i));
        }
        assertEquals(2 * lenet.weighted().size() + 4, p.trainable().size());
    }

    @Test
    void theFoldedNetworkComputesWhatTheNormalizedOneDoesOnTheBatchItWasMeasuredOn() {
        FloatParams p = randomNormalized(7);
        ImageSet batch = train.first(256);
        INDArray images = Batches.images(batch, null, 0, batch.size());
        NetworkGraph bn = new NetworkGraph(lenet, null, IntegerExport.ACTIVATION_BITS, null, true);
        bn.setParameters(p);
        INDArray expected = bn.output(images, List.of(NetworkGraph.LOGITS)).get(NetworkGraph.LOGITS);
        // one batch of all 256 images: the folded statistics are exactly those the normalized graph used
        FloatParams folded = BatchNormFolding.fold(p, batch, 256);
        NetworkGraph plain = new NetworkGraph(lenet, null, IntegerExport.ACTIVATION_BITS);
        plain.setParameters(folded.weights, folded.biases);
        INDArray got = plain.output(images, List.of(NetworkGraph.LOGITS)).get(NetworkGraph.LOGITS);
        double scale = expected.amaxNumber().doubleValue();
        double diff = got.sub(expected).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-4 * scale, "folded logits differ by " + diff + " (largest logit " + scale + ")");
        // and folding did change the weights: gamma and the variance scale them
        assertTrue(folded.weights.get(0).sub(p.weights.get(0)).amaxNumber().doubleValue() > 1e-3);
    }

    @Test
    void statisticsAverageTheBatchesWeightedByTheirSize() {
        FloatParams p = randomNormalized(8);
        ImageSet images = train.first(150);
        BatchNormFolding.Statistics whole = BatchNormFolding.statistics(p, images, 150);
        // batches of 100 and 50: the means average with weights 2/3 and 1/3
        BatchNormFolding.Statistics split = BatchNormFolding.statistics(p, images, 100);
        BatchNormFolding.Statistics first = BatchNormFolding.statistics(p, train.first(100), 100);
        for (int k = 0; k < whole.mean().length; k++) {
            for (int c = 0; c < whole.mean()[k].length; c++) {
                assertEquals(whole.mean()[k][c], split.mean()[k][c], 1e-4 * (1 + Math.abs(whole.mean()[k][c])));
                assertTrue(split.variance()[k][c] >= 0);
            }
        }
        assertTrue(first.mean()[0][0] != split.mean()[0][0], "the second batch counts");
    }

    @Test
    void prunedGroupsAndFiltersFoldToExactZeros() {
        FloatParams p = randomNormalized(9);
        // the most pruning the floors allow: kernel groups and whole filters go
        GroupSelector.Selection s = new GroupSelector(lenet, ISAAC).strongest(p);
        Trainer.applyMasks(p, Trainer.maskArrays(s.masks()));
        FloatParams folded = BatchNormFolding.fold(p, train.first(200), 50);
        int prunedFilters = 0;
        for (GroupMask m : s.masks()) {
            int i = m.layer.index();
            float[] wm = m.weightMask();
            float[] w = folded.weightValues(i);
            for (int k = 0; k < w.length; k++) {
                if (wm[k] == 0) {
                    assertEquals(0f, Math.abs(w[k]), m.layer.name() + " weight " + k);
                }
            }
            float[] bm = m.biasMask();
            float[] b = folded.biasValues(i);
            for (int c = 0; c < b.length; c++) {
                if (bm[c] == 0) {
                    assertEquals(0f, Math.abs(b[c]), m.layer.name() + " bias " + c);
                    prunedFilters++;
                }
            }
        }
        assertTrue(prunedFilters > 0, "the selection pruned some filters");
    }

    @Test
    void foldingIsRepeatableAndLeavesItsInputAlone() {
        FloatParams p = randomNormalized(10);
        FloatParams copy = p.copy();
        FloatParams a = BatchNormFolding.fold(p, train.first(120), 50);
        FloatParams b = BatchNormFolding.fold(p, train.first(120), 50);
        for (int i = 0; i < p.weights.size(); i++) {
            assertArrayEquals(a.weightValues(i), b.weightValues(i));
            assertArrayEquals(a.biasValues(i), b.biasValues(i));
            assertArrayEquals(copy.weightValues(i), p.weightValues(i));
        }
        assertNull(a.gammas);
        assertThrows(IllegalArgumentException.class, () -> BatchNormFolding.fold(a, train.first(10), 10));
    }

    @Test
    void quantizingPhasesRefuseANetworkThatStillHasBatchNorm() {
        Trainer t = new Trainer(lenet, ISAAC, train.first(50), 50, 1, ProgressBar.disabled(), Augmentation.NONE);
        FloatParams p = FloatParams.init(lenet, 1, true);
        Trainer.Phase qat = new Trainer.Phase("qat", 1, 0.001, null, true, null, null, 1, 0, null, 0);
        assertThrows(IllegalArgumentException.class, () -> t.run(p, qat, 8));
    }

    @Test
    void aTrainingRunWithBatchNormSaysSoAndExportsPlainModels() throws IOException {
        TrainingReport r = normalized.report();
        assertEquals(Boolean.TRUE, r.batchNorm());
        assertTrue(r.target().met());
        assertTrue(r.compressed().multiplierFree());
        assertTrue(Files.readString(normalized.outputs().reportText()).contains("batch norm: after every hidden convolution"));
        assertTrue(normalized.compressed().metadata().notes().get("batch-norm").contains("folded"));
        assertTrue(normalized.baseline().metadata().notes().containsKey("batch-norm"));
        // the integer models compute the folded network: their accuracy is well above chance (10 classes)
        assertTrue(r.baseline().integerAccuracy() > 0.3, "baseline " + r.baseline().integerAccuracy());
        assertTrue(Files.readString(normalized.outputs().reportJson()).contains("\"batchNorm\" : true"));
    }

    @Test
    void theCheckpointKeepsBatchNormAndGivesTheSameModels() throws IOException {
        String info = Files.readString(fromCheckpoint.outputs().runInfo());
        assertTrue(info.contains("\"checkpoint\""), info);
        assertArrayEquals(Files.readAllBytes(normalized.outputs().baseline()),
                Files.readAllBytes(fromCheckpoint.outputs().baseline()));
        assertArrayEquals(Files.readAllBytes(normalized.outputs().compressed()),
                Files.readAllBytes(fromCheckpoint.outputs().compressed()));
        // a run without batch norm does not take the normalized networks, and says why
        String refused = assertThrows(UserInputException.class, () -> new TrainingPipeline(
                options(dir.resolve("c/lenet5"), dir.resolve("bn.ckpt"), false), ProgressBar.disabled()).run())
                .getMessage();
        assertTrue(refused.contains("batch-norm = on") && refused.contains("batch-norm = null"), refused);
    }
}
