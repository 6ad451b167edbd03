package org.xbarsim.hw;

import org.xbarsim.hw.buffer.BufferUse;
import org.xbarsim.hw.buffer.InputBufferFullException;
import org.xbarsim.hw.buffer.InputBufferNeeds;
import org.xbarsim.hw.common.LayerPlan;

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

class InputBufferTest {
    private static final IntModel LENET = RandomModels.lenet5(3);
    private static final Chip CHIP = TestChips.small(16, 16, 64, 64, 2, SignedEncoding.DIFFERENTIAL, 4);

    /** Input-buffer stalls recorded in a run. */
    private static final class Stalls implements ActivitySink {
        final List<Activity> stalls = new ArrayList<>();

        @Override
        public void accept(long windowStart, long windowEnd, List<Activity> activities) {
            for (Activity a : activities) {
                if (a.action() == ActivityCode.stall(ComponentKind.INPUT_BUFFER)) {
                    stalls.add(a);
                }
            }
        }
    }

    private record Run(Accelerator.Result result, Stalls stalls) {
    }

    private static Run run(Chip chip, int images) {
        Mapping mapping = Mapper.map(LENET, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        Stalls stalls = new Stalls();
        Accelerator.Result r = new Accelerator(LENET, mapping, chip).run(EndToEndTest.images(LENET, images, 7),
                new Accelerator.Options(true, 2), stalls, Progress.NONE, null);
        return new Run(r, stalls);
    }

    private static void assertGolden(Run r, int images) {
        GoldenEngine g = new GoldenEngine(LENET);
        List<int[]> imgs = EndToEndTest.images(LENET, images, 7);
        for (int i = 0; i < images; i++) {
            assertArrayEquals(g.run(imgs.get(i)).logits().toArray(), r.result().logits().get(i), "image " + i);
        }
    }

    private static long writeStallCycles(Run r) {
        // a write waiting for room records its bytes as the count; a read queued on the port records 1
        return r.stalls().stalls.stream().filter(a -> a.count() > 1).mapToLong(Activity::durationCycles).sum();
    }

    @Test
    void aFullBufferHoldsBackItsProducerAndTheTraceShowsTheStall() {
        Run big = run(CHIP, 3);
        Run tight = run(TestChips.withInputBuffer(CHIP, 800), 3);
        assertGolden(big, 3);
        assertGolden(tight, 3);

        BufferUse tile0 = tight.result().inputBuffers().get(0);
        assertEquals(0, tile0.tile());
        assertEquals(800, tile0.peakBytes(), "the tight buffer fills up");
        assertTrue(tile0.waits() > 0 && tile0.waitCycles() > 0, tile0.toString());
        long waited = tight.result().inputBuffers().stream().mapToLong(BufferUse::waitCycles).sum();
        assertEquals(waited, writeStallCycles(tight), "every wait for room is a stall in the trace");

        assertTrue(big.result().inputBuffers().get(0).peakBytes() > 800, "the large buffer held more than the tight one can");
        assertEquals(0, big.result().inputBuffers().stream().mapToLong(BufferUse::waits).sum());
        assertEquals(0, writeStallCycles(big));
        // here the waits are off the critical path (conv1's crossbar paces LeNet-5): same or later, never sooner
        assertTrue(tight.result().doneCycles()[2] >= big.result().doneCycles()[2]);
    }

    @Test
    void theTraceFileShowsTheWaitAsAStallOfTheInputBuffer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Chip tight = TestChips.withInputBuffer(CHIP, 800);
        Mapping mapping = Mapper.map(LENET, MappingTarget.of(tight, MappingTarget.TilePacking.SHARED));
        java.nio.file.Path file = dir.resolve("t.xbt");
        TraceRecorder[] rec = new TraceRecorder[1];
        Accelerator.Result r = new Accelerator(LENET, mapping, tight).run(EndToEndTest.images(LENET, 3, 7),
                new Accelerator.Options(true, 2), comps -> rec[0] = TraceRecorder.create(comps,
                        org.xbarsim.trace.TraceHeader.builder("lenet", "tight", 1.0).windowCycles(Accelerator.windowCycles(tight)),
                        h -> org.xbarsim.trace.TraceWriter.create(file, h)), Progress.NONE, null);
        rec[0].close();
        long waited = r.inputBuffers().stream().mapToLong(BufferUse::waitCycles).sum();
        assertTrue(waited > 0);
        try (org.xbarsim.trace.TraceReader t = org.xbarsim.trace.TraceReader.open(file)) {
            org.xbarsim.trace.TraceHeader h = t.header();
            long traced = t.stream().filter(x -> h.actions().get(x.action()).name().equals("stall") && x.count() > 1
                    && h.components().get(x.component()).kind().equals(ComponentKind.INPUT_BUFFER.key())
                    && h.components().get(x.component()).tile() == 0).mapToLong(x -> x.durationCycles()).sum();
            assertEquals(waited, traced, "tile 0's input-buffer stalls cover the waits for room");
            assertTrue(h.components().stream().anyMatch(c -> c.name().equals("tile0/input-buffer")
                    && c.kind().equals(ComponentKind.INPUT_BUFFER.key())), "the input buffer is a component of its own");
        }
    }

    @Test
    void peakOccupancyIsTheSameWhateverTheThreadCount() {
        Mapping mapping = Mapper.map(LENET, MappingTarget.of(CHIP, MappingTarget.TilePacking.SHARED));
        Chip tight = TestChips.withInputBuffer(CHIP, 800);
        Accelerator acc = new Accelerator(LENET, mapping, tight);
        List<int[]> imgs = EndToEndTest.images(LENET, 2, 7);
        assertEquals(acc.run(imgs, new Accelerator.Options(true, 1), ActivitySink.NONE, Progress.NONE, null).inputBuffers(),
                acc.run(imgs, new Accelerator.Options(true, 3), ActivitySink.NONE, Progress.NONE, null).inputBuffers());
    }

    @Test
    void aBufferThatFillsWithNoWayOutFailsNamingTheBufferAndWhatItNeeds() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> run(TestChips.withInputBuffer(CHIP, 500), 3));
        InputBufferFullException full = InputBufferFullException.in(e);
        assertTrue(full != null, e.toString());
        assertTrue(full.getMessage().contains("tile 0's input buffer") && full.getMessage().contains("needs more than")
                && full.getMessage().contains("chip.tile.input-buffer.size-bytes"), full.getMessage());
    }

    @Test
    void aBufferSmallerThanOneInputVectorIsRefusedBeforeSimulating() {
        Chip chip = TestChips.withInputBuffer(CHIP, 300);
        Mapping mapping = Mapper.map(LENET, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        InputBufferFullException e = assertThrows(InputBufferFullException.class, () -> new Accelerator(LENET, mapping, chip));
        // LeNet-5's fc1 reads its whole 5 x 5 x 16 input of 8-bit values at once
        assertTrue(e.getMessage().contains("chip.tile.input-buffer.size-bytes = 300 is too small")
                && e.getMessage().contains("the whole input vector of layer") && e.getMessage().contains("= 400 B"), e.getMessage());
    }

    @Test
    void aConvLayerNeedsOneWindowOfItsInputs() {
        LayerPlan conv2 = Accelerator.plan(LENET, Mapper.map(LENET, MappingTarget.of(CHIP, MappingTarget.TilePacking.SHARED))).get(1);
        InputBufferNeeds.Need n = InputBufferNeeds.of(conv2);
        assertEquals(5 * 5 * 6, n.bytes(), n.what());
        assertTrue(n.what().contains("5 x 5 positions x 6 channels of 8 bits"), n.what());
    }
}
