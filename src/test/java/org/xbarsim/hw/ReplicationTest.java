package org.xbarsim.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.cost.ActionCounts;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingCost;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.mapping.PipelineEstimate;
import org.xbarsim.mapping.Replication;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.model.Shape;
import org.xbarsim.sim.ActivitySink;
import org.xbarsim.sim.Progress;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/** Weight duplication through the whole simulated chip: the same bits, the same actions, the predicted speed-up. */
class ReplicationTest {
    private static Accelerator.Result run(IntModel m, Mapping mapping, Chip chip, List<int[]> images) {
        return new Accelerator(m, mapping, chip).run(images, new Accelerator.Options(true, 2), ActivitySink.NONE, Progress.NONE, null);
    }

    private static long count(Accelerator.Result r, ComponentKind k, Action a) {
        for (ActionCounts.Entry e : r.counts().entries()) {
            if (e.kind() == k && e.action() == a) {
                return e.count();
            }
        }
        return 0;
    }

    @Test
    void copiesOfLayersGiveBitIdenticalOutputsAndTheSameComputeActions() {
        IntModel m = RandomModels.lenet5(3);
        Chip chip = TestChips.small(16, 16, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4);
        MappingTarget target = MappingTarget.of(chip, MappingTarget.TilePacking.SHARED);
        Mapping plain = Mapper.map(m, target);
        Mapping copied = Mapper.map(m, target, new int[] {4, 3, 1, 1, 1});
        assertEquals(4, copied.layers().get(0).replicas());
        assertTrue(copied.tilesUsed().size() > plain.tilesUsed().size(), "the copies spill onto more tiles");
        List<int[]> images = EndToEndTest.images(m, 3, 11);
        Accelerator.Result a = run(m, plain, chip, images);
        Accelerator.Result b = run(m, copied, chip, images);
        GoldenEngine g = new GoldenEngine(m);
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(g.run(images.get(i)).logits().toArray(), b.logits().get(i), "image " + i);
            assertArrayEquals(a.logits().get(i), b.logits().get(i), "image " + i);
        }
        for (ComponentKind k : List.of(ComponentKind.CROSSBAR, ComponentKind.ADC, ComponentKind.SHIFT_ADD)) {
            for (Action act : k.actions()) {
                assertEquals(count(a, k, act), count(b, k, act), k + "/" + act + ": copies share the work, they do not add to it");
            }
        }
        assertEquals(plain.allocatedCrossbars() + 3 * plain.layers().get(0).crossbars().size()
                + 2 * plain.layers().get(1).crossbars().size(), copied.allocatedCrossbars());
    }

    @Test
    void copiesArePricedAsMoreCrossbarsAndTheSameActions() {
        var cfg = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf"));
        IntModel m = ModelFile.read(Path.of("docs/results/lenet5-compressed.json"));
        MappingTarget target = MappingTarget.of(cfg.chip(), MappingTarget.TilePacking.SHARED);
        Mapping plain = Mapper.map(m, target);
        Mapping copied = Mapper.map(m, target, new int[] {4, 2, 1, 1, 1});
        MappingCost a = MappingCost.of(m, plain, cfg.chip(), cfg.costs());
        MappingCost b = MappingCost.of(m, copied, cfg.chip(), cfg.costs());
        assertEquals(plain.allocatedCrossbars() + 3 + 1, copied.allocatedCrossbars());
        assertEquals(a.allocation().crossbars() + 4, b.allocation().crossbars());
        assertTrue(b.areaUm2().compute() > a.areaUm2().compute(), "copies add crossbar, ADC and DAC area");
        assertEquals(a.energy().dynamicPj().totalPj(), b.energy().dynamicPj().totalPj(), 1e-9,
                "the same actions per inference");
    }

    /**
     * Cycles each extra image adds to a back-to-back run once the busiest resource is saturated:
     * {@code (T(2n) - T(n)) / n}, T being the cycles from the first start to the last completion. (The
     * spacing of completions in a short burst is no measure: images that queue together at a stage in
     * the middle of the pipeline leave it together.)
     */
    private static double marginalInterval(IntModel m, Mapping mapping, Chip chip, int n) {
        List<int[]> in = EndToEndTest.images(m, 2 * n, 5);
        Accelerator.Result shortRun = run(m, mapping, chip, in.subList(0, n));
        Accelerator.Result longRun = run(m, mapping, chip, in);
        long t1 = shortRun.doneCycles()[n - 1] - shortRun.startCycles()[0];
        long t2 = longRun.doneCycles()[2 * n - 1] - longRun.startCycles()[0];
        return (double) (t2 - t1) / n;
    }

    private static void assertAutoMeetsItsPrediction(IntModel m, Chip chip, long budget, int images) {
        MappingTarget target = MappingTarget.of(chip, MappingTarget.TilePacking.SHARED);
        Mapping plain = Mapper.map(m, target);
        Mapping auto = Replication.parse("auto", budget, "test").map(m, target, chip);
        assertTrue(auto.allocatedCrossbars() <= budget, auto.allocatedCrossbars() + " > " + budget);
        PipelineEstimate before = PipelineEstimate.of(m, plain, chip);
        PipelineEstimate after = PipelineEstimate.of(m, auto, chip);
        double predicted = before.intervalCycles() / after.intervalCycles();
        assertTrue(predicted > 2, "auto predicts a real speed-up, got " + predicted);
        double plainInterval = marginalInterval(m, plain, chip, 2);
        double autoInterval = marginalInterval(m, auto, chip, images);
        double measured = plainInterval / autoInterval;
        assertEquals(predicted, measured, 0.1 * predicted, "measured speed-up " + measured + " (" + plainInterval + " -> "
                + autoInterval + " cycles), predicted " + predicted + " (" + before.describe() + " -> " + after.describe() + ")");
    }

    @Test
    void autoOnTheTrainedLenet5MeetsItsPrediction() {
        Chip chip = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf")).chip();
        IntModel compressed = ModelFile.read(Path.of("docs/results/lenet5-compressed.json"));
        long baselineCrossbars = Mapper.map(ModelFile.read(Path.of("docs/results/lenet5-baseline.json")),
                MappingTarget.of(chip, MappingTarget.TilePacking.SHARED)).allocatedCrossbars();
        assertAutoMeetsItsPrediction(compressed, chip, baselineCrossbars, 8);
    }

    /**
     * VGG-16 at three quarters of the {@code sim-vgg16} width (48 channels first, 3x32x32), 88 %
     * crossbar-aligned sparsity, at the unpruned model's crossbar budget. Like the full-width model,
     * its replicated pipeline is bound by the network (the router the first layer's copies inject
     * their outputs through), so the prediction must count each port and mesh link as the simulator
     * holds them.
     */
    @Test
    @Tag("slow") // 20 s or more: left out of mutation runs (pom profile "mutation"), which repeat it per mutant
    void autoOnVgg16BoundByTheNetworkMeetsItsPrediction() {
        Chip chip = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf")).chip();
        IntModel vgg = RandomModels.vgg16(1, 48, new Shape(3, 32, 32));
        MappingTarget target = MappingTarget.of(chip, MappingTarget.TilePacking.SHARED);
        long unpruned = Mapper.map(vgg, target).allocatedCrossbars();
        IntModel pruned = RandomModels.prune(vgg, chip.tile().geometry(), 0.88, 2);
        String bottleneck = PipelineEstimate.of(pruned, Replication.parse("auto", unpruned, "test").map(pruned, target, chip), chip)
                .bottleneck();
        assertTrue(bottleneck.startsWith("router") || bottleneck.startsWith("link"), "network-bound: " + bottleneck);
        assertAutoMeetsItsPrediction(pruned, chip, unpruned, 8);
    }

    @Test
    void explicitCopiesAndBadChoicesAreCheckedWithClearMessages() {
        IntModel m = RandomModels.lenet5(3);
        Chip chip = TestChips.small(16, 16, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4);
        MappingTarget target = MappingTarget.of(chip, MappingTarget.TilePacking.SHARED);
        String first = m.weightedLayers().get(0).name();
        Mapping two = Replication.parse(first + "=2", 0, "--replicate").map(m, target, chip);
        assertEquals(2, two.layers().get(0).replicas());
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.xbarsim.UserInputException.class,
                () -> Replication.parse("nope=2", 0, "--replicate").map(m, target, chip));
        assertTrue(e.getMessage().contains("no weighted layer 'nope'"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(org.xbarsim.UserInputException.class,
                () -> Replication.parse(first + "=x", 0, "--replicate"));
        assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(org.xbarsim.UserInputException.class,
                () -> Replication.parse("conv1", 0, "--replicate"));
        assertTrue(e.getMessage().contains("is not LAYER=R"), e.getMessage());
        assertTrue(Arrays.stream(Replication.NONE.map(m, target, chip).replicas()).allMatch(r -> r == 1));
    }
}
