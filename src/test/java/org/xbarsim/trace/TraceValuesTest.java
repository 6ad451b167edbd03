package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The checks and boundaries of the trace package's value types: options, headers, records, lookups. */
class TraceValuesTest {
    private static TraceHeader header(double clockGhz, long windowCycles) {
        return new TraceHeader("m", "c", clockGhz, windowCycles, new TreeMap<>(),
                List.of(new TraceComponent(0, "a", "crossbar", 0)), List.of(new TraceAction(0, "read")));
    }

    @Test
    void timelineOptionsAcceptTheSmallestRangesAndRefuseEmptyOnes() {
        TimelineOptions d = TimelineOptions.defaults();
        assertEquals(5, d.withCycles(4, 5).toCycle());
        assertThrows(IllegalArgumentException.class, () -> d.withCycles(5, 5));
        assertEquals(3, d.withImages(3, 3).lastImage());
        IllegalArgumentException images = assertThrows(IllegalArgumentException.class, () -> d.withImages(3, 2));
        assertEquals("image range 3-2 is empty", images.getMessage());
        assertEquals(0, d.withMaxEvents(0).maxEvents());
        assertThrows(IllegalArgumentException.class, () -> d.withMaxEvents(-1));
        assertEquals(1, new TimelineOptions(0, 1, 0, 0, null, TimelineDetail.NORMAL, 0, 1, (k, a) -> 0, 0, new TreeMap<>())
                .powerWindows());
        assertThrows(IllegalArgumentException.class,
                () -> new TimelineOptions(0, 1, 0, 0, null, TimelineDetail.NORMAL, 0, 0, (k, a) -> 0, 0, new TreeMap<>()));
    }

    @Test
    void aRecordIsInTheCycleRangeWhenItOverlapsItAndAnInstantWhenItLiesInIt() {
        TimelineOptions o = TimelineOptions.defaults().withCycles(10, 20);
        assertTrue(o.inCycles(TraceRecord.of(5, 6, 0, 0, 1, 0)), "ends at 11: overlaps");
        assertFalse(o.inCycles(TraceRecord.of(5, 5, 0, 0, 1, 0)), "ends at 10: before the range");
        assertTrue(o.inCycles(TraceRecord.of(10, 0, 0, 0, 1, 0)), "an instant at the first cycle");
        assertFalse(o.inCycles(TraceRecord.of(9, 0, 0, 0, 1, 0)), "an instant before the range");
        assertTrue(o.inCycles(TraceRecord.of(19, 5, 0, 0, 1, 0)));
        assertFalse(o.inCycles(TraceRecord.of(20, 5, 0, 0, 1, 0)), "starts at the end");
    }

    @Test
    void anImageRangeKeepsItsBoundsAndLeavesOutWorkOfNoImage() {
        TimelineOptions all = TimelineOptions.defaults();
        assertFalse(all.filtersImages());
        assertTrue(all.inImages(TraceRecord.of(0, 1, 0, 0, 1, TraceRecord.NO_IMAGE)));
        assertTrue(all.withImages(Integer.MIN_VALUE, 5).filtersImages());
        assertTrue(all.withImages(0, Integer.MAX_VALUE).filtersImages());
        TimelineOptions two = all.withImages(2, 3);
        assertFalse(two.inImages(TraceRecord.of(0, 1, 0, 0, 1, 1)));
        assertTrue(two.inImages(TraceRecord.of(0, 1, 0, 0, 1, 2)));
        assertTrue(two.inImages(TraceRecord.of(0, 1, 0, 0, 1, 3)));
        assertFalse(two.inImages(TraceRecord.of(0, 1, 0, 0, 1, 4)));
        assertFalse(two.inImages(TraceRecord.of(0, 1, 0, 0, 1, TraceRecord.NO_IMAGE)));
    }

    @Test
    void theWithMethodsChangeOnlyTheirOwnField() {
        TreeMap<String, String> facts = new TreeMap<>();
        facts.put("k", "v");
        ActionEnergy e = (k, a) -> 3;
        TimelineOptions o = TimelineOptions.defaults().withCycles(1, 9).withImages(0, 4).withComponents("tile0/**")
                .withDetail(TimelineDetail.FULL).withMaxEvents(7).withPower(e, 2.5).withOtherData(facts);
        assertEquals(List.of(1L, 9L, 0, 4, "tile0/**", TimelineDetail.FULL, 7L, 500, 2.5, facts),
                List.of(o.fromCycle(), o.toCycle(), o.firstImage(), o.lastImage(), o.components(), o.detail(),
                        o.maxEvents(), o.powerWindows(), o.staticMw(), o.otherData()));
        assertEquals(3, o.energy().picojoules(new KindAction("crossbar", "read")));
    }

