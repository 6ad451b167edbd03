package org.xbarsim.hw;

import org.xbarsim.hw.adc.AdcBank;
import org.xbarsim.hw.adc.AdcModel;
import org.xbarsim.hw.buffer.InputBufferFullException;
import org.xbarsim.hw.buffer.InputBuffer;
import org.xbarsim.hw.buffer.LayerInputModel;
import org.xbarsim.hw.buffer.OutputBuffer;
import org.xbarsim.hw.common.Activations;
import org.xbarsim.hw.common.LayerPlan;
import org.xbarsim.hw.common.LongVector;
import org.xbarsim.hw.crossbar.BitPlanes;
import org.xbarsim.hw.crossbar.Crossbar;
import org.xbarsim.hw.crossbar.CrossbarModel;
import org.xbarsim.hw.host.Host;
import org.xbarsim.hw.network.Network;
import org.xbarsim.hw.network.NetworkModel;
import org.xbarsim.hw.network.Routes;
import org.xbarsim.hw.output.OutputUnit;
import org.xbarsim.hw.shiftadd.ShiftAdd;
import org.xbarsim.hw.shiftadd.ShiftAddModel;
import org.xbarsim.hw.tile.TileController;

import org.xbarsim.vocabulary.ActivityCode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.arch.NetworkSpec;
import org.xbarsim.arch.NetworkTopology;
import org.xbarsim.arch.UnitSpec;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.mapping.ColumnRole;
import org.xbarsim.mapping.Polarity;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Dense;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;
import org.xbarsim.sim.Activity;
import org.xbarsim.sim.Coordinator;
import org.xbarsim.sim.Event;
import org.xbarsim.hw.common.ColumnSums;

/** Each component actor's timing and arithmetic, one actor at a time under the BehaviorTestKit. */
class ComponentActorsTest {
    private static long count(List<Activity> acts, ComponentKind k, Action a) {
        return acts.stream().filter(x -> x.action() == ActivityCode.of(k, a)).mapToLong(Activity::count).sum();
    }

    @Test
    void crossbarDrivesBitPlanesAndHandsColumnSumsToItsAdcs() {
        // 3 rows x 2 columns, levels [[1,2],[3,0],[2,1]], 100-cycle reads, 1-bit DACs
        CrossbarModel m = new CrossbarModel(3, 2, 2, new int[] {1, 2, 3, 0, 2, 1}, 100, 1);
        ShellHarness h = new ShellHarness(2, 0, Crossbar.create(m, ShellHarness.addr(1), 4), 1);
        h.deliver(10, new Crossbar.Drive(0, 0, 5, BitPlanes.of(new int[] {1, 2, 3}, 2)));
        h.deliver(20, new Crossbar.Drive(0, 0, 6, BitPlanes.of(new int[] {0, 0, 1}, 2)));
        Coordinator.WindowDone done = h.advance(10, 11);
        assertEquals(20, done.nextCycle());
        Event e = h.sentTo(1).get(0);
        AdcBank.Convert c = assertInstanceOf(AdcBank.Convert.class, e.payload());
        assertEquals(110, e.cycle()); // first read sampled after 100 cycles
        // bit 0 drives rows {0, 2}: (1+2, 2+1); bit 1 drives rows {1, 2}: (3+2, 0+1)
        assertArrayEquals(new int[] {3, 3, 5, 1}, c.sums().values().toArray());
        assertEquals(6, c.inputSum());
        assertEquals(2, count(done.activities(), ComponentKind.CROSSBAR, Action.READ));
        assertEquals(6, count(done.activities(), ComponentKind.DAC, Action.CONVERT));
        assertEquals(4, count(done.activities(), ComponentKind.SAMPLE_HOLD, Action.SAMPLE));
        assertEquals(1, count(done.activities(), ComponentKind.REGISTER, Action.READ)); // 3 rows x 2 bits = 1 byte, read only
        Coordinator.WindowDone later = h.advance(20, 21);
        Event second = h.sentTo(1).get(0);
        assertEquals(210 + 100, second.cycle(), "the second MVM waits for the array (busy until 210)");
        Activity stall = later.activities().stream().filter(x -> x.action() == ActivityCode.stall(ComponentKind.CROSSBAR)).findFirst()
                .orElseThrow();
        assertEquals(20, stall.cycle());
        assertEquals(190, stall.durationCycles());
    }

