package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCorruptionTest {
    @TempDir
    Path dir;
    private TraceHeader header;
    private byte[] good;
    private int headerLength;

    @BeforeEach
    void writeGoodTrace() {
        header = TraceFixtures.smallHeader();
        List<TraceRecord> records = TraceFixtures.realisticRecords(header, 300, 11);
        good = TraceFixtures.bytesOf(header, records, TraceWriter.Options.DEFAULT.withBlockBytes(256));
        headerLength = ((good[12] & 0xff) << 24) | ((good[13] & 0xff) << 16) | ((good[14] & 0xff) << 8) | (good[15] & 0xff);
    }

    private TraceFormatException readFails(byte[] bytes, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return assertThrows(TraceFormatException.class, () -> {
            try (TraceReader r = TraceReader.open(file)) {
                r.forEach(x -> { });
            }
        });
    }

    @Test
    void wrongMagicIsNamedWithFileAndOffset() throws Exception {
        byte[] b = "{\"not\": \"a trace\"}".getBytes();
        TraceFormatException e = readFails(b, "report.json");
        assertTrue(e.getMessage().startsWith(dir.resolve("report.json") + ": byte 0: not an xbarsim trace: wrong magic number"),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected 8958425452414345 (\".XBTRACE\")"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void unsupportedVersionIsNamed() throws Exception {
        byte[] b = good.clone();
        b[9] = 4;
        TraceFormatException e = readFails(b, "v4.xbt");
        assertTrue(e.getMessage().endsWith("byte 8: unsupported trace format version 4; this xbarsim reads versions 2 and 3"),
                e.getMessage());
        b[9] = 1;
        e = readFails(b, "v1.xbt");
        assertTrue(e.getMessage().endsWith("byte 8: unsupported trace format version 1; this xbarsim reads versions 2 and 3"
                + " (version 1 named actions differently; simulate again to write this version)"), e.getMessage());
    }

    @Test
    void truncationAtAnyOffsetIsDetectedAndSaysTruncated() throws Exception {
        // every prefix: inside the magic, preamble, header, a block header, a payload, a checksum,
        // between blocks, inside the end marker and the end magic
        for (int len = 1; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            TraceFormatException e = assertThrows(TraceFormatException.class, () -> {
                try (TraceReader r = TraceReader.open(new java.io.ByteArrayInputStream(cut), "cut.xbt")) {
                    r.forEach(x -> { });
                }
            });
            assertTrue(e.getMessage().contains("truncated"), "prefix of " + len + " bytes: " + e.getMessage());
            assertTrue(e.offset() <= len, "offset " + e.offset() + " within the " + len + " bytes present");
        }
    }

    @Test
    void truncationAtBlockBoundarySaysTheWriterWasNotClosed() throws Exception {
        // cut right before the end marker: the blocks are all intact
        int cut = good.length - TraceFormat.END_BYTES;
        TraceFormatException e = readFails(Arrays.copyOf(good, cut), "unclosed.xbt");
        assertTrue(e.getMessage().endsWith("byte " + cut + ": truncated: the file ends after "
                + countBlocks() + " blocks (300 records) without an end marker; the writer was not closed"), e.getMessage());
    }

    @Test
    void flippedPayloadByteGivesChecksumErrorWithOffset() throws Exception {
        int firstBlock = TraceFormat.PREAMBLE_BYTES + headerLength + 4;
        byte[] b = good.clone();
        b[firstBlock + 9 + 20] ^= 0x10;
        TraceFormatException e = readFails(b, "flip.xbt");
        assertTrue(e.getMessage().contains("bad checksum of the block 0 (starting at byte " + firstBlock + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("(damaged file)"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("flip.xbt") + ": byte "), e.getMessage());
    }

    @Test
    void damageIsPlacedAtTheByteWhereItWasFound() throws Exception {
        int firstBlock = TraceFormat.PREAMBLE_BYTES + headerLength + 4;
        int length = ((good[firstBlock + 5] & 0xff) << 24) | ((good[firstBlock + 6] & 0xff) << 16)
                | ((good[firstBlock + 7] & 0xff) << 8) | (good[firstBlock + 8] & 0xff);
        byte[] b = good.clone();
        b[firstBlock + 9 + 20] ^= 0x10;
        // a block's checksum error points at its checksum, after the 9-byte block header and the payload
        assertEquals(firstBlock + 9 + length, readFails(b, "payload.xbt").offset());
        int end = good.length - TraceFormat.END_BYTES;
        b = good.clone();
        b[end + 3] ^= 0x01;
        // the end marker's checksum follows its tag and three 8-byte fields
        assertEquals(end + 25, readFails(b, "end.xbt").offset());
        b = good.clone();
        b[good.length - 1] ^= 0x01;
        TraceFormatException magic = readFails(b, "magic.xbt");
        assertEquals(end + 29, magic.offset(), magic.getMessage());
        assertTrue(magic.getMessage().contains("bad end magic"), magic.getMessage());
        // cut 4 bytes into a block header: 4 of its 8 bytes after the tag are missing
        TraceFormatException cut = readFails(Arrays.copyOf(good, firstBlock + 5), "cut.xbt");
        assertTrue(cut.getMessage().endsWith("byte " + (firstBlock + 5)
                + ": truncated: the file ends inside a block header (4 of 8 bytes missing)"), cut.getMessage());
    }

    @Test
    void flippedHeaderByteGivesHeaderChecksumError() throws Exception {
        byte[] b = good.clone();
        b[TraceFormat.PREAMBLE_BYTES + 5] ^= 0x01;
        TraceFormatException e = readFails(b, "flip-header.xbt");
        assertTrue(e.getMessage().contains("bad checksum of the header"), e.getMessage());
        assertEquals(TraceFormat.PREAMBLE_BYTES + headerLength, e.offset());
    }

    @Test
    void everySingleFlippedByteIsCaughtAndNeverReadsSilently() throws Exception {
        for (int i = 0; i < good.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] b = good.clone();
                b[i] ^= (byte) bit;
                try (TraceReader r = TraceReader.open(new java.io.ByteArrayInputStream(b), "mem")) {
                    r.forEach(x -> { });
                    fail("flipping bit " + bit + " of byte " + i + " went unnoticed");
                } catch (TraceFormatException expected) {
                    assertTrue(expected.getMessage().startsWith("mem: byte "), expected.getMessage());
                }
            }
        }
    }

    @Test
    void aHeaderWithAValidChecksumButWrongContentNamesTheField() throws Exception {
        byte[] json = "{\"format\":\"something-else\",\"version\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = new byte[16 + json.length + 4];
        System.arraycopy(good, 0, b, 0, 12);
        TraceWriter.putInt(b, 12, json.length);
        System.arraycopy(json, 0, b, 16, json.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 0, 16 + json.length);
        TraceWriter.putInt(b, 16 + json.length, (int) crc.getValue());
        TraceFormatException e = readFails(b, "odd.xbt");
        assertTrue(e.getMessage().endsWith("byte 16: header field 'format' is 'something-else', expected 'xbarsim-trace'"),
                e.getMessage());
    }

    @Test
    void trailingGarbageAfterTheEndIsReported() throws Exception {
        byte[] b = Arrays.copyOf(good, good.length + 1);
        TraceFormatException e = readFails(b, "trailing.xbt");
        assertTrue(e.getMessage().endsWith("byte " + good.length + ": unexpected bytes after the end marker"), e.getMessage());
    }

    @Test
    void truncatedGzipFileSaysTruncated() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(good);
        }
        byte[] all = gz.toByteArray();
        for (int len : new int[] {5, all.length / 3, all.length / 2, all.length - 9, all.length - 1}) {
            TraceFormatException e = readFails(Arrays.copyOf(all, len), "cut.xbt.gz");
            assertTrue(e.getMessage().contains("truncated"), len + ": " + e.getMessage());
        }
    }

    @Test
    void missingFileIsAUserError() {
        var e = assertThrows(org.xbarsim.UserInputException.class, () -> TraceReader.open(dir.resolve("nope.xbt")));
        assertTrue(e.getMessage().endsWith("nope.xbt: trace file not found"), e.getMessage());
    }

    private long countBlocks() {
        try (TraceReader r = TraceReader.open(new java.io.ByteArrayInputStream(good), "mem")) {
            r.forEach(x -> { });
            return r.totals().blocks();
        }
    }
}
