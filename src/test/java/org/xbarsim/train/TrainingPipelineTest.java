package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.mapping.CrossbarGroups;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.LayerPruning;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.WeightedLayer;

/** Short training runs on the synthetic data set: what the files and the report must satisfy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingPipelineTest {
    /** The accuracy a 1+1+1-epoch MLP run on 1000 synthetic images must reach (measured: see docs/training.md). */
    static final double MLP_MIN_ACCURACY = 0.80;
    static final CrossbarGeometry ISAAC = CrossbarGeometry.isaacLike();

    Path dir;
    TrainingPipeline.Result mlp;
    TrainingPipeline.Result lenet;

    static TrainOptions options(String arch, double width, long budget, int trainLimit, Path prefix) {
        return TrainOptions.builder().arch(arch).width(width).dataset("synthetic").seed(5).crossbarBudget(budget)
                .pretrainEpochs(1).pruneEpochs(1).qatEpochs(1).batchSize(50).zerorizeSteps(3).trainLimit(trainLimit)
                .testLimit(300).unstructured(true).outPrefix(prefix).pruneFromBaseline(false).build();
    }

    /** LeNet-5 for budget 10 on 100 synthetic images in batches of 50, with six zerorize steps. */
    static TrainOptions.Builder lenetOn100Images(Path prefix) {
        return TrainOptions.builder().arch("lenet5").dataset("synthetic").seed(5).crossbarBudget(10L)
                .pretrainEpochs(1).pruneEpochs(1).qatEpochs(1).batchSize(50).zerorizeSteps(6).trainLimit(100)
                .testLimit(100).outPrefix(prefix).allocation(BudgetAllocation.ENERGY);
    }

    @BeforeAll
    void train(@TempDir Path tmp) {
        dir = tmp;
        mlp = new TrainingPipeline(options("mlp", 1, 40, 1000, dir.resolve("a/mlp")), ProgressBar.disabled()).run();
        lenet = new TrainingPipeline(options("lenet5", 1, 10, 600, dir.resolve("lenet")), ProgressBar.disabled()).run();
    }

    @Test
    void shortSyntheticRunReachesTheStatedAccuracy() {
        assertTrue(mlp.report().compressed().integerAccuracy() >= MLP_MIN_ACCURACY,
                "integer accuracy " + mlp.report().compressed().integerAccuracy());
        assertTrue(mlp.report().baseline().integerAccuracy() >= MLP_MIN_ACCURACY,
                "baseline integer accuracy " + mlp.report().baseline().integerAccuracy());
    }

    @Test
    void reportedIntegerAccuracyIsTheGoldenEnginesOnTheFile() {
        ImageSet test = DataSets.load("synthetic", null, Split.TEST).first(300);
        for (TrainingPipeline.Result r : new TrainingPipeline.Result[] {mlp, lenet}) {
            IntModel comp = ModelFile.read(r.outputs().compressed());
            IntModel base = ModelFile.read(r.outputs().baseline());
            assertEquals(r.report().compressed().integerAccuracy(), Evaluation.integerAccuracy(comp, test));
            assertEquals(r.report().baseline().integerAccuracy(), Evaluation.integerAccuracy(base, test));
            assertEquals(r.report().compressed().integerAccuracy(), comp.metadata().accuracies().get("int-test"));
        }
    }

    @Test
    void integerModelAgreesWithTheFakeQuantizedNetwork() {
        // the exported integer model computes what fine-tuning ran, up to rounding of requantization
        for (TrainingPipeline.Result r : new TrainingPipeline.Result[] {mlp, lenet}) {
            double diff = Math.abs(r.report().compressed().integerAccuracy() - r.report().compressed().floatAccuracy());
            assertTrue(diff <= 0.03, r.report().arch() + ": float " + r.report().compressed().floatAccuracy()
                    + " vs integer " + r.report().compressed().integerAccuracy());
        }
    }

    @Test
    void compressedIsMultiplierFreeAndBaselineIsNot() {
        for (TrainingPipeline.Result r : new TrainingPipeline.Result[] {mlp, lenet}) {
            IntModel comp = ModelFile.read(r.outputs().compressed());
            assertTrue(comp.isMultiplierFree());
            comp.weightedLayers().forEach(l -> l.requant().forEach(q -> assertEquals(1, q.multiplier())));
            IntModel base = ModelFile.read(r.outputs().baseline());
            assertFalse(base.isMultiplierFree());
            assertTrue(base.weightedLayers().stream().filter(l -> l.activation() == org.xbarsim.model.Activation.RELU)
                    .allMatch(l -> l.requant().size() == l.matrixCols() && !l.isMultiplierFree()));
            assertEquals(null, base.prunedFor());
            assertEquals(ISAAC, comp.prunedFor());
        }
    }

    @Test
    void everyPrunedGroupIsExactlyZeroAndFreesWhatTheReportSays() {
        for (TrainingPipeline.Result r : new TrainingPipeline.Result[] {mlp, lenet}) {
            IntModel comp = ModelFile.read(r.outputs().compressed());
            long total = 0;
            int i = 0;
            for (WeightedLayer l : comp.weightedLayers()) {
                LayerPruning p = l.pruning();
                int lcols = ISAAC.logicalColumnsPerCrossbar();
                for (int f : p.filters()) {
                    for (int row = 0; row < l.matrixRows(); row++) {
                        assertEquals(0, l.weight(row, f));
                    }
                    assertEquals(0, l.bias().get(f));
                }
                for (LayerPruning.KernelGroupRef g : p.kernelGroups()) {
                    for (int row = 0; row < l.matrixRows(); row++) {
                        if (l.inputChannelOfRow(row) != g.inputChannel()) {
                            continue;
                        }
                        for (int c = g.colTile() * lcols; c < Math.min(l.matrixCols(), (g.colTile() + 1) * lcols); c++) {
                            assertEquals(0, l.weight(row, c));
                        }
                    }
                }
                for (LayerPruning.BlockRef b : p.crossbarBlocks()) {
                    for (int row = b.rowTile() * 128; row < Math.min(l.matrixRows(), (b.rowTile() + 1) * 128); row++) {
                        for (int c = b.colTile() * lcols; c < Math.min(l.matrixCols(), (b.colTile() + 1) * lcols); c++) {
                            assertEquals(0, l.weight(row, c));
                        }
                    }
                }
                long xb = CrossbarGroups.compactedCrossbars(CrossbarGroups.of(l), ISAAC);
                assertEquals(r.report().layers().get(i).crossbarsCompressed(), xb);
                total += xb;
                i++;
            }
            assertEquals(r.report().compressed().crossbars(), total);
            assertTrue(total <= (long) r.report().target().value(), "budget met");
            assertTrue(r.report().target().met());
            assertTrue(r.report().groups().kernelGroupsPruned() > 0);
        }
        // 42 -> 10 crossbars for LeNet-5
        assertEquals(42, lenet.report().baseline().crossbars());
        assertTrue(lenet.report().crossbarReduction() >= 4.2);
    }

    @Test
    void unstructuredPruningFreesFewCrossbars() {
        TrainingReport.Unstructured u = mlp.report().unstructured();
        assertEquals(mlp.report().compressed().weightSparsity(), u.weightSparsity(), 1e-12);
        assertTrue(u.crossbars() > 2 * mlp.report().compressed().crossbars(),
                "unstructured " + u.crossbars() + " vs aligned " + mlp.report().compressed().crossbars());
    }

    @Test
    void budgetIsMetWithFewerBatchesThanZerorizeSteps() {
        // 100 images in batches of 50: 2 pruning steps carry 6 zerorize steps, the last being the final zeroing
        TrainOptions o = lenetOn100Images(dir.resolve("few/lenet5")).build();
        TrainingReport r = new TrainingPipeline(o, ProgressBar.disabled()).run().report();
        assertTrue(r.target().met(), "crossbars " + r.compressed().crossbars());
        assertTrue(r.compressed().crossbars() <= 10, "crossbars " + r.compressed().crossbars());
    }

    @Test
    void aBudgetWithASparsityFloorMeetsBoth() throws IOException {
        // the budget alone leaves this lenet5 at about 60 % sparsity; the floor asks for 90 %
        TrainOptions o = lenetOn100Images(dir.resolve("both/lenet5")).targetSparsity(0.9).build();
        TrainingPipeline.Result r = new TrainingPipeline(o, ProgressBar.disabled()).run();
        TrainingReport.Target t = r.report().target();
        assertEquals(0.9, t.minSparsity());
        assertTrue(t.met());
        assertTrue(r.report().compressed().crossbars() <= 10, "crossbars " + r.report().compressed().crossbars());
        assertTrue(r.report().compressed().weightSparsity() >= 0.9, "sparsity " + r.report().compressed().weightSparsity());
        assertTrue(Files.readString(r.outputs().reportText()).contains("target: crossbar-budget 10.0 and sparsity 0.9 (met"));
        assertTrue(Files.readString(r.outputs().reportJson()).contains("\"minSparsity\""));
        assertFalse(Files.readString(mlp.outputs().reportJson()).contains("minSparsity"));
        assertFalse(Files.readString(mlp.outputs().reportJson()).contains("maxLayerSparsity"), "no cap, none written");
    }

    @Test
    void theReportRecordsTheLayerCapAsTheModelsMetadataDoes() throws IOException {
        // found by a user trial: only the model's metadata said "at most 0.96 in any layer"
        TrainOptions o = lenetOn100Images(dir.resolve("cap/lenet5")).targetSparsity(0.9).maxLayerSparsity(0.97).build();
        TrainingPipeline.Result r = new TrainingPipeline(o, ProgressBar.disabled()).run();
        assertEquals(0.97, r.report().target().maxLayerSparsity());
        assertTrue(Files.readString(r.outputs().reportText()).contains("and sparsity 0.9, at most 0.97 in any layer ("),
                Files.readString(r.outputs().reportText()));
        assertTrue(Files.readString(r.outputs().reportJson()).contains("\"maxLayerSparsity\" : 0.97"),
                Files.readString(r.outputs().reportJson()));
    }

    @Test
    void sameSeedGivesTheSameBytes() throws IOException {
        TrainingPipeline.Result again = new TrainingPipeline(options("mlp", 1, 40, 1000, dir.resolve("b/mlp")),
                ProgressBar.disabled()).run();
        assertArrayEquals(Files.readAllBytes(mlp.outputs().compressed()), Files.readAllBytes(again.outputs().compressed()));
        assertArrayEquals(Files.readAllBytes(mlp.outputs().baseline()), Files.readAllBytes(again.outputs().baseline()));
        assertArrayEquals(Files.readAllBytes(mlp.outputs().reportJson()), Files.readAllBytes(again.outputs().reportJson()));
    }
}