    @Test
    void aDriveThatArrivesAsTheArrayFreesStartsWithoutAStallAndCountsEveryRowAndBit() {
        // 5 rows x 1 column, 4-bit inputs on 1-bit DACs: 4 reads of 100 cycles, busy from 10 to 410
        CrossbarModel m = new CrossbarModel(5, 1, 2, new int[] {1, 1, 1, 1, 1}, 100, 1);
        ShellHarness h = new ShellHarness(2, 0, Crossbar.create(m, ShellHarness.addr(1), 4), 1);
        h.deliver(10, new Crossbar.Drive(0, 0, 0, BitPlanes.of(new int[] {15, 15, 15, 15, 15}, 4)));
        Coordinator.WindowDone done = h.advance(10, 11);
        assertEquals(3, count(done.activities(), ComponentKind.REGISTER, Action.READ), "5 rows x 4 bits = 20 bits, 3 bytes");
        assertEquals(20, count(done.activities(), ComponentKind.DAC, Action.CONVERT), "4 reads x 5 rows");
        assertEquals(4, count(done.activities(), ComponentKind.SAMPLE_HOLD, Action.SAMPLE), "4 reads x 1 column");
        assertEquals(4, count(done.activities(), ComponentKind.CROSSBAR, Action.READ));
        Activity read = done.activities().stream()
                .filter(x -> x.action() == ActivityCode.of(ComponentKind.CROSSBAR, Action.READ)).findFirst().orElseThrow();
        assertEquals(10, read.cycle());
        assertEquals(400, read.durationCycles(), "busy for its 4 reads");
        assertEquals(100, Crossbar.create(m, ShellHarness.addr(1), 4).lookaheadCycles(), "no sample sooner than one read");
        h.sentTo(1);
        h.deliver(410, new Crossbar.Drive(1, 0, 0, BitPlanes.of(new int[] {1, 0, 0, 0, 0}, 4)));
        Coordinator.WindowDone later = h.advance(410, 411);
        assertTrue(later.activities().stream().noneMatch(x -> x.action() == ActivityCode.stall(ComponentKind.CROSSBAR)),
                "the array is free at 410");
        assertEquals(510, h.sentTo(1).get(0).cycle(), "first read sampled 100 cycles after it starts");
    }

    @Test
    void adcBankQuantizesAndPassesTheCodesOnWhenTheLastConversionEnds() {
        AdcModel adc = new AdcModel(4, 9, false, 2, 5); // 2 columns per ADC, 5 cycles each: 10 cycles per read
        ShellHarness h = new ShellHarness(2, 0, AdcBank.create(adc, 42, 4, ShellHarness.addr(1), 0), 1);
        h.deliver(100, new AdcBank.Convert(3, 0, 7, 2, 100, 50, ColumnSums.of(IntVector.of(15, 16, 500, 0, 1, 2, 3, 33)), 9));
        Coordinator.WindowDone done = h.advance(100, 101);
        Event e = h.sentTo(1).get(0);
        ShiftAdd.Accumulate a = assertInstanceOf(ShiftAdd.Accumulate.class, e.payload());
        assertEquals(160, e.cycle()); // second read sampled at 150, converted in 10 cycles
        assertArrayEquals(new int[] {0, 32, 480, 0, 0, 0, 0, 32}, a.values().values().toArray());
        assertEquals(42, a.crossbarId());
        assertEquals(8, count(done.activities(), ComponentKind.ADC, Action.CONVERT));
        Activity conv = done.activities().stream()
                .filter(x -> x.action() == ActivityCode.of(ComponentKind.ADC, Action.CONVERT)).findFirst().orElseThrow();
        assertEquals(100, conv.cycle());
        assertEquals(60, conv.durationCycles(), "from the first sample to the end of the last conversion");
        assertEquals(10, AdcBank.create(adc, 42, 4, ShellHarness.addr(1), 0).lookaheadCycles(), "one read's conversions");
    }

    /** Two crossbars (ids 7, 8) of one column tile on tile 0; output unit of tile 0 is id 2, network id 1. */
    private static ShiftAdd shiftAdd(int reducerTile) {
        return shiftAdd(reducerTile, new UnitSpec(2, 1));
    }

    private static ShiftAdd shiftAdd(int reducerTile, UnitSpec units) {
        Dense d = new Dense("d", 4, 1, 8, IntVector.wrap(new int[4]), IntVector.of(0), List.of(Requant.shiftOnly(0)),
                Activation.NONE, 8, null);
        LayerPlan plan = new LayerPlan(0, 0, d, Shape.flat(4), Shape.flat(1), 8, List.of(), Shape.flat(1), new int[] {0, 1},
                new int[] {reducerTile}, new int[] {1}, List.of());
        // one output, differential pair of 1 slice: +col0 -col1
        List<ColumnRole> roles = List.of(new ColumnRole(0, 0, 0, 0, Polarity.POSITIVE), new ColumnRole(0, 0, 0, 0, Polarity.NEGATIVE));
        ShiftAddModel model = new ShiftAddModel(roles, 1, 0, 1);
        Routes routes = new Routes(ShellHarness.addr(1), ShellHarness.addr(3),
                java.util.Arrays.asList(ShellHarness.addr(4), ShellHarness.addr(5)),
                java.util.Arrays.asList(ShellHarness.addr(2), ShellHarness.addr(6)), List.of());
        return (ShiftAdd) ShiftAdd.create(0, List.of(new ShiftAdd.LocalCrossbar(7, 0, 0, model),
                new ShiftAdd.LocalCrossbar(8, 0, 0, model)), List.of(plan), units, routes);
    }

