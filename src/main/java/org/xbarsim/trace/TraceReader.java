package org.xbarsim.trace;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the records of a trace file back, one block in memory at a time, so files of any size
 * can be read. Plain and gzip-compressed files are recognised by their first bytes.
 *
 * <p>Every problem is a {@link TraceFormatException} naming the file and the byte offset (in the
 * uncompressed stream): wrong magic, unsupported version, a truncated file (including one whose
 * end marker is missing, i.e. a writer that never closed), a bad checksum, or an end marker whose
 * totals disagree with the records read. The reader does not require records to be in any order.
 * Records are only handed out from blocks whose checksum has been verified; the end marker is
 * checked when {@link #next()} first returns null.
 */
public final class TraceReader implements AutoCloseable, Iterable<TraceRecord> {
    private final String source;
    private final InputStream in;
    private final TraceHeader header;
    private final TraceDictionary dictionary;
    private final CRC32 crc = new CRC32();
    private final byte[] fixed = new byte[32];
    private long offset;
    private byte[] payload = new byte[0];
    private int payloadLength;
    private int pos;
    private long payloadOffset;
    private int remainingInBlock;
    private long blockStartOffset;
    private long prevStart;
    private int prevComponent;
    private int prevImage;
    private int prevLayer;
    private int version;
    private long records;
    private long blocks;
    private long maxEndCycle;
    private TraceTotals totals;

    private TraceReader(InputStream in, String source, TraceHeader written) {
        this.source = source;
        this.in = in;
        this.header = readPreamble(written);
        this.dictionary = header.dictionary();
    }

    /** Opens a trace file; the header is read and checked at once. */
    public static TraceReader open(Path file) {
        return open(file, null);
    }

    /**
     * Opens a trace file that this process wrote with the header {@code written} (not null), which is
     * then taken as the file's header instead of parsing it back (when the file has the current format
     * version): the preamble and the header's checksum are still checked, as are the records.
     */
    public static TraceReader openWritten(Path file, TraceHeader written) {
        return open(file, java.util.Objects.requireNonNull(written, "written"));
    }

    private static TraceReader open(Path file, TraceHeader written) {
        InputStream raw;
        if (Files.exists(file)) {
            org.xbarsim.io.InputFiles.check(file, "trace file", org.xbarsim.io.InputFiles.MAX_TRACE_BYTES);
        }
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new org.xbarsim.UserInputException(file + ": trace file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open trace " + file + ": " + e.getMessage(), e);
        }
        try {
            return open(raw, file.toString(), written);
        } catch (RuntimeException e) {
            try {
                raw.close();
            } catch (IOException ignored) {
                // report the original problem
            }
            throw e;
        }
    }

    /** Reads a trace from a stream; {@code source} names it in messages. Closing the reader closes the stream. */
    public static TraceReader open(InputStream raw, String source) {
        return open(raw, source, null);
    }

    private static TraceReader open(InputStream raw, String source, TraceHeader written) {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        InputStream in = buffered;
        try {
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                in = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
            }
        } catch (ZipException e) {
            throw new TraceFormatException(source, 0, "damaged gzip header: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new TraceFormatException(source, 0, "truncated: the file ends inside the gzip header", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + source + ": " + e.getMessage(), e);
        }
        return new TraceReader(in, source, written);
    }

    public TraceHeader header() {
        return header;
    }

    /** The next record, or null after the last one (once the end marker has been verified). */
    public TraceRecord next() {
        if (remainingInBlock == 0) {
            if (totals != null || !nextBlock()) {
                return null;
            }
        }
        return decodeRecord();
    }

    /** Hands every remaining record to {@code action}, in file order. */
    @Override
    public void forEach(Consumer<? super TraceRecord> action) {
        for (TraceRecord r = next(); r != null; r = next()) {
            action.accept(r);
        }
    }

    /** A one-shot iterator over the remaining records. */
    @Override
    public Iterator<TraceRecord> iterator() {
        return new Iterator<>() {
            private TraceRecord ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    ahead = TraceReader.this.next();
                }
                return ahead != null;
            }

            @Override
            public TraceRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TraceRecord r = ahead;
                ahead = null;
                return r;
            }
        };
    }

    /** The remaining records as a sequential stream. */
    public Stream<TraceRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The end marker's totals, once all records have been read; null before. */
    public TraceTotals totals() {
        return totals;
    }

    /** Records handed out so far. */
    public long recordsRead() {
        return records;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close trace " + source + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ structure

    private TraceHeader readPreamble(TraceHeader written) {
        byte[] pre = new byte[TraceFormat.PREAMBLE_BYTES];
        int n = readUpTo(pre, 0, 8);
        if (n < 8 || !Arrays.equals(Arrays.copyOf(pre, 8), TraceFormat.MAGIC)) {
            if (n < 8 && Arrays.equals(Arrays.copyOf(pre, n), Arrays.copyOf(TraceFormat.MAGIC, n)) && n > 0) {
                throw fail(n, "truncated: the file ends inside the magic number");
            }
            throw fail(0, "not an xbarsim trace: wrong magic number " + TraceFormat.describeMagic(pre, n)
                    + ", expected " + TraceFormat.describeMagic(TraceFormat.MAGIC, 8));
        }
        readFully(pre, 8, 8, "the file preamble");
        version = ((pre[8] & 0xff) << 8) | (pre[9] & 0xff);
        if (version != TraceFormat.VERSION && version != TraceFormat.OLDEST_READ_VERSION) {
            throw fail(8, "unsupported trace format version " + version + "; this xbarsim reads versions "
                    + TraceFormat.OLDEST_READ_VERSION + " and " + TraceFormat.VERSION + (version == 1 ? " (version 1 named actions differently; simulate again to"
                    + " write this version)" : ""));
        }
        int flags = ((pre[10] & 0xff) << 8) | (pre[11] & 0xff);
        if (flags != 0) {
            throw fail(10, "unsupported flags 0x" + Integer.toHexString(flags) + " (version " + TraceFormat.VERSION + " defines none)");
        }
        long headerLength = getInt(pre, 12) & 0xffffffffL;
        if (headerLength > TraceFormat.MAX_HEADER_BYTES) {
            throw fail(12, "header length " + headerLength + " is impossible (damaged file?)");
        }
        byte[] json = new byte[(int) headerLength];
        readFully(json, 0, json.length, "the JSON header");
        readFully(fixed, 0, 4, "the header checksum");
        crc.reset();
        crc.update(pre);
        crc.update(json);
        checkCrc(getInt(fixed, 0), offset - 4, "header");
        return written != null && version == TraceFormat.VERSION ? written : TraceHeaderJson.fromBytes(json, problem -> fail(TraceFormat.PREAMBLE_BYTES, problem));
    }

    /** Reads the next block into memory; false at a verified end marker. */
    private boolean nextBlock() {
        long tagOffset = offset;
        int tag = readByte();
        if (tag < 0) {
            throw fail(tagOffset, "truncated: the file ends after " + blocks + " blocks (" + records
                    + " records) without an end marker; the writer was not closed");
        }
        if (tag == TraceFormat.TAG_END) {
            readEnd(tagOffset);
            return false;
        }
        if (tag != TraceFormat.TAG_BLOCK) {
            throw fail(tagOffset, "expected a block ('B') or end marker ('E') but found byte 0x"
                    + Integer.toHexString(tag) + " (damaged file?)");
        }
        fixed[0] = (byte) tag;
        readFully(fixed, 1, 8, "a block header");
        long count = getInt(fixed, 1) & 0xffffffffL;
        long length = getInt(fixed, 5) & 0xffffffffL;
        if (length > TraceFormat.MAX_BLOCK_BYTES || count > length || count == 0) {
            throw fail(tagOffset, "block header claims " + count + " records in " + length
                    + " bytes, which is impossible (damaged file?)");
        }
        if (payload.length < length) {
            payload = new byte[(int) Math.max(length, Math.min(2L * payload.length, TraceFormat.MAX_BLOCK_BYTES))];
        }
        payloadOffset = offset;
        readFully(payload, 0, (int) length, "block " + blocks + " (starting at byte " + tagOffset + ")");
        readFully(fixed, 9, 4, "the checksum of block " + blocks);
        crc.reset();
        crc.update(fixed, 0, 9);
        crc.update(payload, 0, (int) length);
        checkCrc(getInt(fixed, 9), offset - 4, "block " + blocks + " (starting at byte " + tagOffset + ")");
        blockStartOffset = tagOffset;
        payloadLength = (int) length;
        pos = 0;
        remainingInBlock = (int) count;
        prevStart = 0;
        prevComponent = 0;
        prevImage = 0;
        prevLayer = 0;
        blocks++;
        return true;
    }

    private void readEnd(long tagOffset) {
        fixed[0] = (byte) TraceFormat.TAG_END;
        readFully(fixed, 1, 28, "the end marker");
        crc.reset();
        crc.update(fixed, 0, 25);
        checkCrc(getInt(fixed, 25), offset - 4, "end marker");
        byte[] endMagic = new byte[8];
        readFully(endMagic, 0, 8, "the end magic");
        if (!Arrays.equals(endMagic, TraceFormat.END_MAGIC)) {
            throw fail(offset - 8, "bad end magic " + TraceFormat.describeMagic(endMagic, 8));
        }
        long storedRecords = getLong(fixed, 1);
        long storedBlocks = getLong(fixed, 9);
        long storedMaxEnd = getLong(fixed, 17);
        if (storedRecords != records || storedBlocks != blocks) {
            throw fail(tagOffset, "end marker counts " + storedRecords + " records in " + storedBlocks
                    + " blocks but the file holds " + records + " records in " + blocks + " blocks");
        }
        if (records > 0 && storedMaxEnd != maxEndCycle) {
            throw fail(tagOffset, "end marker max end cycle " + storedMaxEnd + " disagrees with the records ("
                    + maxEndCycle + ")");
        }
        if (readByte() >= 0) {
            throw fail(offset - 1, "unexpected bytes after the end marker");
        }
        totals = new TraceTotals(storedRecords, storedBlocks, storedMaxEnd);
    }

    private TraceRecord decodeRecord() {
        long recordOffset = payloadOffset + pos;
        long start = prevStart + Varints.unzigzag(varint());
        long component = prevComponent + Varints.unzigzag(varint());
        long actionAndFlag = varint();
        long duration = varint();
        long count = varint();
        long imageDelta = Varints.unzigzag(varint());
        long layerDelta = version >= 3 ? Varints.unzigzag(varint()) : 0;
        long arg = (actionAndFlag & 1) != 0 ? Varints.unzigzag(varint()) : 0;
        long action = actionAndFlag >>> 1;
        remainingInBlock--;
        if (remainingInBlock == 0 && pos != payloadLength) {
            throw fail(payloadOffset + pos, "block starting at byte " + blockStartOffset + " has "
                    + (payloadLength - pos) + " bytes left after its last record");
        }
        if (component < 0 || component > Integer.MAX_VALUE || dictionary.component((int) component) == null) {
            throw fail(recordOffset, "record " + records + " names component " + component
                    + ", which is not in the header");
        }
        if (action > Integer.MAX_VALUE || dictionary.action((int) action) == null) {
            throw fail(recordOffset, "record " + records + " names action " + action + ", which is not in the header");
        }
        if (duration < 0 || count < 0) {
            throw fail(recordOffset, "record " + records + " has a negative duration or count");
        }
        int image = prevImage + (int) imageDelta;
        prevStart = start;
        prevComponent = (int) component;
        prevImage = image;
        int layer = version >= 3 ? prevLayer + (int) layerDelta : TraceRecord.NO_LAYER;
        prevLayer = layer;
        long end = start + duration;
        if (end < start) {
            end = Long.MAX_VALUE;
        }
        if (records == 0 || end > maxEndCycle) {
            maxEndCycle = end;
        }
        records++;
        return new TraceRecord(start, duration, (int) component, (int) action, count, image, arg, layer);
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= payloadLength) {
                throw fail(payloadOffset + pos, "record runs past the end of its block (damaged file?)");
            }
            int b = payload[pos++];
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw fail(payloadOffset + pos, "varint longer than 10 bytes (damaged file?)");
    }

    // ------------------------------------------------------------------ bytes

    private void checkCrc(int stored, long at, String what) {
        int computed = (int) crc.getValue();
        if (stored != computed) {
            throw fail(at, "bad checksum of the " + what + ": stored 0x" + String.format("%08x", stored)
                    + ", computed 0x" + String.format("%08x", computed) + " (damaged file)");
        }
    }

    private int readByte() {
        try {
            int b = in.read();
            if (b >= 0) {
                offset++;
            }
            return b;
        } catch (EOFException e) {
            throw fail(offset, "truncated: the compressed stream ends early", e);
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    private int readUpTo(byte[] b, int off, int len) {
        int n = 0;
        try {
            while (n < len) {
                int r = in.read(b, off + n, len - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            throw fail(offset + n, "truncated: the compressed stream ends early", e);
        } catch (IOException e) {
            throw ioFailure(e);
        }
        offset += n;
        return n;
    }

    private void readFully(byte[] b, int off, int len, String what) {
        long at = offset;
        int n = readUpTo(b, off, len);
        if (n < len) {
            throw fail(at + n, "truncated: the file ends inside " + what + " (" + (len - n) + " of " + len
                    + " bytes missing)");
        }
    }

    private RuntimeException ioFailure(IOException e) {
        if (e instanceof ZipException) {
            return fail(offset, "damaged gzip stream: " + e.getMessage(), e);
        }
        return new UncheckedIOException("cannot read trace " + source + " at byte " + offset + ": "
                + e.getMessage(), e);
    }

    private TraceFormatException fail(long at, String problem) {
        return new TraceFormatException(source, at, problem);
    }

    private TraceFormatException fail(long at, String problem, Throwable cause) {
        return new TraceFormatException(source, at, problem, cause);
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static long getLong(byte[] b, int at) {
        return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xffffffffL);
    }
}
