package org.xbarsim.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.RandomModels;
import org.xbarsim.sim.ActivitySink;
import org.xbarsim.sim.Progress;

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

    static void assertBitExact(IntModel m, Chip chip, int n) {
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
    }

    @Test
    void lenetIsBitExactWithIdealAdcDifferential2BitCells() {
        IntModel m = RandomModels.lenet5(3);
        assertBitExact(m, TestChips.small(16, 16, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4), 3);
    }

    @Test
    void lenetIsBitExactWithIdealAdcOffset1BitCells() {
        IntModel m = RandomModels.lenet5(4);
        assertBitExact(m, TestChips.small(32, 16, 64, 64, 1, SignedEncoding.OFFSET, 4), 2);
    }
}