    @Test
    void shiftAddCombinesBitsAndPolaritiesAndWaitsForEveryCrossbarOfTheColumnTile() {
        ShellHarness h = new ShellHarness(9, 0, shiftAdd(0), 1);
        // reads: bit0 (+5, -1), bit1 (+2, -0): (5 + 2*2) - (1 + 0) = 8
        h.deliver(50, new ShiftAdd.Accumulate(0, 0, 0, 7, 2, org.xbarsim.hw.common.ColumnSums.of(IntVector.of(5, 1, 2, 0)), 0));
        h.advance(50, 51);
        assertTrue(h.sentTo(2).isEmpty(), "nothing leaves before the second crossbar");
        h.deliver(60, new ShiftAdd.Accumulate(0, 0, 0, 8, 2, org.xbarsim.hw.common.ColumnSums.of(IntVector.of(0, 3, 0, 0)), 0));
        Coordinator.WindowDone done = h.advance(60, 61);
        Event e = h.sentTo(2).get(0);
        OutputUnit.Partial p = assertInstanceOf(OutputUnit.Partial.class, e.payload());
        assertEquals(8 - 3, p.sums().get(0));
        // 4 values + 1 accumulate = 5 ops on 2 units = 3 cycles
        assertEquals(63, e.cycle());
        assertEquals(5, count(done.activities(), ComponentKind.SHIFT_ADD, Action.OPERATE));
    }

    @Test
    void shiftAddWorkThatFindsTheUnitsBusyWaitsAndTracesTheStall() {
        ShellHarness h = new ShellHarness(9, 0, shiftAdd(0, new UnitSpec(2, 3)), 1);
        // both crossbars' results arrive at cycle 50: 5 ops on 2 units of 3 cycles = 9 cycles each, one after the other
        h.deliver(50, new ShiftAdd.Accumulate(0, 0, 0, 7, 2, org.xbarsim.hw.common.ColumnSums.of(IntVector.of(5, 1, 2, 0)), 0));
        h.deliver(50, new ShiftAdd.Accumulate(0, 0, 0, 8, 2, org.xbarsim.hw.common.ColumnSums.of(IntVector.of(0, 3, 0, 0)), 0));
        Coordinator.WindowDone done = h.advance(50, 51);
        List<Activity> ops = done.activities().stream()
                .filter(x -> x.action() == ActivityCode.of(ComponentKind.SHIFT_ADD, Action.OPERATE)).toList();
        assertEquals(List.of(50L, 59L), ops.stream().map(Activity::cycle).toList());
        assertEquals(List.of(9L, 9L), ops.stream().map(Activity::durationCycles).toList());
        List<Activity> stalls = done.activities().stream()
                .filter(x -> x.action() == ActivityCode.stall(ComponentKind.SHIFT_ADD)).toList();
        assertEquals(1, stalls.size(), "only the second waits");
        assertEquals(50, stalls.get(0).cycle());
        assertEquals(9, stalls.get(0).durationCycles());
        assertEquals(68, h.sentTo(2).get(0).cycle(), "the partial sum leaves when the second operation ends");
    }

    @Test
    void aPartialSumForAnotherTileGoesOverTheNetwork() {
        ShellHarness h = new ShellHarness(9, 0, shiftAdd(1), 1);
        h.deliver(50, new ShiftAdd.Accumulate(0, 0, 0, 7, 1, org.xbarsim.hw.common.ColumnSums.of(IntVector.of(1, 0)), 0));
        h.deliver(50, new ShiftAdd.Accumulate(0, 0, 0, 8, 1, org.xbarsim.hw.common.ColumnSums.of(IntVector.of(1, 0)), 0));
        h.advance(50, 51);
        Network.Transfer<?> t = assertInstanceOf(Network.Transfer.class, h.sentTo(1).get(0).payload());
        assertEquals(0, t.fromTile());
        assertEquals(1, t.toTile());
        assertEquals(6, t.to().id());
    }

