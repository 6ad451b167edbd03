package org.xbarsim.trace;

import java.nio.charset.StandardCharsets;

/** Constants of the binary trace format, version 3 (docs/trace-format.md describes every byte). */
public final class TraceFormat {
    /** Name written into the JSON header's {@code format} field. */
    public static final String NAME = "xbarsim-trace";
    /**
     * The version this code writes. Version 3 adds each record's layer (and the header's layer
     * names); version 2 names actions by the vocabulary's keys ({@code convert}, {@code operate},
     * {@code transfer}, ...); version 1 used other names for the same actions ({@code drive},
     * {@code shift-add}, {@code send}, ...).
     */
    public static final int VERSION = 3;
    /** The oldest version this code reads: version-2 records read with no layer. */
    public static final int OLDEST_READ_VERSION = 2;
    /** First 8 bytes of every (uncompressed) trace: 0x89 then "XBTRACE". */
    static final byte[] MAGIC = {(byte) 0x89, 'X', 'B', 'T', 'R', 'A', 'C', 'E'};
    /** Last 8 bytes of a complete trace. */
    static final byte[] END_MAGIC = {'X', 'B', 'T', 'E', 'N', 'D', '\r', '\n'};
    static final int TAG_BLOCK = 'B';
    static final int TAG_END = 'E';
    /** Fixed part before the JSON header: magic, u16 version, u16 flags, u32 header length. */
    static final int PREAMBLE_BYTES = 16;
    /** Block framing around the payload: tag, u32 count, u32 length ... u32 crc. */
    static final int BLOCK_OVERHEAD_BYTES = 13;
    /** End marker: tag, u64 records, u64 blocks, i64 max end cycle, u32 crc, end magic. */
    static final int END_BYTES = 1 + 8 + 8 + 8 + 4 + 8;
    /** Largest JSON header a reader accepts (guards against a corrupt length). */
    static final int MAX_HEADER_BYTES = 256 << 20;
    /** Largest block payload a reader accepts (guards against a corrupt length). */
    static final int MAX_BLOCK_BYTES = 64 << 20;
    /** Default target payload size of one block. */
    public static final int DEFAULT_BLOCK_BYTES = 64 << 10;
    /** A record is at most this long: 7 varints of up to 10 bytes plus the optional argument. */
    static final int MAX_RECORD_BYTES = 8 * 10;
    /** File name extensions xbarsim uses: plain and gzip-compressed. */
    public static final String EXTENSION = ".xbt";
    public static final String GZIP_EXTENSION = ".xbt.gz";

    private TraceFormat() {
    }

    static String describeMagic(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s + " (\"" + new String(b, 0, n, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", ".") + "\")";
    }
}
