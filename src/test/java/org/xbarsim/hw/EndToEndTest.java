package org.xbarsim.hw;

import org.xbarsim.hw.common.LayerProbe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.mapping.CrossbarPlacement;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.RandomModels;
import org.xbarsim.sim.ActivitySink;
import org.xbarsim.sim.Progress;

/** Tiny models on small chips, simulated through every actor, compared layer by layer with the golden engine. */
class EndToEndTest {
    static List<int[]> images(IntModel m, int n, long seed) {
        Random r = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] raw = new int[m.input().shape().size()];
            for (int k = 0; k < raw.length; k++) {
                raw[k] = r.nextInt(256);
            }
            out.add(m.input().quantize(raw));
        }
        return out;
    }

    static Accelerator.Result assertBitExact(IntModel m, Chip chip, int n) {
        Mapping mapping = Mapper.map(m, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        List<int[]> imgs = images(m, n, 7);
        Accelerator acc = new Accelerator(m, mapping, chip);
        LayerProbe probe = new LayerProbe(acc.plans().stream().mapToInt(p -> p.outShape().size()).toArray());
        Accelerator.Result r = acc.run(imgs, new Accelerator.Options(true, 2), ActivitySink.NONE, Progress.NONE, probe);
        GoldenEngine g = new GoldenEngine(m);
        for (int i = 0; i < n; i++) {
            assertEquals(null, Mismatch.find(g.run(imgs.get(i)), probe, i, acc.plans()), "image " + i);
            assertArrayEquals(g.run(imgs.get(i)).logits().toArray(), r.logits().get(i), "image " + i);
            assertTrue(r.doneCycles()[i] > r.startCycles()[i]);
        }
        return r;
    }

    @Test
    void differentialPairsOn2BitCells() {
        assertBitExact(RandomModels.lenet5(3), TestChips.small(16, 16, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4), 3);
    }

    @Test
    void differentialPairsOn1BitCells() {
        assertBitExact(RandomModels.lenet5(5), TestChips.small(32, 16, 64, 64, 1, SignedEncoding.DIFFERENTIAL, 4), 2);
    }

    @Test
    void offsetEncodingOn1BitCells() {
        assertBitExact(RandomModels.lenet5(4), TestChips.small(32, 16, 64, 64, 1, SignedEncoding.OFFSET, 4), 2);
    }

    @Test
    void offsetEncodingOn2BitCells() {
        assertBitExact(RandomModels.lenet5(6), TestChips.small(16, 16, 64, 64, 2, SignedEncoding.OFFSET, 4), 2);
    }

    @Test
    void mlpWhoseFirstLayerIsAFlatten() {
        assertBitExact(RandomModels.mlp(11), TestChips.small(16, 16, 128, 128, 2, SignedEncoding.DIFFERENTIAL, 4), 2);
    }

    @Test
    void baselineWithDigitalMultipliers() {
        Accelerator.Result r = assertBitExact(RandomModels.lenet5(7, RandomModels.Requantization.BASELINE),
                TestChips.small(16, 16, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4), 2);
        assertTrue(r.counts().count(org.xbarsim.vocabulary.ComponentKind.MULTIPLIER, org.xbarsim.vocabulary.Action.OPERATE) > 0);
    }

    @Test
    void crossbarAlignedPruningAndColumnTilesSpreadOverSeveralTiles() {
        Chip chip = TestChips.small(128, 2, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4);
        IntModel m = RandomModels.prune(RandomModels.lenet5(8), chip.tile().geometry(), 0.7, 1);
        Mapping mapping = Mapper.map(m, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        boolean spread = false;
        for (var lm : mapping.layers()) {
            java.util.Map<Integer, java.util.Set<Integer>> tilesPerColumnTile = new java.util.TreeMap<>();
            for (CrossbarPlacement c : lm.crossbars()) {
                tilesPerColumnTile.computeIfAbsent(c.columnTile(), k -> new java.util.TreeSet<>()).add(c.tile());
            }
            spread |= tilesPerColumnTile.values().stream().anyMatch(s -> s.size() > 1);
        }
        assertTrue(spread, "some column tile must span tiles, so partial sums cross the network");
        assertBitExact(m, chip, 2);
    }

    @Test
    void backToBackImagesOverlapInThePipeline() {
        Accelerator.Result r = assertBitExact(RandomModels.lenet5(3), TestChips.small(16, 16, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4),
                4);
        long latency = r.doneCycles()[0] - r.startCycles()[0];
        assertTrue(r.startCycles()[1] < r.doneCycles()[0], "image 1 enters before image 0 leaves");
        assertTrue(r.doneCycles()[3] - r.startCycles()[0] < 4 * latency, "4 images take less than 4 latencies");
    }

    /** Logits of {@code n} images through the chip's own ADCs (no --ideal-adc), and how many equal the golden engine's. */
    private static int exactImagesWithOwnAdc(IntModel m, Chip chip, int n) {
        Mapping mapping = Mapper.map(m, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        List<int[]> imgs = images(m, n, 11);
        Accelerator.Result r = new Accelerator(m, mapping, chip).run(imgs, new Accelerator.Options(false, 2), ActivitySink.NONE,
                Progress.NONE, null);
        GoldenEngine g = new GoldenEngine(m);
        int exact = 0;
        for (int i = 0; i < n; i++) {
            if (java.util.Arrays.equals(g.run(imgs.get(i)).logits().toArray(), r.logits().get(i))) {
                exact++;
            }
        }
        return exact;
    }

    @Test
    void flippedColumnsMakeAn8BitAdcExactOn128RowsOf2BitCells() {
        IntModel m = RandomModels.lenet5(9);
        Chip flipped = TestChips.small(4, 16, 128, 128, 2, SignedEncoding.OFFSET, 8, true);
        Chip plain = TestChips.small(4, 16, 128, 128, 2, SignedEncoding.OFFSET, 8, false);
        assertEquals(8, flipped.tile().idealAdcBits());
        assertEquals(9, plain.tile().idealAdcBits());
        assertEquals(3, exactImagesWithOwnAdc(m, flipped, 3), "8-bit ADC, flipped columns: bit-exact");
        assertEquals(0, exactImagesWithOwnAdc(m, plain, 3), "8-bit ADC, plain columns: one bit short, not exact");
    }
}