    @Test
    void outputUnitAddsTilesPartialsRequantizesAndStoresThemInTheOutputBufferForEveryConsumerTile() {
        // dense 4 -> 2, bias (10, -100), shift 1, relu 8 bits; one column tile finished here from 2 tiles
        Dense d = new Dense("d", 4, 2, 8, IntVector.wrap(new int[8]), IntVector.of(10, -100), List.of(Requant.shiftOnly(1)),
                Activation.RELU, 8, null);
        LayerPlan plan = new LayerPlan(0, 3, d, Shape.flat(4), Shape.flat(2), 8, List.of(), Shape.flat(2), new int[] {0, 2},
                new int[] {0}, new int[] {2}, List.of(0, 1));
        Routes routes = new Routes(ShellHarness.addr(1), ShellHarness.addr(2),
                java.util.Arrays.asList(ShellHarness.addr(3), ShellHarness.addr(4)),
                java.util.Arrays.asList(ShellHarness.addr(0), ShellHarness.addr(5)),
                java.util.Arrays.asList(ShellHarness.addr(6), ShellHarness.addr(7)));
        org.xbarsim.arch.TileSpec spec = TestChips.small(2, 2, 16, 16, 2, org.xbarsim.arch.SignedEncoding.DIFFERENTIAL, 8).tile();
        ShellHarness h = new ShellHarness(8, 0, OutputUnit.create(0, List.of(plan), spec, routes, null), 1);
        h.deliver(100, new OutputUnit.Partial(0, 0, 0, 0, LongVector.of(100, 50)));
        h.advance(100, 101);
        assertTrue(h.sentTo(6).isEmpty());
        h.deliver(120, new OutputUnit.Partial(0, 0, 0, 0, LongVector.of(1, 20)));
        Coordinator.WindowDone done = h.advance(120, 121);
        assertEquals(2, count(done.activities(), ComponentKind.ACTIVATION, Action.OPERATE));
        // (101 + 10) >> 1 rounded = 56 ; (70 - 100) -> relu 0; stored when the activation ends, for tiles 0 and 1
        Event stored = h.sentTo(6).get(0);
        OutputBuffer.Store store = assertInstanceOf(OutputBuffer.Store.class, stored.payload());
        assertEquals(2, store.bytes());
        assertEquals(List.of(0, 1), store.deliveries().stream().map(OutputBuffer.Delivery::tile).toList());
        Activations local = store.deliveries().get(0).values();
        assertArrayEquals(new int[] {56, 0}, local.values().toArray());
        assertArrayEquals(new int[] {0, 1}, local.indices().toArray());
        assertEquals(1, local.plan());

        // the output buffer writes the set, then reads it once per destination on its one port
        ShellHarness b = new ShellHarness(8, 6, new OutputBuffer(0, spec.outputBuffer(), routes), 1);
        b.deliver(stored.cycle(), store);
        Coordinator.WindowDone written = b.advance(stored.cycle(), stored.cycle() + 1);
        Event toLocal = b.sentTo(3).get(0);
        Event toRemote = b.sentTo(1).get(0);
        assertEquals(new InputBuffer.Write(local), toLocal.payload());
        Network.Transfer<?> remote = assertInstanceOf(Network.Transfer.class, toRemote.payload());
        assertEquals(1, remote.toTile());
        assertEquals(2, count(written.activities(), ComponentKind.OUTPUT_BUFFER, Action.WRITE), "bytes written once");
        assertEquals(4, count(written.activities(), ComponentKind.OUTPUT_BUFFER, Action.READ), "bytes read once per destination");
        assertTrue(toRemote.cycle() > toLocal.cycle(), "the second destination reads the buffer after the first");
    }

