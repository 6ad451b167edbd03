package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;

/** Bad arguments fail before any training, with a message that names the option and the problem. */
class TrainArgumentsTest {
    static TrainOptions with(String arch, String dataset, Path dataDir, Long budget, Double sparsity) {
        return TrainOptions.builder().arch(arch).dataset(dataset).dataDir(dataDir).crossbarBudget(budget)
                .targetSparsity(sparsity).pretrainEpochs(1).pruneEpochs(1).qatEpochs(1).batchSize(32)
                .learningRate(0.001).groupLasso(0).zerorizeSteps(2).trainLimit(100).testLimit(100)
                .outPrefix(Path.of("target/never/written")).pruneFromBaseline(false).build();
    }

    static String message(TrainOptions o) {
        return assertThrows(UserInputException.class, () -> new TrainingPipeline(o, ProgressBar.disabled()).run())
                .getMessage();
    }

    @Test
    void layerSparsityCapIsCheckedAgainstTheTarget() {
        TrainOptions ok = with("mlp", "synthetic", null, null, 0.9);
        String range = message(TrainOptions.builder().arch("mlp").dataset("synthetic").targetSparsity(0.9)
                .maxLayerSparsity(0).build());
        assertTrue(range.contains("--max-layer-sparsity 0.0: must be in (0, 1]"), range);
        String low = message(TrainOptions.builder().arch("mlp").dataset("synthetic").targetSparsity(0.9)
                .maxLayerSparsity(0.85).build());
        assertTrue(low.contains("below --target-sparsity 0.9"), low);
        String alone = message(TrainOptions.builder().arch("mlp").dataset("synthetic").crossbarBudget(5L)
                .maxLayerSparsity(0.9).build());
        assertTrue(alone.contains("give --target-sparsity too"), alone);
        assertTrue(ok.maxLayerSparsity() == 1, "no cap by default");
    }

    @Test
    void budgetTooSmallToBeMet() {
        String m = message(with("lenet5", "synthetic", null, 3L, null));
        assertTrue(m.contains("--crossbar-budget 3: cannot be met") && m.contains("at least 5 crossbars"), m);
    }

    @Test
    void unknownArchitectureSuggestsTheClosest() {
        String m = message(with("lenet", "synthetic", null, 10L, null));
        assertTrue(m.contains("--arch lenet: unknown architecture") && m.contains("lenet5"), m);
    }

    @Test
    void missingDataNamesTheFolder() {
        String m = message(with("lenet5", "mnist", Path.of("/no/such/mnist"), 10L, null));
        assertTrue(m.contains("/no/such/mnist"), m);
    }

    /** The refusal of {@code o} by the checks that run before any data is read (so a missing check never trains). */
    static String refusal(TrainOptions o) {
        return assertThrows(UserInputException.class, () -> TrainingPipeline.validate(o)).getMessage();
    }

    private static TrainOptions.Builder okBuilder() {
        return TrainOptions.builder().arch("mlp").dataset("synthetic").crossbarBudget(5L).pretrainEpochs(1).pruneEpochs(1)
                .qatEpochs(1).batchSize(32).zerorizeSteps(2).outPrefix(Path.of("target/never/written"));
    }

    @Test
    void rateStrengthLimitsAndCountsAreBounded() {
        TrainingPipeline.validate(okBuilder().build());
        // --lr NaN trained a chance-level model without a word; --lr -1, 0 and Infinity trained too
        for (double lr : new double[] {Double.NaN, -1, 0, Double.POSITIVE_INFINITY}) {
            String m = refusal(okBuilder().learningRate(lr).build());
            assertTrue(m.contains("--lr " + lr + ": must be a finite number > 0"), m);
        }
        for (double g : new double[] {Double.NaN, -0.1, Double.POSITIVE_INFINITY}) {
            String m = refusal(okBuilder().groupLasso(g).build());
            assertTrue(m.contains("--group-lasso " + g + ": must be a finite number >= 0"), m);
        }
        assertTrue(refusal(okBuilder().trainLimit(-1).build()).contains("--train-limit -1"));
        assertTrue(refusal(okBuilder().testLimit(-1).build()).contains("--test-limit -1"));
        // a billion epochs or zerorize steps was accepted: a run that never ends
        assertTrue(refusal(okBuilder().pretrainEpochs(1_000_000_000).build())
                .contains("--pretrain-epochs 1000000000: must be at most 1000"));
        assertTrue(refusal(okBuilder().pruneEpochs(1001).build()).contains("--prune-epochs 1001: must be at most 1000"));
        assertTrue(refusal(okBuilder().zerorizeSteps(2_000_000_000).build())
                .contains("--zerorize-steps 2000000000: must be in [1, 1000]"));
    }

    @Test
    void aTargetIsNeeded() {
        assertTrue(message(with("lenet5", "synthetic", null, null, null)).contains("give a target"));
        assertTrue(message(with("lenet5", "synthetic", null, null, 1.5)).contains("--target-sparsity 1.5"));
    }
}
