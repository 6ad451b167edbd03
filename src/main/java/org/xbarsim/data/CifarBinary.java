package org.xbarsim.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbarsim.UserInputException;
import org.xbarsim.model.Shape;

/**
 * Reads the CIFAR-10 binary version: {@code data_batch_1.bin} .. {@code data_batch_5.bin} (train)
 * and {@code test_batch.bin} (test), each a sequence of 3073-byte records: one label byte, then
 * 3 x 32 x 32 pixel bytes in CHW order (the red plane, then green, then blue). The folder may be the
 * one holding the files or its parent holding {@code cifar-10-batches-bin/}.
 */
public final class CifarBinary {
    public static final Shape SHAPE = new Shape(3, 32, 32);
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    public static final int NUM_CLASSES = 10;
    public static final String SUBFOLDER = "cifar-10-batches-bin";

    private CifarBinary() {
    }

    /** Batch file names of a split, in the order they are concatenated. */
    public static List<String> fileNames(Split split) {
        if (split == Split.TEST) {
            return List.of("test_batch.bin");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            names.add("data_batch_" + i + ".bin");
        }
        return names;
    }

    /** The folder that holds the batch files: {@code dir} itself or {@code dir/cifar-10-batches-bin}. */
    static Path resolveDir(Path dir) {
        Path sub = dir.resolve(SUBFOLDER);
        if (!Files.isRegularFile(dir.resolve("test_batch.bin")) && Files.isDirectory(sub)) {
            return sub;
        }
        return dir;
    }

    public static ImageSet load(Path dir, Split split, String missingHint) {
        Path folder = resolveDir(dir);
        List<byte[]> parts = new ArrayList<>();
        long total = 0;
        List<Path> files = new ArrayList<>();
        for (String name : fileNames(split)) {
            Path f = folder.resolve(name);
            if (!Files.isRegularFile(f)) {
                throw new UserInputException(f + ": file not found (CIFAR-10 binary version expects "
                        + String.join(", ", fileNames(split)) + " in " + folder + " or in " + dir.resolve(SUBFOLDER) + ")"
                        + missingHint);
            }
            byte[] b = IdxFile.readMaybeGzip(f);
            if (b.length == 0 || b.length % RECORD_BYTES != 0) {
                throw new UserInputException(f + ": " + b.length + " bytes is not a whole number of " + RECORD_BYTES
                        + "-byte CIFAR-10 records (1 label byte + 3x32x32 pixels)"
                        + (b.length % RECORD_BYTES != 0 ? ": truncated or not a CIFAR-10 binary batch" : ""));
            }
            for (int r = 0; r < b.length / RECORD_BYTES; r++) {
                int label = Byte.toUnsignedInt(b[r * RECORD_BYTES]);
                if (label >= NUM_CLASSES) {
                    throw new UserInputException(f + ": record " + r + " has label " + label + ", not in [0, 9]"
                            + " (not a CIFAR-10 binary batch? CIFAR-100 records have 2 label bytes)");
                }
            }
            parts.add(b);
            files.add(f);
            total += b.length / RECORD_BYTES;
        }
        if (total * SHAPE.size() > Integer.MAX_VALUE - 8) {
            throw new UserInputException(folder + ": too many CIFAR-10 records (" + total + ")");
        }
        int n = (int) total;
        byte[] pixels = new byte[n * SHAPE.size()];
        byte[] labels = new byte[n];
        int k = 0;
        for (byte[] b : parts) {
            for (int r = 0; r < b.length / RECORD_BYTES; r++, k++) {
                labels[k] = b[r * RECORD_BYTES];
                System.arraycopy(b, r * RECORD_BYTES + 1, pixels, k * SHAPE.size(), SHAPE.size());
            }
        }
        String source = files.size() == 1 ? files.get(0).toString() : folder + "/" + String.join("+", fileNames(split));
        return new ImageSet(source, SHAPE, NUM_CLASSES, pixels, labels);
    }
}