    /**
     * Three outputs, two of them with a multiplier that is not a power of two: activation takes
     * ceil(3 / 2) = 2 operations of 7 cycles, then the multiplier ceil(2 / 1) = 2 of 5; the set goes
     * to the output buffer when the last one ends, and a second set waits for the unit's port.
     */
    @Test
    void outputUnitTimesActivationThenMultipliesOnItsPortAndStoresWhenTheLastEnds() {
        Dense d = new Dense("d", 2, 3, 8, IntVector.wrap(new int[6]), IntVector.of(0, 0, 0),
                List.of(Requant.shiftOnly(1), new Requant(3, 2), new Requant(5, 3)), Activation.RELU, 8, null);
        LayerPlan plan = new LayerPlan(0, 2, d, Shape.flat(2), Shape.flat(3), 8, List.of(), Shape.flat(3), new int[] {0, 3},
                new int[] {0}, new int[] {1}, List.of(0));
        Routes routes = new Routes(ShellHarness.addr(1), ShellHarness.addr(2), List.of(ShellHarness.addr(3)),
                List.of(ShellHarness.addr(0)), List.of(ShellHarness.addr(6)));
        org.xbarsim.arch.TileSpec t = TestChips.small(2, 2, 16, 16, 2, org.xbarsim.arch.SignedEncoding.DIFFERENTIAL, 8).tile();
        org.xbarsim.arch.TileSpec spec = new org.xbarsim.arch.TileSpec(t.crossbars(), t.crossbar(), t.weights(), t.dac(), t.adc(),
                t.sampleHold(), t.shiftAdd(), t.registerBytesPerCrossbar(), t.inputBuffer(), t.outputBuffer(),
                new UnitSpec(2, 7), t.pooling(), new UnitSpec(1, 5));
        ShellHarness h = new ShellHarness(8, 0, OutputUnit.create(0, List.of(plan), spec, routes, null), 1);
        h.deliver(100, new OutputUnit.Partial(0, 0, 0, 0, LongVector.of(8, 8, 16)));
        h.deliver(101, new OutputUnit.Partial(1, 0, 0, 0, LongVector.of(2, 0, 0)));
        Coordinator.WindowDone done = h.advance(100, 102);

        List<Activity> act = done.activities().stream()
                .filter(a -> a.action() == ActivityCode.of(ComponentKind.ACTIVATION, Action.OPERATE)).toList();
        List<Activity> mul = done.activities().stream()
                .filter(a -> a.action() == ActivityCode.of(ComponentKind.MULTIPLIER, Action.OPERATE)).toList();
        assertEquals(List.of(100L, 124L), act.stream().map(Activity::cycle).toList(), "the second image waits for the port");
        assertEquals(List.of(14L, 14L), act.stream().map(Activity::durationCycles).toList());
        assertEquals(List.of(3L, 3L), act.stream().map(Activity::count).toList());
        assertEquals(List.of(114L, 138L), mul.stream().map(Activity::cycle).toList(), "multiplies follow the activation");
        assertEquals(List.of(10L, 10L), mul.stream().map(Activity::durationCycles).toList());
        assertEquals(List.of(2L, 2L), mul.stream().map(Activity::count).toList());
        assertEquals(List.of(0, 1), act.stream().map(Activity::image).toList());
        List<Event> stored = h.sentTo(6);
        assertEquals(List.of(124L, 148L), stored.stream().map(Event::cycle).toList());
        OutputBuffer.Store first = assertInstanceOf(OutputBuffer.Store.class, stored.get(0).payload());
        assertEquals(3, first.bytes(), "three 8-bit outputs");
        // 8 >> 1 = 4; 8 * 3 >> 2 = 6; 16 * 5 >> 3 = 10
        assertArrayEquals(new int[] {4, 6, 10}, first.deliveries().get(0).values().values().toArray());
        assertArrayEquals(new int[] {0, 1, 2}, first.deliveries().get(0).values().indices().toArray());
    }

    @Test
    void aFullOutputBufferHoldsTheWriteBackUntilItsReadsFreeRoomAndTracesTheStall() {
        Routes routes = new Routes(ShellHarness.addr(1), ShellHarness.addr(2), java.util.Arrays.asList(ShellHarness.addr(3)),
                java.util.Arrays.asList(ShellHarness.addr(0)), java.util.Arrays.asList(ShellHarness.addr(4)));
        // 10 B, 1 B per cycle, latency 1: a 6 B write takes 7 cycles, its one read 7 more
        OutputBuffer buffer = new OutputBuffer(0, new BufferSpec(10, 1, 1), routes);
        ShellHarness b = new ShellHarness(5, 4, buffer, 1);
        Activations six = new Activations(0, 1, IntVector.of(0, 1, 2, 3, 4, 5), IntVector.of(1, 2, 3, 4, 5, 6));
        b.deliver(100, new OutputBuffer.Store(0, 0, "d", 6, List.of(new OutputBuffer.Delivery(0, six, 6))));
        b.deliver(101, new OutputBuffer.Store(1, 0, "d", 6, List.of(new OutputBuffer.Delivery(0, six, 6))));
        b.advance(100, 101);
        Coordinator.WindowDone second = b.advance(101, 102);
        // the first set holds 6 of 10 B until its read ends at 100 + 7 + 7 = 114: the second waits from 101 to 114
        List<org.xbarsim.sim.Activity> stalls = second.activities().stream()
                .filter(a -> a.action() == org.xbarsim.vocabulary.ActivityCode.stall(ComponentKind.OUTPUT_BUFFER)).toList();
        assertEquals(1, stalls.size());
        assertEquals(101, stalls.get(0).cycle());
        assertEquals(13, stalls.get(0).durationCycles());
        assertEquals(1, buffer.use().waits());
        assertEquals(6, buffer.use().peakBytes(), "the second set landed only after the first was freed");
        assertEquals(List.of(114L + 7 + 7), b.sentTo(3).stream().skip(1).map(Event::cycle).toList());
    }

