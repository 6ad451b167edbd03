package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Files whose checksums are right but whose structure is not: blocks and end markers put together
 * by hand, so the reader's own checks (not the checksums) must catch each problem.
 */
class TraceStructureTest {
    private final TraceHeader header = new TraceHeader("m", "c", 1, 0, new java.util.TreeMap<>(),
            List.of(new TraceComponent(0, "tile0/xbar0", "crossbar", 0), new TraceComponent(1, "tile0/adc0", "adc", 0)),
            List.of(new TraceAction(0, "read"), new TraceAction(1, "convert")));

    /** Preamble, JSON header and its checksum, as the writer makes them. */
    private byte[] head() {
        byte[] empty = TraceFixtures.bytesOf(header, List.of(), TraceWriter.Options.DEFAULT);
        return Arrays.copyOf(empty, empty.length - TraceFormat.END_BYTES);
    }

    private static byte[] varints(long... values) {
        byte[] b = new byte[values.length * 10];
        int p = 0;
        for (long v : values) {
            p = Varints.put(b, p, v);
        }
        return Arrays.copyOf(b, p);
    }

    /** One version-3 record without argument: start, component, action, duration, count, image, layer (first of a block). */
    private static byte[] record(long start, long component, long action, long duration, long count, long image, long layer) {
        return varints(Varints.zigzag(start), Varints.zigzag(component), action << 1, duration, count, Varints.zigzag(image),
                Varints.zigzag(layer));
    }

    private static byte[] block(long count, long length, byte[] payload) {
        byte[] b = new byte[9 + payload.length + 4];
        b[0] = (byte) TraceFormat.TAG_BLOCK;
        TraceWriter.putInt(b, 1, (int) count);
        TraceWriter.putInt(b, 5, (int) length);
        System.arraycopy(payload, 0, b, 9, payload.length);
        CRC32 crc = new CRC32();
        crc.update(b, 0, 9 + payload.length);
        TraceWriter.putInt(b, 9 + payload.length, (int) crc.getValue());
        return b;
    }

    private static byte[] block(long count, byte[] payload) {
        return block(count, payload.length, payload);
    }

    private static byte[] end(long records, long blocks, long maxEnd, byte[] magic) {
        byte[] b = new byte[TraceFormat.END_BYTES];
        b[0] = (byte) TraceFormat.TAG_END;
        TraceWriter.putInt(b, 1, (int) (records >>> 32));
        TraceWriter.putInt(b, 5, (int) records);
        TraceWriter.putInt(b, 9, (int) (blocks >>> 32));
        TraceWriter.putInt(b, 13, (int) blocks);
        TraceWriter.putInt(b, 17, (int) (maxEnd >>> 32));
        TraceWriter.putInt(b, 21, (int) maxEnd);
        CRC32 crc = new CRC32();
        crc.update(b, 0, 25);
        TraceWriter.putInt(b, 25, (int) crc.getValue());
        System.arraycopy(magic, 0, b, 29, 8);
        return b;
    }

