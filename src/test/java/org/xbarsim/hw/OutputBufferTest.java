package org.xbarsim.hw;

import org.xbarsim.hw.buffer.BufferUse;
import org.xbarsim.hw.buffer.InputBufferFullException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.RandomModels;
import org.xbarsim.sim.Activity;
import org.xbarsim.sim.ActivitySink;
import org.xbarsim.sim.Progress;
import org.xbarsim.vocabulary.ActivityCode;
import org.xbarsim.vocabulary.ComponentKind;

/** The output buffer as a bounded component: a full one holds back writes (traced), one too small for a pixel is refused. */
class OutputBufferTest {
    private static final IntModel LENET = RandomModels.lenet5(3);
    private static final Chip CHIP = TestChips.small(16, 16, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4);

    private static Accelerator.Result run(Chip chip, List<Activity> stalls) {
        Mapping mapping = Mapper.map(LENET, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        ActivitySink sink = (start, end, activities) -> activities.stream()
                .filter(a -> a.action() == ActivityCode.stall(ComponentKind.OUTPUT_BUFFER)).forEach(stalls::add);
        return new Accelerator(LENET, mapping, chip).run(EndToEndTest.images(LENET, 2, 7), new Accelerator.Options(true, 2), sink,
                Progress.NONE, null);
    }

    @Test
    void aFullOutputBufferHoldsBackWritesTheTraceShowsTheStallAndResultsStayExact() {
        List<Activity> roomy = new ArrayList<>();
        List<Activity> tight = new ArrayList<>();
        Accelerator.Result big = run(CHIP, roomy);
        // 16 outputs of 8 bits per column tile: one pixel's set is 16 B; 1 B per cycle keeps each set in the buffer a while
        Accelerator.Result small = run(TestChips.withOutputBuffer(CHIP, 16, 1), tight);
        GoldenEngine g = new GoldenEngine(LENET);
        List<int[]> imgs = EndToEndTest.images(LENET, 2, 7);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(g.run(imgs.get(i)).logits().toArray(), small.logits().get(i), "image " + i);
            assertArrayEquals(big.logits().get(i), small.logits().get(i), "image " + i);
        }
        assertTrue(roomy.isEmpty(), "a roomy output buffer never waits: " + roomy.size());
        assertEquals(0, big.outputBuffers().stream().mapToLong(BufferUse::waits).sum());
        assertTrue(!tight.isEmpty(), "the tight output buffer held writes back");
        long waited = small.outputBuffers().stream().mapToLong(BufferUse::waitCycles).sum();
        assertEquals(tight.stream().mapToLong(Activity::durationCycles).sum(), waited, "the report's wait cycles are the traced stalls");
        assertEquals(tight.size(), small.outputBuffers().stream().mapToLong(BufferUse::waits).sum());
        assertTrue(small.outputBuffers().stream().allMatch(b -> b.peakBytes() <= 16), "never more than its 16 B");
        assertTrue(small.doneCycles()[1] > big.doneCycles()[1], "waiting for room costs time");
    }

    @Test
    void anOutputBufferSmallerThanOnePixelsOutputsIsRefusedBeforeSimulating() {
        Chip chip = TestChips.withOutputBuffer(CHIP, 15, 32);
        Mapping mapping = Mapper.map(LENET, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        InputBufferFullException e = assertThrows(InputBufferFullException.class, () -> new Accelerator(LENET, mapping, chip));
        assertTrue(e.getMessage().startsWith("chip.tile.output-buffer.size-bytes = 15 is too small: tile "), e.getMessage());
        assertTrue(e.getMessage().contains("'s output buffer must hold the outputs of one pixel of layer '")
                && e.getMessage().endsWith("= 16 B at once"), e.getMessage());
    }
}