    @Test
    void anOutputBufferSmallerThanOneSetIsRefusedNamingItsSize() {
        Routes routes = new Routes(ShellHarness.addr(1), ShellHarness.addr(2), java.util.Arrays.asList(ShellHarness.addr(3)),
                java.util.Arrays.asList(ShellHarness.addr(0)), java.util.Arrays.asList(ShellHarness.addr(4)));
        ShellHarness b = new ShellHarness(5, 4, new OutputBuffer(0, new BufferSpec(4, 1, 1), routes), 1);
        Activations six = new Activations(0, 1, IntVector.of(0, 1, 2, 3, 4, 5), IntVector.of(1, 2, 3, 4, 5, 6));
        b.deliver(100, new OutputBuffer.Store(0, 0, "d", 6, List.of(new OutputBuffer.Delivery(0, six, 6))));
        Throwable e = assertThrows(Throwable.class, () -> b.advance(100, 101));
        InputBufferFullException full = InputBufferFullException.in(e);
        assertTrue(full != null, e.toString());
        assertTrue(full.getMessage().contains("tile 0's output buffer: the outputs of layer 'd' of image 0 (6 B) is larger than the"
                + " whole buffer of 4 B; it needs at least 6 B (chip.tile.output-buffer.size-bytes)"), full.getMessage());
    }

    @Test
    void tileControllerStartsAnMvmPerLocalCrossbarWhenTheInputIsCompleteAndReadsQueueOnTheBufferPort() {
        Dense d = new Dense("d", 4, 1, 8, IntVector.wrap(new int[4]), IntVector.of(0), List.of(Requant.shiftOnly(0)),
                Activation.NONE, 8, null);
        LayerPlan plan = new LayerPlan(0, 0, d, Shape.flat(4), Shape.flat(1), 8, List.of(), Shape.flat(1), new int[] {0, 1},
                new int[] {0}, new int[] {1}, List.of());
        LayerInputModel in = new LayerInputModel(plan, new int[0], new int[0]);
        List<List<TileController.LocalCrossbar>> xbars = List.of(List.of(
                new TileController.LocalCrossbar(0, new int[] {0, 1}, ShellHarness.addr(1)),
                new TileController.LocalCrossbar(1, new int[] {2, 3}, ShellHarness.addr(2))));
        Routes routes = new Routes(ShellHarness.addr(3), ShellHarness.addr(4), java.util.Arrays.asList(ShellHarness.addr(0)),
                java.util.Arrays.asList(ShellHarness.addr(5)), List.of());
        // 1 byte per cycle, latency 2: a 2-byte read takes 4 cycles
        ShellHarness h = new ShellHarness(6, 0, InputBuffer.create(0, new LayerInputModel[] {in}, new TileController(xbars),
                new BufferSpec(1024, 1, 2), routes), 1);
        h.deliver(10, new InputBuffer.Write(new Activations(0, 0, IntVector.of(0, 1), IntVector.of(7, 9))));
        Coordinator.WindowDone first = h.advance(10, 11);
        assertTrue(h.sentTo(1).isEmpty(), "half the input is not enough for a dense layer");
        assertEquals(List.of("WRITE@10+0x2"), records(first.activities(), ComponentKind.INPUT_BUFFER));
        h.deliver(20, new InputBuffer.Write(new Activations(0, 0, IntVector.of(3, 2), IntVector.of(200, 1))));
        Coordinator.WindowDone second = h.advance(20, 21);
        Event a = h.sentTo(1).get(0);
        Event b = h.sentTo(2).get(0);
        assertEquals(24, a.cycle());
        assertEquals(28, b.cycle());
        Crossbar.Drive db = assertInstanceOf(Crossbar.Drive.class, b.payload());
        assertEquals(201, db.planes().inputSum());
        // the second read waits 4 cycles for the port; the 4 inputs are freed when the last read ends
        assertEquals(List.of("WRITE@20+0x2", "READ@20+4x2", "STALL@20+4x1", "READ@24+4x2", "FREE@28+0x4"),
                records(second.activities(), ComponentKind.INPUT_BUFFER));
        assertEquals(List.of("TRANSFER@20+4x2", "TRANSFER@24+4x2"), records(second.activities(), ComponentKind.BUS));
        Event credit = h.sentTo(4).get(0);
        assertEquals(0, assertInstanceOf(Host.Credit.class, credit.payload()).image());
        assertEquals(28, credit.cycle(), "the host may send the next image once the last read has left the buffer");
    }

    /** A component kind's records as ACTION@cycle+duration x count, in the order they were made. */
    private static List<String> records(List<Activity> acts, ComponentKind kind) {
        List<String> out = new java.util.ArrayList<>();
        for (Activity x : acts) {
            for (Action action : Action.values()) {
                if (x.action() == ActivityCode.of(kind, action)) {
                    out.add(action + "@" + x.cycle() + "+" + x.durationCycles() + "x" + x.count());
                }
            }
        }
        return out;
    }

