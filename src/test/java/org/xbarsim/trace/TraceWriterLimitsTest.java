package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the writer starts a new block, what it records as the largest end cycle, and use after close. */
class TraceWriterLimitsTest {
    private final TraceHeader header = new TraceHeader("m", "c", 1, 0, new TreeMap<>(),
            List.of(new TraceComponent(0, "tile0/xbar0", "crossbar", 0)), List.of(new TraceAction(0, "read")));

    @TempDir
    Path dir;

    private TraceTotals totals(byte[] file) {
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file), "mem")) {
            r.forEach(x -> { });
            return r.totals();
        }
    }

    /** {@code n} records of 8 bytes each (start, component, action, duration, count, image, layer and argument: one byte each). */
    private byte[] eightByteRecords(int n) {
        List<TraceRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new TraceRecord(1, 1, 0, 0, 1, 0, 1));
        }
        return TraceFixtures.bytesOf(header, records, TraceWriter.Options.DEFAULT.withBlockBytes(256));
    }

    @Test
    void aBlockIsWrittenAsSoonAsItReachesTheTargetSize() {
        // 32 records fill 256 bytes exactly: the 33rd starts a second block
        assertEquals(new TraceTotals(32, 1, 2), totals(eightByteRecords(32)));
        assertEquals(new TraceTotals(33, 2, 2), totals(eightByteRecords(33)));
        assertEquals(new TraceTotals(64, 2, 2), totals(eightByteRecords(64)));
    }

    @Test
    void theLargestEndCycleIsKeptEvenWhenEveryRecordEndsBeforeCycleZero() {
        byte[] file = TraceFixtures.bytesOf(header, List.of(TraceRecord.of(-30, 5, 0, 0, 1, 0), TraceRecord.of(-20, 2, 0, 0, 1, 0),
                TraceRecord.of(-19, 0, 0, 0, 1, 0)), TraceWriter.Options.DEFAULT);
        assertEquals(new TraceTotals(3, 1, -18), totals(file));
        byte[] earlierEnd = TraceFixtures.bytesOf(header, List.of(TraceRecord.of(0, 50, 0, 0, 1, 0), TraceRecord.of(1, 2, 0, 0, 1, 0)),
                TraceWriter.Options.DEFAULT);
        assertEquals(50, totals(earlierEnd).maxEndCycle());
        byte[] saturated = TraceFixtures.bytesOf(header, List.of(TraceRecord.of(Long.MAX_VALUE - 1, 9, 0, 0, 1, 0)),
                TraceWriter.Options.DEFAULT);
        assertEquals(Long.MAX_VALUE, totals(saturated).maxEndCycle());
    }

    @Test
    void aClosedWriterRefusesRecordsAndClosingTwiceIsHarmless() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TraceWriter w = TraceWriter.to(bytes, header, TraceWriter.Options.DEFAULT);
        w.write(TraceRecord.of(0, 1, 0, 0, 1, 0));
        assertEquals(1, w.recordCount());
        assertNull(w.path());
        w.close();
        int size = bytes.size();
        w.close();
        assertEquals(size, bytes.size());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(TraceRecord.of(1, 1, 0, 0, 1, 0)));
        assertEquals("trace stream is already closed", e.getMessage());
        TraceWriter file = TraceWriter.create(dir.resolve("t.xbt"), header);
        assertEquals(dir.resolve("t.xbt").toAbsolutePath(), file.path());
        file.close();
        assertThrows(IllegalStateException.class, () -> file.write(TraceRecord.of(1, 1, 0, 0, 1, 0)));
    }

    @Test
    void badRecordsAreNamedWithTheirNumber() {
        TraceWriter w = TraceWriter.to(new ByteArrayOutputStream(), header, TraceWriter.Options.DEFAULT);
        w.write(TraceRecord.of(5, 1, 0, 0, 1, 0));
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> w.write(TraceRecord.of(4, 1, 0, 0, 1, 0)));
        assertEquals("trace stream, record 1: record (startCycle 4, component 0) comes after (startCycle 5, component 0): records"
                + " must be ordered by start cycle, then component id", order.getMessage());
        TraceWriter v = TraceWriter.to(new ByteArrayOutputStream(), header, TraceWriter.Options.DEFAULT);
        assertEquals("trace stream, record 0: durationCycles must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> v.write(0, -1, 0, 0, 1, 0, 0)).getMessage());
        TraceWriter c = TraceWriter.to(new ByteArrayOutputStream(), header, TraceWriter.Options.DEFAULT);
        assertEquals("trace stream, record 0: count must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
                () -> c.write(0, 0, 0, 0, -1, 0, 0)).getMessage());
        // without the order check, earlier records may follow later ones
        TraceWriter any = TraceWriter.to(new ByteArrayOutputStream(), header, TraceWriter.Options.DEFAULT.withRequireOrder(false));
        any.write(TraceRecord.of(5, 1, 0, 0, 1, 0));
        any.write(TraceRecord.of(4, 1, 0, 0, 1, 0));
        assertEquals(2, any.recordCount());
    }
}