    @Test
    void aHeaderRefusesABadClockANegativeWindowAndDuplicateNames() {
        assertEquals(0, header(0.5, 0).windowCycles());
        assertThrows(IllegalArgumentException.class, () -> header(0, 0));
        assertThrows(IllegalArgumentException.class, () -> header(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> header(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> header(Double.POSITIVE_INFINITY, 0));
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> header(1, -1));
        assertEquals("windowCycles must be >= 0, got -1", w.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceHeader(null, "c", 1, 0, new TreeMap<>(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TraceHeader("m", null, 1, 0, new TreeMap<>(), List.of(), List.of()));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> new TraceHeader("m", "c", 1, 0,
                new TreeMap<>(), List.of(new TraceComponent(0, "a", "adc", 0), new TraceComponent(1, "a", "adc", 0)), List.of()));
        assertEquals("component name 'a' is used twice", name.getMessage());
        IllegalArgumentException action = assertThrows(IllegalArgumentException.class, () -> new TraceHeader("m", "c", 1, 0,
                new TreeMap<>(), List.of(), List.of(new TraceAction(0, "read"), new TraceAction(1, "read"))));
        assertEquals("action name 'read' is used twice", action.getMessage());
        IllegalArgumentException actionId = assertThrows(IllegalArgumentException.class, () -> new TraceHeader("m", "c", 1, 0,
                new TreeMap<>(), List.of(), List.of(new TraceAction(0, "read"), new TraceAction(0, "write"))));
        assertEquals("action id 0 is used twice", actionId.getMessage());
    }

    @Test
    void layerNamesAreLookedUpOnlyInsideTheList() {
        TraceHeader h = TraceHeader.builder("m", "c", 1).layers(List.of("conv1", "fc2")).build();
        assertNull(h.layerName(-1));
        assertEquals("conv1", h.layerName(0));
        assertEquals("fc2", h.layerName(1));
        assertNull(h.layerName(2));
    }

    @Test
    void theBuilderGivesDenseIdsAndOneIdPerActionName() {
        TraceHeader.Builder b = TraceHeader.builder("m", "c", 2).windowCycles(8).attribute("images", "4");
        assertEquals(0, b.component("x", "crossbar", 0));
        assertEquals(1, b.component("y", "network", -1));
        assertEquals(0, b.action("read"));
        assertEquals(1, b.action("write"));
        assertEquals(0, b.action("read"));
        TraceHeader h = b.build();
        assertEquals(8, h.windowCycles());
        assertEquals("4", h.attributes().get("images"));
        assertEquals(2, h.actions().size());
    }

    @Test
    void theDictionaryAnswersOnlyForIdsItHolds() {
        TraceHeader h = new TraceHeader("m", "c", 1, 0, new TreeMap<>(),
                List.of(new TraceComponent(0, "a", "adc", 0), new TraceComponent(2, "b", "adc", 0)),
                List.of(new TraceAction(1, "convert")));
        TraceDictionary d = h.dictionary();
        assertEquals(3, d.componentIdLimit());
        assertEquals(2, d.actionIdLimit());
        assertNull(d.component(-1));
        assertEquals("a", d.component(0).name());
        assertNull(d.component(1));
        assertEquals("b", d.component(2).name());
        assertNull(d.component(3));
        assertNull(d.action(0));
        assertEquals("convert", d.action(1).name());
        assertNull(d.action(2));
        assertNull(d.action(-1));
        assertEquals(1, d.actionId("convert"));
        assertEquals(-1, d.actionId("read"));
        assertThrows(IllegalArgumentException.class, () -> new TraceHeader("m", "c", 1, 0, new TreeMap<>(),
                List.of(new TraceComponent(1 << 24, "a", "adc", 0)), List.of()).dictionary());
    }

    @Test
    void recordsAndComponentsCheckTheirFieldsAtTheBoundary() {
        assertEquals(0, TraceRecord.of(0, 0, 0, 0, 0, 0).durationCycles());
        assertThrows(IllegalArgumentException.class, () -> TraceRecord.of(0, -1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TraceRecord.of(0, 0, 0, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> TraceRecord.of(0, 0, -1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TraceRecord.of(0, 0, 0, -1, 0, 0));
        assertEquals(Long.MAX_VALUE, TraceRecord.of(Long.MAX_VALUE - 1, 5, 0, 0, 1, 0).endCycle());
        assertEquals(Long.MAX_VALUE, TraceRecord.of(Long.MAX_VALUE - 5, 5, 0, 0, 1, 0).endCycle());
        assertEquals(-1, new TraceComponent(0, "n", "network", -1).tile());
        assertThrows(IllegalArgumentException.class, () -> new TraceComponent(0, "n", "network", -2));
        assertThrows(IllegalArgumentException.class, () -> new TraceComponent(-1, "n", "network", 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceComponent(0, "", "network", 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceComponent(0, null, "network", 0));
    }

    @Test
    void writerOptionsTakeBlockSizesFrom256BytesTo16MiBAndVersions2And3() {
        TraceWriter.Options o = TraceWriter.Options.DEFAULT;
        assertEquals(256, o.withBlockBytes(256).blockBytes());
        assertEquals(16 << 20, o.withBlockBytes(16 << 20).blockBytes());
        assertThrows(IllegalArgumentException.class, () -> o.withBlockBytes(255));
        assertThrows(IllegalArgumentException.class, () -> o.withBlockBytes((16 << 20) + 1));
        assertEquals(2, o.withVersion(2).version());
        assertThrows(IllegalArgumentException.class, () -> o.withVersion(1));
        assertThrows(IllegalArgumentException.class, () -> o.withVersion(4));
        assertTrue(o.withGzip(true).gzip());
        assertFalse(o.withRequireOrder(false).requireOrder());
        assertTrue(o.requireOrder());
    }

    @Test
    void aSummarizerNeedsAPositiveWindow() {
        TraceHeader h = header(1, 0);
        assertEquals(1, new TraceSummarizer(h, 1).finish().windowCycles());
        assertThrows(IllegalArgumentException.class, () -> new TraceSummarizer(h, 0));
    }
}