    @Test
    void crossbarsWithTheSameRowListShareOneBufferRead() {
        Dense d = new Dense("d", 2, 1, 8, IntVector.wrap(new int[2]), IntVector.of(0), List.of(Requant.shiftOnly(0)),
                Activation.NONE, 8, null);
        LayerPlan plan = new LayerPlan(0, 0, d, Shape.flat(2), Shape.flat(1), 8, List.of(), Shape.flat(1), new int[] {0, 1},
                new int[] {0}, new int[] {1}, List.of());
        List<List<TileController.LocalCrossbar>> xbars = List.of(List.of(
                new TileController.LocalCrossbar(0, new int[] {0, 1}, ShellHarness.addr(1)),
                new TileController.LocalCrossbar(1, new int[] {0, 1}, ShellHarness.addr(2))));
        Routes routes = new Routes(ShellHarness.addr(3), ShellHarness.addr(4), java.util.Arrays.asList(ShellHarness.addr(0)),
                java.util.Arrays.asList(ShellHarness.addr(5)), List.of());
        ShellHarness h = new ShellHarness(6, 0, InputBuffer.create(0,
                new LayerInputModel[] {new LayerInputModel(plan, new int[0], new int[0])}, new TileController(xbars),
                new BufferSpec(1024, 1, 2), routes), 1);
        h.deliver(10, new InputBuffer.Write(new Activations(0, 0, IntVector.of(0, 1), IntVector.of(7, 9))));
        Coordinator.WindowDone done = h.advance(10, 11);
        assertEquals(14, h.sentTo(1).get(0).cycle());
        assertEquals(14, h.sentTo(2).get(0).cycle(), "one read, broadcast to both crossbars");
        assertEquals(2, count(done.activities(), ComponentKind.INPUT_BUFFER, Action.READ), "2 bytes read once");
    }

    @Test
    void networkForwardsThePayloadWhenItArrives() {
        NetworkModel model = new NetworkModel(new NetworkSpec(NetworkTopology.MESH, 1, 3, 4), 4);
        ShellHarness h = new ShellHarness(3, 0, Network.create(model), 1);
        Activations act = new Activations(0, 1, IntVector.of(0), IntVector.of(5));
        h.deliver(100, new Network.Transfer<>(0, 3, 8, ShellHarness.<InputBuffer.Command>addr(2), new InputBuffer.Write(act)));
        Coordinator.WindowDone done = h.advance(100, 101);
        Event e = h.sentTo(2).get(0);
        assertEquals(100 + 2 + 2 * 3, e.cycle()); // 2 cycles on the wire, 2 hops of 3 cycles
        assertEquals(new InputBuffer.Write(act), e.payload());
        assertEquals(16, count(done.activities(), ComponentKind.NETWORK, Action.TRANSFER)); // 8 bytes x 2 hops
    }

    @Test
    void aTransferThatFindsItsRouteBusyWaitsThenMovesAsOnAnIdleNetworkAndNamesItsImage() {
        NetworkModel model = new NetworkModel(new NetworkSpec(NetworkTopology.MESH, 1, 3, 4), 4);
        ShellHarness h = new ShellHarness(4, 0, Network.create(model), 1);
        Activations act = new Activations(4, 1, IntVector.of(0), IntVector.of(5));
        h.deliver(100, new Network.Transfer<>(0, 3, 8, ShellHarness.<InputBuffer.Command>addr(2), new InputBuffer.Write(act)));
        h.deliver(100, new Network.Transfer<>(0, 3, 8, ShellHarness.<OutputUnit.Command>addr(3),
                new OutputUnit.Partial(5, 0, 0, 0, LongVector.of(1))));
        h.deliver(100, new Network.Transfer<>(3, 0, 4, ShellHarness.<Host.Command>addr(1),
                new Host.Outputs(new Activations(6, 2, IntVector.of(0), IntVector.of(1)))));
        Coordinator.WindowDone done = h.advance(100, 101);
        List<Activity> moves = done.activities().stream()
                .filter(x -> x.action() == ActivityCode.of(ComponentKind.NETWORK, Action.TRANSFER)).toList();
        List<Activity> stalls = done.activities().stream()
                .filter(x -> x.action() == ActivityCode.stall(ComponentKind.NETWORK)).toList();
        assertEquals(List.of(4, 5, 6), moves.stream().map(Activity::image).toList(), "each payload's own image");
        assertEquals(List.of(16L, 16L, 8L), moves.stream().map(Activity::count).toList(), "bytes x 2 hops");
        assertEquals(1, stalls.size(), "only the second transfer on the same route waits");
        Activity wait = stalls.get(0);
        assertEquals(5, wait.image());
        assertEquals(100, wait.cycle());
        assertTrue(wait.durationCycles() > 0);
        Activity second = moves.get(1);
        assertEquals(100 + wait.durationCycles(), second.cycle(), "it moves once the wait is over");
        assertEquals(8, second.durationCycles(), "then as on an idle network: 2 cycles on the wire, 2 hops of 3");
        assertEquals(100 + wait.durationCycles() + 8, h.sentTo(3).get(0).cycle());
        assertEquals(List.of(100L, 100L), List.of(moves.get(0).cycle(), moves.get(2).cycle()), "the reverse route is free");
        assertEquals(107, h.sentTo(1).get(0).cycle(), "4 bytes: 1 cycle on the wire, 2 hops of 3");
    }

