package org.xbarsim.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.xbarsim.UserInputException;

/**
 * One IDX file (the MNIST / Fashion-MNIST container): a 4-byte magic number {@code 0, 0, type,
 * ndims}, then {@code ndims} big-endian 32-bit dimensions, then the data. Only unsigned-byte data
 * (type {@code 0x08}) is supported, which is what image and label files use. The file may be gzip
 * compressed; that is detected by the gzip magic bytes {@code 1f 8b}, not by the file name.
 * Immutable once read.
 */
public final class IdxFile {
    /** IDX type code for unsigned bytes. */
    public static final int TYPE_UBYTE = 0x08;

    private final Path file;
    private final int[] dims;
    private final byte[] data;

    private IdxFile(Path file, int[] dims, byte[] data) {
        this.file = file;
        this.dims = dims;
        this.data = data;
    }

    /** The file it was read from (for messages). */
    public Path file() {
        return file;
    }

    /** The dimensions from the header. */
    public int[] dims() {
        return dims.clone();
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return dims[i];
    }

    /** The data bytes, exactly {@code product(dims)} of them; a copy. */
    public byte[] data() {
        return data.clone();
    }

    /** The data bytes without copying, for the readers in this package. */
    byte[] dataUnsafe() {
        return data;
    }

    /** Number of items: the first dimension. */
    public int count() {
        return dims[0];
    }

    /**
     * Reads and checks an IDX file with {@code expectedDims} dimensions.
     *
     * @throws UserInputException naming the file when it is missing, not gzip/IDX, has a wrong
     *                            magic number or dimension count, or is truncated or too long
     */
    public static IdxFile read(Path file, int expectedDims) {
        return parse(file, readMaybeGzip(file), expectedDims);
    }

    /** Parses IDX bytes already in memory (decompressed); {@code file} names them in messages. */
    public static IdxFile parse(Path file, byte[] bytes, int expectedDims) {
        if (bytes.length < 4) {
            throw new UserInputException(file + ": truncated IDX file: " + bytes.length
                    + " bytes, too short for the 4-byte magic number");
        }
        int b0 = Byte.toUnsignedInt(bytes[0]);
        int b1 = Byte.toUnsignedInt(bytes[1]);
        int type = Byte.toUnsignedInt(bytes[2]);
        int ndims = Byte.toUnsignedInt(bytes[3]);
        int magic = (b0 << 24) | (b1 << 16) | (type << 8) | ndims;
        int expectedMagic = (TYPE_UBYTE << 8) | expectedDims;
        if (b0 != 0 || b1 != 0 || type != TYPE_UBYTE || ndims != expectedDims) {
            throw new UserInputException(file + ": wrong magic number 0x" + hex(magic) + " (expected 0x"
                    + hex(expectedMagic) + ": an IDX file of unsigned bytes with " + expectedDims + " dimension"
                    + (expectedDims == 1 ? "" : "s") + (expectedDims == 1 ? ", i.e. labels" : ", i.e. images") + ")");
        }
        int header = 4 + 4 * ndims;
        if (bytes.length < header) {
            throw new UserInputException(file + ": truncated IDX file: " + bytes.length + " bytes, the header alone needs "
                    + header);
        }
        int[] dims = new int[ndims];
        long expected = 1;
        for (int i = 0; i < ndims; i++) {
            int o = 4 + 4 * i;
            dims[i] = ((bytes[o] & 0xff) << 24) | ((bytes[o + 1] & 0xff) << 16) | ((bytes[o + 2] & 0xff) << 8)
                    | (bytes[o + 3] & 0xff);
            if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                throw new UserInputException(file + ": dimension " + i + " of the IDX header is " + dims[i]);
            }
            expected *= dims[i];
        }
        long have = bytes.length - header;
        if (have < expected) {
            throw new UserInputException(file + ": truncated IDX file: the header announces " + Arrays.toString(dims)
                    + " = " + expected + " data bytes but only " + have + " follow");
        }
        if (have > expected) {
            throw new UserInputException(file + ": the IDX header announces " + Arrays.toString(dims) + " = " + expected
                    + " data bytes but " + have + " follow (" + (have - expected) + " extra): wrong dimensions in the header?");
        }
        return new IdxFile(file, dims, Arrays.copyOfRange(bytes, header, bytes.length));
    }

    /** The most bytes a gzip data set file may unpack to (Fashion-MNIST's largest: 47 MB). */
    static final int MAX_UNPACKED_BYTES = 1 << 30;

    /** Reads a whole file, gunzipping it when it starts with the gzip magic bytes. */
    static byte[] readMaybeGzip(Path file) {
        byte[] raw;
        if (Files.exists(file)) {
            org.xbarsim.io.InputFiles.check(file, "data set file", org.xbarsim.io.InputFiles.MAX_DATA_BYTES);
        }
        try {
            raw = org.xbarsim.io.InputFiles.readAll(file, org.xbarsim.io.InputFiles.MAX_DATA_BYTES);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": file not found");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
                // bounded: a small gzip file can expand without limit
                byte[] out = in.readNBytes(MAX_UNPACKED_BYTES + 1);
                if (out.length > MAX_UNPACKED_BYTES) {
                    throw new UserInputException(file + ": unpacks to more than "
                            + org.xbarsim.io.InputFiles.bytes(MAX_UNPACKED_BYTES) + ", more than any data set file may hold");
                }
                return out;
            } catch (EOFException e) {
                throw new UserInputException(file + ": truncated gzip file (the compressed stream ends early)");
            } catch (ZipException e) {
                throw new UserInputException(file + ": corrupt gzip file: " + e.getMessage());
            } catch (IOException e) {
                throw new UserInputException(file + ": cannot decompress: " + e.getMessage(), e);
            }
        }
        return raw;
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }
}
