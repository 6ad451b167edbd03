package org.xbarsim.trace;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * Streams trace records to a file in the binary format of docs/trace-format.md.
 *
 * <p>Memory stays constant: records are encoded into one block buffer (about
 * {@link Options#blockBytes()} bytes), which is checksummed and written out when full. The same
 * header and record sequence always give the same bytes. The file is written under a temporary
 * name beside the target and renamed into place by {@link #close()}, after the end marker (with
 * the record count) is written, so a crash never leaves a file that looks complete. If a write
 * failed, or {@link #abort()} was called, {@code close()} deletes the temporary file instead.
 *
 * <p>By default the writer checks that records come in xbarsim's canonical order: start cycle
 * non-decreasing, and for equal start cycles, component id non-decreasing (the simulator orders
 * ties by a per-component sequence number, which is not stored). The format itself does not need
 * the order (cycle deltas are signed); turn the check off with {@link Options#requireOrder()}
 * false for other producers. Not thread-safe: one thread writes.
 */
public final class TraceWriter implements AutoCloseable {
    /**
     * @param gzip         compress the whole file with gzip (fixed header bytes: no name, no time)
     * @param blockBytes   target block payload size in bytes, in [256, 16 MiB]
     * @param requireOrder reject records out of (start cycle, component id) order
     * @param version      format version to write: {@link TraceFormat#VERSION}, or 2 (no layers) to
     *                     make traces as older xbarsims wrote them
     */
    public record Options(boolean gzip, int blockBytes, boolean requireOrder, int version) {
        public static final Options DEFAULT = new Options(false, TraceFormat.DEFAULT_BLOCK_BYTES, true, TraceFormat.VERSION);

        public Options {
            if (blockBytes < 256 || blockBytes > (16 << 20)) {
                throw new IllegalArgumentException("blockBytes must be in [256, 16777216], got " + blockBytes);
            }
            if (version != TraceFormat.VERSION && version != TraceFormat.OLDEST_READ_VERSION) {
                throw new IllegalArgumentException("version must be " + TraceFormat.OLDEST_READ_VERSION + " or "
                        + TraceFormat.VERSION + ", got " + version);
            }
        }

        public Options withGzip(boolean on) {
            return new Options(on, blockBytes, requireOrder, version);
        }

        public Options withBlockBytes(int bytes) {
            return new Options(gzip, bytes, requireOrder, version);
        }

        public Options withRequireOrder(boolean on) {
            return new Options(gzip, blockBytes, on, version);
        }

        public Options withVersion(int v) {
            return new Options(gzip, blockBytes, requireOrder, v);
        }
    }

    private final OutputStream out;
    private final Path target;
    private final Path temp;
    private final Options options;
    private final TraceDictionary dictionary;
    private final byte[] block;
    private final CRC32 crc = new CRC32();
    private final byte[] fixed = new byte[32];
    private int blockLength;
    private int blockRecords;
    private long prevStart;
    private int prevComponent;
    private int prevImage;
    private int prevLayer;
    private long lastStart = Long.MIN_VALUE;
    private int lastComponent = -1;
    private long records;
    private long blocks;
    private long maxEndCycle;
    private boolean failed;
    private boolean closed;

    private TraceWriter(OutputStream out, Path target, Path temp, TraceHeader header, Options options) {
        this.out = out;
        this.target = target;
        this.temp = temp;
        this.options = options;
        this.dictionary = header.dictionary();
        this.block = new byte[options.blockBytes() + TraceFormat.MAX_RECORD_BYTES];
        try {
            writePreamble(header);
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot write trace " + where() + ": " + e.getMessage(), e);
        }
    }

    /** Opens {@code target} for writing with default options (plain, ordered). */
    public static TraceWriter create(Path target, TraceHeader header) {
        return create(target, header, Options.DEFAULT);
    }

    /** Opens {@code target} for writing: the bytes go to a temporary file until {@link #close()}. */
    public static TraceWriter create(Path target, TraceHeader header, Options options) {
        Path abs = target.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(abs.getParent());
            // not Files.createTempFile: its owner-only permissions would stay on the renamed trace
            OutputStream file = null;
            for (int attempt = 0; file == null; attempt++) {
                temp = abs.resolveSibling("." + abs.getFileName() + "."
                        + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    file = Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE_NEW,
                            java.nio.file.StandardOpenOption.WRITE);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    temp = null;
                    if (attempt > 100) {
                        throw e;
                    }
                }
            }
            OutputStream sink = options.gzip()
                    ? new GZIPOutputStream(file, 1 << 16) : new BufferedOutputStream(file, 1 << 16);
            return new TraceWriter(sink, abs, temp, header, options);
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot create trace " + target + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Writes to a stream the caller owns (no temporary file, no rename); {@link #close()} writes
     * the end marker, finishes gzip if on, and closes {@code out}.
     */
    public static TraceWriter to(OutputStream out, TraceHeader header, Options options) {
        try {
            OutputStream sink = options.gzip() ? new GZIPOutputStream(out, 1 << 16) : new BufferedOutputStream(out, 1 << 16);
            return new TraceWriter(sink, null, null, header, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace stream: " + e.getMessage(), e);
        }
    }

    public void write(TraceRecord r) {
        write(r.startCycle(), r.durationCycles(), r.component(), r.action(), r.count(), r.image(), r.arg(), r.layer());
    }

    /** Writes one record of no layer without allocating; arguments as in {@link TraceRecord}. */
    public void write(long startCycle, long durationCycles, int component, int action, long count, int image, long arg) {
        write(startCycle, durationCycles, component, action, count, image, arg, TraceRecord.NO_LAYER);
    }

    /** Writes one record without allocating; arguments as in {@link TraceRecord}. */
    public void write(long startCycle, long durationCycles, int component, int action, long count, int image,
                      long arg, int layer) {
        if (closed) {
            throw new IllegalStateException("trace " + where() + " is already closed");
        }
        check(startCycle, durationCycles, component, action, count);
        int p = blockLength;
        p = Varints.put(block, p, Varints.zigzag(startCycle - prevStart));
        p = Varints.put(block, p, Varints.zigzag((long) component - prevComponent));
        p = Varints.put(block, p, ((long) action << 1) | (arg != 0 ? 1 : 0));
        p = Varints.put(block, p, durationCycles);
        p = Varints.put(block, p, count);
        p = Varints.put(block, p, Varints.zigzag((long) (image - prevImage)));
        if (options.version() >= 3) {
            p = Varints.put(block, p, Varints.zigzag((long) (layer - prevLayer)));
        }
        if (arg != 0) {
            p = Varints.put(block, p, Varints.zigzag(arg));
        }
        blockLength = p;
        blockRecords++;
        records++;
        prevStart = startCycle;
        prevComponent = component;
        prevImage = image;
        prevLayer = layer;
        long end = startCycle + durationCycles;
        if (end < startCycle) {
            end = Long.MAX_VALUE;
        }
        if (records == 1 || end > maxEndCycle) {
            maxEndCycle = end;
        }
        if (blockLength >= options.blockBytes()) {
            flushBlock();
        }
    }

    private void check(long startCycle, long durationCycles, int component, int action, long count) {
        String problem = null;
        if (durationCycles < 0) {
            problem = "durationCycles must be >= 0, got " + durationCycles;
        } else if (count < 0) {
            problem = "count must be >= 0, got " + count;
        } else if (dictionary.component(component) == null) {
            problem = "component id " + component + " is not in the header's component dictionary";
        } else if (dictionary.action(action) == null) {
            problem = "action id " + action + " is not in the header's action dictionary";
        } else if (options.requireOrder()
                && (startCycle < lastStart || (startCycle == lastStart && component < lastComponent))) {
            problem = "record (startCycle " + startCycle + ", component " + component
                    + ") comes after (startCycle " + lastStart + ", component " + lastComponent
                    + "): records must be ordered by start cycle, then component id";
        }
        if (problem != null) {
            failed = true;
            throw new IllegalArgumentException("trace " + where() + ", record " + records + ": " + problem);
        }
        lastStart = startCycle;
        lastComponent = component;
    }

    /** Records written so far. */
    public long recordCount() {
        return records;
    }

    /** The final path of the file (null when writing to a caller's stream). */
    public Path path() {
        return target;
    }

    /** Gives up: the temporary file is deleted and no trace appears at the target. */
    public void abort() {
        failed = true;
        close();
    }

    /**
     * Finishes the file: flushes the last block, writes the end marker and renames the temporary
     * file to the target. After a failed write or {@link #abort()} it deletes the temporary file.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!failed) {
                try {
                    if (blockRecords > 0) {
                        flushBlock();
                    }
                    writeEnd();
                    out.close();
                } catch (RuntimeException | IOException e) {
                    failed = true;
                    throw e;
                }
                if (temp != null) {
                    try {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } else {
                closeQuietly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish trace " + where() + ": " + e.getMessage(), e);
        } finally {
            if (failed && temp != null) {
                closeQuietly();
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary name never looks like a finished trace
                }
            }
        }
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private String where() {
        return target != null ? target.toString() : "stream";
    }

    private void writePreamble(TraceHeader header) throws IOException {
        byte[] json = TraceHeaderJson.toBytes(header, options.version());
        byte[] pre = new byte[TraceFormat.PREAMBLE_BYTES];
        System.arraycopy(TraceFormat.MAGIC, 0, pre, 0, 8);
        putShort(pre, 8, options.version());
        putShort(pre, 10, 0);
        putInt(pre, 12, json.length);
        crc.reset();
        crc.update(pre);
        crc.update(json);
        out.write(pre);
        out.write(json);
        putInt(fixed, 0, (int) crc.getValue());
        out.write(fixed, 0, 4);
    }

    private void flushBlock() {
        try {
            fixed[0] = (byte) TraceFormat.TAG_BLOCK;
            putInt(fixed, 1, blockRecords);
            putInt(fixed, 5, blockLength);
            crc.reset();
            crc.update(fixed, 0, 9);
            crc.update(block, 0, blockLength);
            out.write(fixed, 0, 9);
            out.write(block, 0, blockLength);
            putInt(fixed, 0, (int) crc.getValue());
            out.write(fixed, 0, 4);
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot write trace " + where() + ": " + e.getMessage(), e);
        }
        blocks++;
        blockLength = 0;
        blockRecords = 0;
        prevStart = 0;
        prevComponent = 0;
        prevImage = 0;
        prevLayer = 0;
    }

    private void writeEnd() throws IOException {
        fixed[0] = (byte) TraceFormat.TAG_END;
        putLong(fixed, 1, records);
        putLong(fixed, 9, blocks);
        putLong(fixed, 17, records == 0 ? 0 : maxEndCycle);
        crc.reset();
        crc.update(fixed, 0, 25);
        putInt(fixed, 25, (int) crc.getValue());
        out.write(fixed, 0, 29);
        out.write(TraceFormat.END_MAGIC);
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }
}