    @Test
    void hostSendsTheNextImageOnCreditAndCollectsLogits() {
        Routes routes = new Routes(ShellHarness.addr(1), ShellHarness.addr(0), java.util.Arrays.asList(ShellHarness.addr(2)),
                java.util.Arrays.asList(ShellHarness.addr(3)), List.of());
        Host host = new Host(List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8}), new Shape(1, 2, 2), 8, List.of(0), 3,
                new int[] {2}, new int[] {-4}, routes, new java.util.concurrent.atomic.AtomicInteger());
        ShellHarness h = new ShellHarness(4, 0, host, 1);
        h.deliver(0, new Host.Start());
        h.advance(0, 1);
        assertEquals(2, h.sentTo(1).size(), "image 0 goes out row by row");
        h.deliver(500, new Host.Credit(0, 0));
        h.advance(500, 501);
        Network.Transfer<?> t = assertInstanceOf(Network.Transfer.class, h.sentTo(1).get(0).payload());
        assertEquals(1, ((InputBuffer.Write) t.payload()).values().image());
        h.deliver(900, new Host.Outputs(new Activations(0, 1, IntVector.of(1, 0), IntVector.of(11, -3))));
        h.advance(900, 901);
        assertTrue(host.complete(0));
        assertArrayEquals(new int[] {-3, 11, -4}, host.logits(0));
        assertEquals(900, host.doneCycle(0));
        assertEquals(500, host.startCycle(1));
    }

    @Test
    void hostTakesRequestsAtTheirArrivalCyclesQueuesRejectsAndAdmitsAsTheChipFrees() {
        Routes routes = new Routes(ShellHarness.addr(1), ShellHarness.addr(0), java.util.Arrays.asList(ShellHarness.addr(2)),
                java.util.Arrays.asList(ShellHarness.addr(3)), List.of());
        long[] arrivals = {0, 0, 100};
        java.util.Iterator<Long> it = java.util.Arrays.stream(arrivals).boxed().iterator();
        List<String> log = new java.util.ArrayList<>();
        Host.Requests requests = () -> {
            if (!it.hasNext()) {
                return null;
            }
            long at = it.next();
            return new Host.Request() {
                @Override
                public long arrivalCycle() {
                    return at;
                }

                @Override
                public int[] input() {
                    return new int[] {1, 2, 3, 4};
                }
            };
        };
        Host.Listener listener = new Host.Listener() {
            @Override
            public void queued(Host.Request r, long cycle, int waiting) {
                log.add("queued@" + cycle + " waiting " + waiting);
            }

            @Override
            public void rejected(Host.Request r, long cycle) {
                log.add("rejected@" + cycle);
            }

            @Override
            public void admitted(Host.Request r, int image, long cycle, int waiting) {
                log.add("admitted " + image + "@" + cycle);
            }

            @Override
            public void finished(Host.Request r, int image, long start, long done, int[] logits) {
                log.add("finished " + image + "@" + done + " " + java.util.Arrays.toString(logits));
            }
        };
        Host host = new Host(requests, 1, 1, listener, new Shape(1, 2, 2), 8, List.of(0), 2, new int[0], new int[0], routes,
                new java.util.concurrent.atomic.AtomicInteger());
        ShellHarness h = new ShellHarness(4, 0, host, 1);
        h.deliver(0, new Host.Start());
        h.advance(0, 1);
        assertEquals(List.of("admitted 0@0", "queued@0 waiting 1"), log, "the first goes straight in, never waiting; the second waits");
        Coordinator.WindowDone idle = h.advance(1, 2);
        assertEquals(100, idle.nextCycle(), "the host wakes itself at the next arrival");
        h.advance(100, 101);
        assertEquals("rejected@100", log.get(2), "the queue holds one");
        h.deliver(200, new Host.Credit(0, 0));
        h.advance(200, 201);
        assertEquals(3, log.size(), "one image in flight at most: the second waits for the first to finish");
        h.deliver(300, new Host.Outputs(new Activations(0, 1, IntVector.of(0, 1), IntVector.of(7, -7))));
        h.advance(300, 301);
        assertEquals(List.of("finished 0@300 [7, -7]", "admitted 1@300"), log.subList(3, 5));
    }
}
