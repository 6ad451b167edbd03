package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRoundTripTest {
    @TempDir
    Path dir;

    private static List<TraceRecord> readAll(Path file) {
        try (TraceReader r = TraceReader.open(file)) {
            List<TraceRecord> out = new ArrayList<>();
            r.forEach(out::add);
            return out;
        }
    }

    private static List<TraceRecord> extremeRecords() {
        // out of order on purpose: the format takes any order when the check is off
        return List.of(
                new TraceRecord(0, 0, 0, 0, 0, 0, 0),
                new TraceRecord(Long.MAX_VALUE, 0, 10, 6, Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE),
                new TraceRecord(Long.MIN_VALUE, Long.MAX_VALUE, 3, 1, 1, Integer.MIN_VALUE, Long.MIN_VALUE),
                new TraceRecord(-1, 1, 1, 2, 128, -1, -1),
                new TraceRecord(Long.MAX_VALUE, Long.MAX_VALUE, 10, 0, 0, TraceRecord.NO_IMAGE, 1),
                new TraceRecord(42, 7, 5, 3, 1L << 40, 7, 1L << 62),
                new TraceRecord(41, 7, 4, 3, 1, 6, 0));
    }

    @Test
    void extremeValuesRoundTripInPlainAndGzipFiles() {
        TraceHeader h = TraceFixtures.smallHeader();
        for (boolean gzip : new boolean[] {false, true}) {
            Path file = dir.resolve("extreme" + gzip + ".xbt");
            TraceWriter.Options o = TraceWriter.Options.DEFAULT.withGzip(gzip).withRequireOrder(false);
            try (TraceWriter w = TraceWriter.create(file, h, o)) {
                extremeRecords().forEach(w::write);
            }
            assertEquals(extremeRecords(), readAll(file));
            try (TraceReader r = TraceReader.open(file)) {
                assertEquals(h, r.header());
                r.forEach(x -> { });
                assertEquals(new TraceTotals(7, 1, Long.MAX_VALUE), r.totals());
            }
        }
    }

    @Test
    void layersRoundTripWithTheirNamesAndExtremeIndices() {
        TraceHeader small = TraceFixtures.smallHeader();
        TraceHeader h = new TraceHeader(small.model(), small.config(), small.clockGhz(), small.windowCycles(), small.attributes(),
                small.components(), small.actions(), List.of("conv1", "conv2", "fc"));
        List<TraceRecord> records = List.of(
                new TraceRecord(1, 2, 0, 0, 3, 0, 0, 0),
                new TraceRecord(1, 2, 1, 0, 3, 0, 9, 2),
                new TraceRecord(2, 0, 1, 1, 3, 1, 0, TraceRecord.NO_LAYER),
                new TraceRecord(3, 0, 3, 1, 3, 1, 0, Integer.MAX_VALUE),
                new TraceRecord(3, 0, 4, 1, 3, 1, 0, Integer.MIN_VALUE));
        Path file = dir.resolve("layers.xbt");
        try (TraceWriter w = TraceWriter.create(file, h)) {
            records.forEach(w::write);
        }
        try (TraceReader r = TraceReader.open(file)) {
            assertEquals(h, r.header());
            assertEquals(records, r.stream().toList());
            assertEquals("fc", r.header().layerName(2));
            assertNull(r.header().layerName(TraceRecord.NO_LAYER));
        }
    }

    @Test
    void aVersion2TraceStillReadsWithNoLayers() throws Exception {
        TraceHeader h = TraceFixtures.smallHeader();
        List<TraceRecord> records = TraceFixtures.realisticRecords(h, 2_000, 3);
        Path file = dir.resolve("v2.xbt");
        try (TraceWriter w = TraceWriter.create(file, h, TraceWriter.Options.DEFAULT.withVersion(2))) {
            // a version-2 file has no room for a layer: what a writer is given is dropped
            records.forEach(x -> w.write(new TraceRecord(x.startCycle(), x.durationCycles(), x.component(), x.action(), x.count(),
                    x.image(), x.arg(), 5)));
        }
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(2, ((bytes[8] & 0xff) << 8) | (bytes[9] & 0xff));
        assertFalse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("\"layers\""));
        try (TraceReader r = TraceReader.open(file)) {
            assertEquals(h, r.header());
            assertEquals(records, r.stream().toList());
            assertTrue(r.header().layers().isEmpty());
        }
    }

    @Test
    void manyBlocksRoundTripAndHeaderComesBackEqual() {
        TraceHeader h = TraceFixtures.smallHeader();
        List<TraceRecord> records = TraceFixtures.realisticRecords(h, 50_000, 7);
        Path file = dir.resolve("many.xbt");
        try (TraceWriter w = TraceWriter.create(file, h, TraceWriter.Options.DEFAULT.withBlockBytes(1024))) {
            records.forEach(w::write);
            assertEquals(50_000, w.recordCount());
        }
        try (TraceReader r = TraceReader.open(file)) {
            assertEquals(h, r.header());
            List<TraceRecord> back = r.stream().toList();
            assertEquals(records, back);
            assertTrue(r.totals().blocks() > 100, "small blocks give many blocks: " + r.totals());
            assertEquals(records.stream().mapToLong(TraceRecord::endCycle).max().orElseThrow(), r.totals().maxEndCycle());
        }
    }

    @Test
    void emptyTraceHasHeaderAndZeroTotals() {
        TraceHeader h = TraceFixtures.smallHeader();
        Path file = dir.resolve("empty.xbt");
        TraceWriter.create(file, h).close();
        try (TraceReader r = TraceReader.open(file)) {
            assertNull(r.next());
            assertEquals(new TraceTotals(0, 0, 0), r.totals());
        }
    }

    @Test
    void sameRecordsGiveSameBytesPlainAndGzip() {
        TraceHeader h = TraceFixtures.smallHeader();
        List<TraceRecord> records = TraceFixtures.realisticRecords(h, 20_000, 3);
        for (boolean gzip : new boolean[] {false, true}) {
            TraceWriter.Options o = TraceWriter.Options.DEFAULT.withGzip(gzip);
            byte[] a = TraceFixtures.bytesOf(h, records, o);
            byte[] b = TraceFixtures.bytesOf(h, records, o);
            assertArrayEquals(a, b);
            List<TraceRecord> other = new ArrayList<>(records);
            other.set(100, new TraceRecord(other.get(100).startCycle(), other.get(100).durationCycles(),
                    other.get(100).component(), other.get(100).action(), other.get(100).count() + 1,
                    other.get(100).image(), other.get(100).arg()));
            assertFalse(java.util.Arrays.equals(a, TraceFixtures.bytesOf(h, other, o)), "one changed count changes the bytes");
        }
    }

    @Test
    void fileWrittenThroughPathEqualsStreamBytesAndGzipHeaderIsFixed() throws Exception {
        TraceHeader h = TraceFixtures.smallHeader();
        List<TraceRecord> records = TraceFixtures.realisticRecords(h, 1000, 5);
        Path file = dir.resolve("t.xbt.gz");
        try (TraceWriter w = TraceWriter.create(file, h, TraceWriter.Options.DEFAULT.withGzip(true))) {
            records.forEach(w::write);
        }
        byte[] onDisk = Files.readAllBytes(file);
        assertArrayEquals(TraceFixtures.bytesOf(h, records, TraceWriter.Options.DEFAULT.withGzip(true)), onDisk);
        assertEquals(0x1f, onDisk[0] & 0xff);
        assertEquals(0x8b, onDisk[1] & 0xff);
        assertEquals(0, onDisk[3], "no gzip flags (no file name)");
        assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(onDisk, 4, 8), "gzip mtime is 0");
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(onDisk), "mem")) {
            assertEquals(records, r.stream().toList());
        }
    }

    @Test
    void writerFileAppearsOnlyAtCloseAndNotAfterAbortOrBadRecord() throws Exception {
        TraceHeader h = TraceFixtures.smallHeader();
        Path file = dir.resolve("late.xbt");
        TraceWriter w = TraceWriter.create(file, h);
        w.write(TraceRecord.of(0, 1, 0, 0, 1, 0));
        assertFalse(Files.exists(file), "not at the target before close");
        assertEquals(1, countFiles(), "one temporary file beside it");
        w.close();
        assertTrue(Files.exists(file));
        assertEquals(1, countFiles());

        Path aborted = dir.resolve("aborted.xbt");
        TraceWriter a = TraceWriter.create(aborted, h);
        a.write(TraceRecord.of(0, 1, 0, 0, 1, 0));
        a.abort();
        assertFalse(Files.exists(aborted));
        assertEquals(1, countFiles(), "abort leaves no temporary file");

        Path bad = dir.resolve("bad.xbt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (TraceWriter b = TraceWriter.create(bad, h)) {
                b.write(TraceRecord.of(10, 1, 0, 0, 1, 0));
                b.write(TraceRecord.of(9, 1, 0, 0, 1, 0));
            }
        });
        assertTrue(e.getMessage().contains("records must be ordered by start cycle, then component id"), e.getMessage());
        assertFalse(Files.exists(bad), "a failed write never commits the file");
        assertEquals(1, countFiles());
    }

    @Test
    void traceFileHasTheUsualPermissionsNotOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path control = Files.createFile(dir.resolve("control"));
        Path file = dir.resolve("perm.xbt");
        TraceWriter.create(file, TraceFixtures.smallHeader()).close();
        assertEquals(Files.getPosixFilePermissions(control), Files.getPosixFilePermissions(file));
    }

    @Test
    void writerRejectsIdsOutsideTheDictionaryAndTiesOrderedByComponent() {
        TraceHeader h = TraceFixtures.smallHeader();
        TraceWriter w = TraceWriter.to(new java.io.ByteArrayOutputStream(), h, TraceWriter.Options.DEFAULT);
        w.write(TraceRecord.of(5, 1, 3, 0, 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.write(TraceRecord.of(5, 1, 2, 0, 1, 0)));
        assertTrue(e.getMessage().contains("component 2) comes after (startCycle 5, component 3)"), e.getMessage());
        TraceWriter w2 = TraceWriter.to(new java.io.ByteArrayOutputStream(), h, TraceWriter.Options.DEFAULT);
        e = assertThrows(IllegalArgumentException.class, () -> w2.write(TraceRecord.of(5, 1, 99, 0, 1, 0)));
        assertTrue(e.getMessage().contains("component id 99 is not in the header"), e.getMessage());
        TraceWriter w3 = TraceWriter.to(new java.io.ByteArrayOutputStream(), h, TraceWriter.Options.DEFAULT);
        e = assertThrows(IllegalArgumentException.class, () -> w3.write(TraceRecord.of(5, 1, 0, 7, 1, 0)));
        assertTrue(e.getMessage().contains("action id 7 is not in the header"), e.getMessage());
    }

    @Test
    void headerValidationNamesTheDuplicate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            TraceHeader.Builder b = TraceHeader.builder("m", "c", 1.0);
            b.component("tile0/adc0", "adc", 0);
            b.component("tile0/adc0", "adc", 0);
            b.build();
        });
        assertTrue(e.getMessage().contains("'tile0/adc0' is used twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TraceComponent(0, "x", "Shift_Add", 0));
        assertTrue(e.getMessage().contains("kebab-case"), e.getMessage());
        assertNotEquals(0, TraceHeader.builder("m", "c", 1.0).action("read") + 1);
    }

    private long countFiles() throws Exception {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }
}
