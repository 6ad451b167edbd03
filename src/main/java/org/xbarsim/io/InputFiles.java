package org.xbarsim.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import org.xbarsim.UserInputException;

/**
 * Checks a file before it is read: it must exist, be a regular file (a device such as
 * {@code /dev/zero}, a pipe or a folder is refused) and be no larger than the limit of its kind, so
 * no input can exhaust memory. Messages name the file, what it was expected to be and the limit.
 */
public final class InputFiles {
    /** Integer model files (docs/model-format.md); an unpruned full-width VGG-16 is about 180 MB. */
    public static final long MAX_MODEL_BYTES = 512L << 20;
    /** Mapping files ({@code map --out}, read by {@code simulate --mapping}). */
    public static final long MAX_MAPPING_BYTES = 512L << 20;
    /** Chip configuration and sweep files. */
    public static final long MAX_CONFIG_BYTES = 4L << 20;
    /** JSON files of raw input images and request traces. */
    public static final long MAX_INPUT_BYTES = 256L << 20;
    /** Report and run-info JSON files read back by xbarsim. */
    public static final long MAX_REPORT_BYTES = 64L << 20;
    /** Data set files (IDX, CIFAR-10 binary), compressed or not. */
    public static final long MAX_DATA_BYTES = 2L << 30;
    /** Trace files are streamed, never held whole: only a sanity bound. */
    public static final long MAX_TRACE_BYTES = 1L << 40;

    private InputFiles() {
    }

    /**
     * Returns {@code file}'s size after checking that it is a regular file of at most
     * {@code maxBytes}; {@code what} names the kind of file in messages ("model file").
     *
     * @throws UserInputException when it is missing, not a regular file or too large
     */
    public static long check(Path file, String what, long maxBytes) {
        if (file.toString().isEmpty()) { // Path.of("") is the current folder
            throw new UserInputException("an empty path was given for the " + what);
        }
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": no such file (expected a " + what + ")");
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a folder, not a " + what);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": not a regular file (a device, pipe or socket); expected a " + what);
        }
        if (!Files.isReadable(file)) {
            throw new UserInputException(file + ": cannot be read (permission denied)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read its size: " + e.getMessage(), e);
        }
        if (size > maxBytes) {
            throw new UserInputException(file + ": " + bytes(size) + ", more than the " + bytes(maxBytes)
                    + " a " + what + " may have");
        }
        return size;
    }

    /** {@link #check} then the whole file as UTF-8 text. */
    public static String readString(Path file, String what, long maxBytes) {
        check(file, what, maxBytes);
        try {
            return Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserInputException(file + ": not a UTF-8 text file (expected a " + what + ")");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the " + what + ": " + e.getMessage());
        }
    }

    /**
     * {@link #check} then the whole file as bytes, for a parser that decodes UTF-8 itself (a
     * 20 MB model file parses in about a third less time from bytes than from a String).
     */
    public static byte[] readBytes(Path file, String what, long maxBytes) {
        check(file, what, maxBytes);
        try {
            return readAll(file, maxBytes);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the " + what + ": " + e.getMessage());
        }
    }

    /** The read size of {@link #readAll}. */
    static final int CHUNK_BYTES = 128 * 1024;

    /**
     * The whole of {@code file}, read {@link #CHUNK_BYTES} at a time into one array of the file's size
     * (larger if the file grows while read, as {@code Files.readAllBytes} allows; an {@code IOException}
     * past {@code maxBytes}). {@code Files.readAllBytes} asks for the whole file in one read, which the
     * JDK makes through a temporary native buffer of that size, allocated and first touched for it:
     * 90-160 ms for the 20 MB model of docs/simulation.md in a fresh JVM, against 5-6 ms this way
     * ("Fourteenth pass").
     */
    public static byte[] readAll(Path file, long maxBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > maxBytes || size > MAX_ARRAY) {
                throw new IOException(bytes(size) + ", more than " + (size > maxBytes ? "the " + bytes(maxBytes) + " allowed"
                        : "Java holds in one array"));
            }
            byte[] b = new byte[(int) size];
            int n = 0;
            while (true) {
                if (n == b.length) {
                    // at the size the file had: it ends here unless it grew (or tells no size, as /proc's files)
                    ByteBuffer probe = ByteBuffer.allocate(1);
                    if (ch.read(probe) < 0) {
                        return b;
                    }
                    long grown = Math.min(Math.min(maxBytes, MAX_ARRAY), Math.max((long) n + 1 + CHUNK_BYTES, 2L * n));
                    if (grown <= n) {
                        throw new IOException("grew past " + bytes(Math.min(maxBytes, MAX_ARRAY)) + " while read");
                    }
                    b = Arrays.copyOf(b, (int) grown);
                    b[n++] = probe.get(0);
                    continue;
                }
                int r = ch.read(ByteBuffer.wrap(b, n, Math.min(CHUNK_BYTES, b.length - n)));
                if (r < 0) {
                    return Arrays.copyOf(b, n); // it shrank while read
                }
                n += r;
            }
        }
    }

    /** The largest array the JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** A size in the unit that reads best: "512 MiB", "3.2 KiB", "17 bytes". */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }
}