    private static byte[] end(long records, long blocks, long maxEnd) {
        return end(records, blocks, maxEnd, TraceFormat.END_MAGIC);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<TraceRecord> read(byte[] file) {
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file), "hand.xbt")) {
            List<TraceRecord> out = new ArrayList<>();
            r.forEach(out::add);
            return out;
        }
    }

    private static String problem(byte[] file) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(file));
        return e.getMessage();
    }

    @Test
    void aHandMadeFileReadsBack() {
        byte[] one = record(7, 1, 1, 3, 2, 1, -1);
        byte[] file = concat(head(), block(1, one), end(1, 1, 10));
        assertEquals(List.of(new TraceRecord(7, 3, 1, 1, 2, 1, 0, -1)), read(file));
        assertEquals(List.of(), read(concat(head(), end(0, 0, 0))));
        assertEquals(List.of(), read(concat(head(), end(0, 0, 99))), "an empty trace's max end cycle is not checked");
    }

    @Test
    void aBlockHeaderThatCannotBeTrueIsRefused() {
        byte[] one = record(7, 1, 1, 3, 2, 1, 0);
        int at = head().length;
        assertEquals("hand.xbt: byte " + at + ": block header claims 0 records in " + one.length
                + " bytes, which is impossible (damaged file?)", problem(concat(head(), block(0, one), end(0, 1, 0))));
        byte[] two = {0, 0};
        assertTrue(problem(concat(head(), block(3, two), end(3, 1, 0))).endsWith("block header claims 3 records in 2 bytes,"
                + " which is impossible (damaged file?)"));
        // as many records as bytes passes the header check (the records themselves are then too short)
        assertFalse(problem(concat(head(), block(2, two), end(2, 1, 0))).contains("impossible"));
        assertTrue(problem(concat(head(), block(1, (64 << 20) + 1, new byte[0]))).contains("claims 1 records in 67108865 bytes"));
    }

    @Test
    void bytesLeftAfterTheLastRecordOrARecordPastTheBlockEndAreRefused() {
        byte[] one = record(7, 1, 1, 3, 2, 1, 0);
        int payloadAt = head().length + 9;
        byte[] longer = Arrays.copyOf(one, one.length + 2);
        assertEquals("hand.xbt: byte " + (payloadAt + one.length) + ": block starting at byte " + head().length
                + " has 2 bytes left after its last record", problem(concat(head(), block(1, longer), end(1, 1, 10))));
        byte[] shorter = Arrays.copyOf(one, one.length - 1);
        assertEquals("hand.xbt: byte " + (payloadAt + shorter.length) + ": record runs past the end of its block (damaged file?)",
                problem(concat(head(), block(1, shorter), end(1, 1, 10))));
    }

    @Test
    void aVarintOfMoreThanTenBytesIsRefused() {
        byte[] ten = new byte[12];
        Arrays.fill(ten, 0, 10, (byte) 0x80);
        assertTrue(problem(concat(head(), block(1, ten), end(1, 1, 0))).endsWith("byte " + (head().length + 9 + 10)
                + ": varint longer than 10 bytes (damaged file?)"));
        // a start cycle of Long.MIN_VALUE takes exactly ten bytes and reads back
        assertEquals(10, varints(Varints.zigzag(Long.MIN_VALUE)).length);
        assertEquals(Long.MIN_VALUE, read(concat(head(), block(1, record(Long.MIN_VALUE, 0, 0, 0, 1, 0, 0)),
                end(1, 1, Long.MIN_VALUE))).get(0).startCycle());
    }

    @Test
    void componentsAndActionsOutsideTheHeaderAreNamed() {
        int recordAt = head().length + 9;
        assertEquals("hand.xbt: byte " + recordAt + ": record 0 names component 2, which is not in the header",
                problem(concat(head(), block(1, record(7, 2, 1, 3, 2, 1, 0)), end(1, 1, 10))));
        assertTrue(problem(concat(head(), block(1, record(7, -1, 1, 3, 2, 1, 0)), end(1, 1, 10)))
                .endsWith("record 0 names component -1, which is not in the header"));
        assertTrue(problem(concat(head(), block(1, record(7, 1L << 31, 1, 3, 2, 1, 0)), end(1, 1, 10)))
                .endsWith("record 0 names component 2147483648, which is not in the header"));
        assertEquals("hand.xbt: byte " + recordAt + ": record 0 names action 2, which is not in the header",
                problem(concat(head(), block(1, record(7, 1, 2, 3, 2, 1, 0)), end(1, 1, 10))));
        assertTrue(problem(concat(head(), block(1, record(7, 1, 1L << 31, 3, 2, 1, 0)), end(1, 1, 10)))
                .endsWith("record 0 names action 2147483648, which is not in the header"));
        assertTrue(problem(concat(head(), block(1, record(7, 1, 1, -1, 2, 1, 0)), end(1, 1, 10)))
                .endsWith("record 0 has a negative duration or count"));
        assertTrue(problem(concat(head(), block(1, record(7, 1, 1, 3, -1, 1, 0)), end(1, 1, 10)))
                .endsWith("record 0 has a negative duration or count"));
    }

    @Test
    void anEndMarkerThatDisagreesWithTheRecordsIsRefused() {
        byte[] b = block(2, concat(record(0, 0, 0, 10, 1, 0, 0), varints(Varints.zigzag(2), 0, 0, 3, 1, 0, 0)));
        int endAt = head().length + b.length;
        assertEquals(2, read(concat(head(), b, end(2, 1, 10))).size(), "the later record ends first: max end is 10");
        assertEquals("hand.xbt: byte " + endAt + ": end marker counts 3 records in 1 blocks but the file holds 2 records in 1 blocks",
                problem(concat(head(), b, end(3, 1, 10))));
        assertTrue(problem(concat(head(), b, end(2, 2, 10))).endsWith("end marker counts 2 records in 2 blocks but the file holds"
                + " 2 records in 1 blocks"));
        assertEquals("hand.xbt: byte " + endAt + ": end marker max end cycle 5 disagrees with the records (10)",
                problem(concat(head(), b, end(2, 1, 5))));
        byte[] magic = TraceFormat.END_MAGIC.clone();
        magic[7] = 'X';
        assertTrue(problem(concat(head(), b, end(2, 1, 10, magic))).endsWith(": bad end magic 584254454e440d58 (\"XBTEND.X\")"));
    }

    @Test
    void aByteThatIsNeitherABlockNorAnEndIsNamed() {
        assertEquals("hand.xbt: byte " + head().length + ": expected a block ('B') or end marker ('E') but found byte 0x58"
                + " (damaged file?)", problem(concat(head(), new byte[] {'X'})));
    }

    @Test
    void flagsAHugeHeaderLengthAndAShortMagicAreNamedBeforeAnyChecksum() {
        byte[] flags = head();
        flags[11] = 2;
        assertEquals("hand.xbt: byte 10: unsupported flags 0x2 (version 3 defines none)", problem(flags));
        byte[] huge = head();
        TraceWriter.putInt(huge, 12, (256 << 20) + 1);
        assertEquals("hand.xbt: byte 12: header length 268435457 is impossible (damaged file?)", problem(huge));
        assertEquals("hand.xbt: byte 3: truncated: the file ends inside the magic number",
                problem(Arrays.copyOf(TraceFormat.MAGIC, 3)));
        assertTrue(problem(new byte[0]).startsWith("hand.xbt: byte 0: not an xbarsim trace: wrong magic number"));
        assertTrue(problem(new byte[] {(byte) 0x89, 'X', 'Y'}).contains("wrong magic number"));
    }

    @Test
    void theIteratorStopsAfterTheLastRecordAndTotalsAppearOnlyThen() {
        byte[] file = concat(head(), block(1, record(7, 1, 1, 3, 2, 1, 0)), end(1, 1, 10));
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file), "hand.xbt")) {
            assertNull(r.totals());
            Iterator<TraceRecord> it = r.iterator();
            assertTrue(it.hasNext());
            assertTrue(it.hasNext(), "asking twice does not skip a record");
            assertEquals(7, it.next().startCycle());
            assertEquals(1, r.recordsRead());
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
            assertEquals(new TraceTotals(1, 1, 10), r.totals());
            assertNull(r.next(), "still nothing after the end");
        }
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file), "hand.xbt")) {
            assertEquals(List.of(7L), r.stream().map(TraceRecord::startCycle).toList());
        }
    }
    @Test
    void aDamagedOrCutGzipHeaderIsNamed() {
        assertEquals("hand.xbt: byte 0: truncated: the file ends inside the gzip header", problem(new byte[] {0x1f, (byte) 0x8b}));
        assertTrue(problem(new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0}).startsWith("hand.xbt: byte 0: damaged gzip header: "));
        // a plain file that happens to start with 0x1f but not 0x8b is read as plain (and has the wrong magic)
        assertTrue(problem(new byte[] {0x1f, 0, 0, 0, 0, 0, 0, 0}).contains("wrong magic number"));
    }
    @Test
    void theHighBytesOfTheVersionAndTheFlagsCount() {
        byte[] version = head();
        version[8] = 1; // version 259
        assertTrue(problem(version).endsWith("byte 8: unsupported trace format version 259; this xbarsim reads versions 2 and 3"));
        byte[] flags = head();
        flags[10] = 1;
        assertEquals("hand.xbt: byte 10: unsupported flags 0x100 (version 3 defines none)", problem(flags));
    }
}
