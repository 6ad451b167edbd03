package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xbarsim.UserInputException;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;

/** Distillation from the float baseline, and reusing pre-trained networks from a checkpoint file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistillationAndCheckpointTest {
    static final TrainOptions.Distillation KD = new TrainOptions.Distillation(0.7, 4);
    static final Augmentation AUG = new Augmentation(1, true);

    Path dir;
    /** Trained from scratch; writes the plain checkpoint. */
    TrainingPipeline.Result first;
    /** From the plain checkpoint, with weight averaging. */
    TrainingPipeline.Result averaged;
    /** Augmented, trained from scratch; writes its own checkpoint. */
    TrainingPipeline.Result augmented;
    /** The same options as {@link #augmented}, read from its checkpoint. */
    TrainingPipeline.Result augmentedAgain;

    static TrainOptions options(Path prefix, Path checkpoint, int pretrainEpochs, TrainOptions.Distillation kd) {
        return options(prefix, checkpoint, pretrainEpochs, kd, 0);
    }

    static TrainOptions options(Path prefix, Path checkpoint, int pretrainEpochs, TrainOptions.Distillation kd,
                                double weightAverage) {
        return options(prefix, checkpoint, pretrainEpochs, kd, weightAverage, Augmentation.NONE);
    }

    /**
     * The default (square-root) budget allocation: the greedy energy allocation searches many shares
     * per layer at every zerorize step, which made pruning most of this class's time; the allocation
     * rules have their own tests (GroupMaskTest, and TrainingPipelineTest's LeNet-5 runs).
     */
    static TrainOptions options(Path prefix, Path checkpoint, int pretrainEpochs, TrainOptions.Distillation kd,
                                double weightAverage, Augmentation augmentation) {
        return TrainOptions.builder().arch("mlp").dataset("synthetic").seed(5).crossbarBudget(40L)
                .pretrainEpochs(pretrainEpochs).pruneEpochs(1).qatEpochs(1).baselineExtraEpochs(1).batchSize(50)
                .zerorizeSteps(3).trainLimit(1000).testLimit(300).outPrefix(prefix).distillation(kd)
                .checkpoint(checkpoint).weightAverage(weightAverage).augmentation(augmentation).build();
    }

    /**
     * Four pipelines serve every test: two train from scratch (plain and augmented, each writing its
     * checkpoint) and two start from those checkpoints (one with weight averaging, one with the very
     * options of the run that wrote it).
     */
    @BeforeAll
    void train(@TempDir Path tmp) {
        dir = tmp;
        Path ck = dir.resolve("ck/mlp.ckpt");
        first = run(options(dir.resolve("a/mlp"), ck, 1, KD));
        averaged = run(options(dir.resolve("avg/mlp"), ck, 1, KD, 0.99));
        Path augCk = dir.resolve("ck/mlp-aug.ckpt");
        augmented = run(options(dir.resolve("aug1/mlp"), augCk, 1, KD, 0, AUG));
        augmentedAgain = run(options(dir.resolve("aug2/mlp"), augCk, 1, KD, 0, AUG));
    }

    private static TrainingPipeline.Result run(TrainOptions o) {
        return new TrainingPipeline(o, ProgressBar.disabled()).run();
    }

    @Test
    void distilledRunReachesTheStatedAccuracyAndSaysHowItWasTrained() throws IOException {
        TrainingReport r = first.report();
        assertTrue(r.compressed().integerAccuracy() >= TrainingPipelineTest.MLP_MIN_ACCURACY,
                "compressed integer accuracy " + r.compressed().integerAccuracy());
        assertEquals(KD, r.distillation());
        assertTrue(r.target().met());
        assertTrue(Files.readString(first.outputs().reportText()).contains("distillation: from the float baseline"));
        assertTrue(first.compressed().metadata().notes().get("distillation").contains("alpha 0.7"));
    }

    @Test
    void aRunFromTheCheckpointSkipsPretrainingAndWritesTheSameModels() throws IOException {
        assertTrue(Files.exists(dir.resolve("ck/mlp.ckpt")));
        String firstInfo = Files.readString(first.outputs().runInfo());
        assertTrue(firstInfo.contains("\"pretrain\""), firstInfo);
        // the native math's thread count is what training ran on, beside the processors
        assertTrue(firstInfo.contains("\"nd4jThreads\" : " + Nd4j.getEnvironment().maxThreads()), firstInfo);
        for (TrainingPipeline.Result fromCheckpoint : List.of(averaged, augmentedAgain)) {
            String info = Files.readString(fromCheckpoint.outputs().runInfo());
            assertTrue(info.contains("\"checkpoint\""), info);
            assertFalse(info.contains("\"pretrain\""), info);
        }
        // trained or read from its checkpoint, the same options give the same bytes
        assertArrayEquals(Files.readAllBytes(augmented.outputs().compressed()),
                Files.readAllBytes(augmentedAgain.outputs().compressed()));
        assertArrayEquals(Files.readAllBytes(augmented.outputs().baseline()),
                Files.readAllBytes(augmentedAgain.outputs().baseline()));
        // the baseline is the checkpoint's, whatever the later phases do
        assertArrayEquals(Files.readAllBytes(first.outputs().baseline()), Files.readAllBytes(averaged.outputs().baseline()));
    }

    @Test
    void weightAveragingExportsADifferentMultiplierFreeModelAndSaysSo() throws IOException {
        TrainingReport r = averaged.report();
        assertEquals(0.99, r.weightAverage());
        assertNull(first.report().weightAverage());
        assertTrue(r.compressed().integerAccuracy() >= TrainingPipelineTest.MLP_MIN_ACCURACY,
                "compressed integer accuracy " + r.compressed().integerAccuracy());
        assertTrue(r.compressed().multiplierFree());
        assertEquals(first.report().compressed().crossbars(), r.compressed().crossbars());
        // the same groups are pruned (the average of a pruned weight stays zero); more weights may round to zero
        assertEquals(first.report().groups(), r.groups());
        assertFalse(Arrays.equals(Files.readAllBytes(first.outputs().compressed()),
                Files.readAllBytes(averaged.outputs().compressed())), "averaging left the exported weights unchanged");
        assertTrue(Files.readString(averaged.outputs().reportText()).contains("decay 0.99"));
        assertTrue(averaged.compressed().metadata().notes().get("weight-average").contains("decay 0.99"));
    }

    @Test
    void augmentationChangesBothModelsAndKeepsItsOwnCheckpoint() throws IOException {
        String refused = assertThrows(UserInputException.class, () -> run(
                options(dir.resolve("e/mlp"), dir.resolve("ck/mlp.ckpt"), 1, KD, 0, AUG))).getMessage();
        assertTrue(refused.contains("augmentation = null") && refused.contains("augmentation = shift 1, flip"), refused);
        TrainingReport r = augmented.report();
        assertEquals(AUG, r.augmentation());
        assertNull(first.report().augmentation());
        assertTrue(r.compressed().integerAccuracy() >= TrainingPipelineTest.MLP_MIN_ACCURACY,
                "compressed integer accuracy " + r.compressed().integerAccuracy());
        assertTrue(Files.readString(augmented.outputs().reportText()).contains("augmentation: training images randomly changed"));
        assertTrue(augmented.baseline().metadata().notes().get("augmentation").contains("shift 1, flip"));
        // the baseline trains on the same changed images as the compressed model
        assertFalse(Arrays.equals(Files.readAllBytes(first.outputs().baseline()),
                Files.readAllBytes(augmented.outputs().baseline())));
        // the augmented run wrote its own checkpoint, which a run without augmentation refuses
        String other = assertThrows(UserInputException.class, () -> run(
                options(dir.resolve("f/mlp"), dir.resolve("ck/mlp-aug.ckpt"), 1, KD))).getMessage();
        assertTrue(other.contains("augmentation = shift 1, flip") && other.contains("augmentation = null"), other);
    }

    @Test
    void aCheckpointMadeWithOtherOptionsIsRefusedByName() {
        Path ck = dir.resolve("ck/mlp.ckpt");
        String m = assertThrows(UserInputException.class, () -> run(options(dir.resolve("c/mlp"), ck, 2, KD))).getMessage();
        assertTrue(m.contains(ck.toString()) && m.contains("pretrain-epochs = 1") && m.contains("pretrain-epochs = 2"), m);
        assertFalse(Files.exists(dir.resolve("c/mlp-compressed.json")));
    }

    @Test
    void corruptOrTruncatedCheckpointsAreRefused() throws IOException {
        byte[] good = Files.readAllBytes(dir.resolve("ck/mlp.ckpt"));
        Path flipped = dir.resolve("ck/flipped.ckpt");
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x10;
        Files.write(flipped, bad);
        String m = message(flipped);
        assertTrue(m.contains("checksum mismatch"), m);
        Path truncated = dir.resolve("ck/truncated.ckpt");
        Files.write(truncated, Arrays.copyOf(good, good.length - 100));
        m = message(truncated);
        assertTrue(m.contains("truncated"), m);
        Path other = dir.resolve("ck/other.ckpt");
        Files.writeString(other, "{\"format\": \"xbarsim-model\"}");
        m = message(other);
        assertTrue(m.contains(other.toString()), m);
    }

    private String message(Path ck) {
        return assertThrows(UserInputException.class, () -> run(options(dir.resolve("d/mlp"), ck, 1, KD))).getMessage();
    }

    /**
     * With temperature 1 and soft targets equal to the labels, the distillation loss
     * (1-a) CE + a CE is the plain cross-entropy; at temperature T it is (1-a) CE(y, z) + a T^2 CE(s, z/T).
     */
    @Test
    void distillationLossIsTheWeightedSumOfBothCrossEntropies() {
        ImageSet data = DataSets.load("synthetic", null, Split.TRAIN).first(16);
        Architecture arch = Architecture.of("mlp", data.shape(), data.numClasses(), 1);
        FloatParams p = FloatParams.init(arch, 3);
        INDArray x = Batches.images(data, null, 0, 16);
        INDArray y = Batches.oneHot(data, null, 0, 16);
        NetworkGraph plain = new NetworkGraph(arch, null, 8);
        plain.setParameters(p.weights, p.biases);
        OutAndGrad ref = plain.step(x, y);
        double ce = ref.getOutputs().get(NetworkGraph.LOSS).getDouble(0);
        INDArray logits = ref.getOutputs().get(NetworkGraph.LOGITS);

        NetworkGraph same = new NetworkGraph(arch, null, 8, new TrainOptions.Distillation(0.3, 1));
        same.setParameters(p.weights, p.biases);
        assertEquals(ce, same.step(x, y, y).getOutputs().get(NetworkGraph.LOSS).getDouble(0), 1e-5);

        double t = 2;
        INDArray soft = Transforms.softmax(Nd4j.rand(16, data.numClasses()).muli(3), false);
        NetworkGraph kd = new NetworkGraph(arch, null, 8, new TrainOptions.Distillation(0.6, t));
        kd.setParameters(p.weights, p.biases);
        double got = kd.step(x, y, soft).getOutputs().get(NetworkGraph.LOSS).getDouble(0);
        INDArray logSoft = Transforms.log(Transforms.softmax(logits.div(t), true), false);
        double softCe = -soft.mul(logSoft).sum(1).meanNumber().doubleValue();
        assertEquals(0.4 * ce + 0.6 * t * t * softCe, got, 1e-4);
        assertThrows(IllegalArgumentException.class, () -> kd.step(x, y, null));
    }
}
