package org.xbarsim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;
import org.xbarsim.model.Shape;

class DataSetsTest {
    @TempDir
    Path dir;

    private static String message(Runnable r) {
        return assertThrows(UserInputException.class, r::run).getMessage();
    }

    @Test
    void readsGzipAndRawIdxFoldersAlike() throws IOException {
        Path gz = Files.createDirectory(dir.resolve("gz"));
        Path raw = Files.createDirectory(dir.resolve("raw"));
        IdxTestFiles.writeMnistFolder(gz, 12, true);
        IdxTestFiles.writeMnistFolder(raw, 12, false);
        ImageSet a = DataSets.load("mnist", gz, Split.TEST);
        ImageSet b = DataSets.load("fashion-mnist", raw, Split.TRAIN);
        for (ImageSet s : new ImageSet[] {a, b}) {
            assertEquals(12, s.size());
            assertEquals(new Shape(1, 28, 28), s.shape());
            assertEquals(10, s.numClasses());
            assertEquals(3, s.label(3));
            assertEquals(11 % 10, s.label(11));
            assertEquals((5 * 7 + 100) % 256, s.pixel(5, 100));
        }
        assertTrue(a.source().endsWith("t10k-images-idx3-ubyte.gz"), a.source());
        assertTrue(b.source().endsWith("train-images-idx3-ubyte"), b.source());
        assertArrayEquals(a.image(7), b.image(7));
    }

    @Test
    void thePaddedVariantIsTheSameImagesInAZeroBorderOfTwoPixels() throws IOException {
        IdxTestFiles.writeMnistFolder(dir, 5, true);
        ImageSet plain = DataSets.load("mnist", dir, Split.TEST);
        ImageSet padded = DataSets.load("mnist-32", dir, Split.TEST);
        assertEquals(new org.xbarsim.model.Shape(1, 32, 32), padded.shape());
        assertEquals(DataSets.shapeOf("mnist-32"), padded.shape());
        assertEquals(plain.size(), padded.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.label(i), padded.label(i));
            int[] a = plain.image(i);
            int[] b = padded.image(i);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                    assertEquals(inside ? a[(y - 2) * 28 + (x - 2)] : 0, b[y * 32 + x], "image " + i + " at " + y + "," + x);
                }
            }
        }
        // a three-channel set pads each channel
        ImageSet rgb = new ImageSet("t", new org.xbarsim.model.Shape(3, 2, 2), 10,
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new byte[] {7});
        int[] p = rgb.padded(1).image(0);
        assertEquals(48, p.length);
        assertEquals(1, p[5]);
        assertEquals(4, p[10]);
        assertEquals(5, p[16 + 5]);
        assertEquals(12, p[32 + 10]);
        assertEquals(0, p[32 + 15]);
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() throws IOException {
        // raw IDX bytes under a .gz name, and gzip bytes under the plain name
        IdxTestFiles.writeMnistFolder(dir, 4, false);
        Files.move(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"),
                IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {4}, IdxTestFiles.labels(4))));
        ImageSet s = DataSets.load("mnist", dir, Split.TEST);
        assertEquals(4, s.size());
        assertEquals(2, s.label(2));
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        IdxTestFiles.writeMnistFolder(dir, 3, false);
        // labels file where images belong: 1 dimension instead of 3
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTestFiles.idx(new int[] {3}, IdxTestFiles.labels(3)));
        String m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertTrue(m.startsWith(dir.resolve("t10k-images-idx3-ubyte") + ": wrong magic number 0x00000801"), m);
        assertTrue(m.contains("expected 0x00000803"), m);

        byte[] bad = IdxTestFiles.idx(new int[] {3, 28, 28}, IdxTestFiles.pixels(3, 28, 28));
        bad[2] = 0x0d; // float data
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), bad);
        m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertTrue(m.contains("wrong magic number 0x00000d03"), m);
    }

    @Test
    void truncatedFilesAreNamed() throws IOException {
        IdxTestFiles.writeMnistFolder(dir, 3, false);
        byte[] full = IdxTestFiles.idx(new int[] {3, 28, 28}, IdxTestFiles.pixels(3, 28, 28));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 10));
        String m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": truncated IDX file: the header announces [3, 28, 28] = 2352"
                + " data bytes but only 2342 follow", m);

        Files.write(dir.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8});
        m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertTrue(m.contains("truncated IDX file: 3 bytes"), m);

        Files.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(full, 9));
        m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertTrue(m.contains("truncated IDX file: 9 bytes, the header alone needs 16"), m);
    }

    @Test
    void truncatedGzipIsNamed() throws IOException {
        IdxTestFiles.writeMnistFolder(dir, 3, true);
        Path f = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] gz = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(gz, gz.length - 12));
        String m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertTrue(m.startsWith(f + ": truncated gzip file"), m);
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        IdxTestFiles.writeMnistFolder(dir, 5, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxTestFiles.idx(new int[] {4}, IdxTestFiles.labels(4)));
        String m = message(() -> DataSets.load("mnist", dir, Split.TRAIN));
        assertEquals(dir.resolve("train-images-idx3-ubyte") + " holds 5 images but " + dir.resolve("train-labels-idx1-ubyte")
                + " holds 4 labels: the counts must agree", m);
    }

    @Test
    void wrongDimensionsAreNamed() throws IOException {
        IdxTestFiles.writeMnistFolder(dir, 2, false);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTestFiles.idx(new int[] {2, 32, 32}, IdxTestFiles.pixels(2, 32, 32)));
        String m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": images are 32x32, expected 28x28", m);
        // header dims that do not match the file length (too many bytes)
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTestFiles.idx(new int[] {1, 28, 28}, IdxTestFiles.pixels(2, 28, 28)));
        m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertTrue(m.contains("784 extra"), m);
    }

    @Test
    void labelOutOfRangeIsNamed() throws IOException {
        IdxTestFiles.writeMnistFolder(dir, 2, false);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTestFiles.idx(new int[] {2}, new byte[] {1, 12}));
        String m = message(() -> DataSets.load("mnist", dir, Split.TEST));
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte") + ": label 12 of item 1 is not in [0, 9]", m);
    }

    @Test
    void missingFolderAndFilesSayWhatToDo() throws IOException {
        Path none = dir.resolve("nowhere");
        String m = message(() -> DataSets.load("fashion-mnist", none, Split.TEST));
        assertTrue(m.startsWith("--data-dir " + none + ": Fashion-MNIST folder not found"), m);
        assertTrue(m.contains("apt-get install -y dataset-fashion-mnist"), m);

        m = message(() -> DataSets.load("mnist", none, Split.TEST));
        assertTrue(m.startsWith("--data-dir " + none + ": MNIST folder not found"), m);
        assertTrue(m.contains("--data-dir"), m);

        m = message(() -> DataSets.load("mnist", null, Split.TEST));
        assertTrue(m.contains("--data-dir"), m);
        m = message(() -> DataSets.load("cifar10", null, Split.TEST));
        assertTrue(m.contains("--data-dir"), m);

        // folder exists, a file is missing
        IdxTestFiles.writeMnistFolder(dir, 2, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        m = message(() -> DataSets.load("fashion-mnist", dir, Split.TEST));
        assertTrue(m.startsWith(dir.resolve("t10k-labels-idx1-ubyte.gz") + ": file not found"), m);
        assertTrue(m.contains("apt-get install -y dataset-fashion-mnist"), m);
    }

    @Test
    void unknownNameSuggestsTheClosest() {
        String m = message(() -> DataSets.load("fashon-mnist", null, Split.TEST));
        assertEquals("--dataset fashon-mnist: unknown data set (did you mean 'fashion-mnist'?)"
                + " (known: fashion-mnist, mnist, cifar10, synthetic, fashion-mnist-32, mnist-32)", m);
        m = message(() -> DataSets.load("imagenet", null, Split.TEST));
        assertTrue(m.startsWith("--dataset imagenet: unknown data set (known:"), m);
    }

    @Test
    void readsCifarBinaryInTheFolderOrItsSubfolder() throws IOException {
        IdxTestFiles.writeCifarFolder(dir.resolve(CifarBinary.SUBFOLDER), 3);
        ImageSet train = DataSets.load("cifar10", dir, Split.TRAIN);
        assertEquals(15, train.size());
        assertEquals(new Shape(3, 32, 32), train.shape());
        // batch 2 (offset 2), record 1: label 3; pixel k = (1 + k) % 256
        assertEquals(3, train.label(3 + 1));
        assertEquals((1 + 1000) % 256, train.pixel(4, 1000));
        ImageSet test = DataSets.load("cifar10", dir.resolve(CifarBinary.SUBFOLDER), Split.TEST);
        assertEquals(3, test.size());
        assertEquals(2, test.label(2));
        // CHW: channel 1 (green) starts at 1024
        assertEquals((2 + 1024) % 256, test.pixel(2, new Shape(3, 32, 32).index(1, 0, 0)));
    }

    @Test
    void badCifarFilesAreNamed() throws IOException {
        IdxTestFiles.writeCifarFolder(dir, 2);
        Path t = dir.resolve("test_batch.bin");
        Files.write(t, Arrays.copyOf(IdxTestFiles.cifar(2, 0), 3073 * 2 - 5));
        String m = message(() -> DataSets.load("cifar10", dir, Split.TEST));
        assertTrue(m.startsWith(t + ": 6141 bytes is not a whole number of 3073-byte CIFAR-10 records"), m);
        assertTrue(m.contains("truncated"), m);

        byte[] b = IdxTestFiles.cifar(2, 0);
        b[3073] = 42;
        Files.write(t, b);
        m = message(() -> DataSets.load("cifar10", dir, Split.TEST));
        assertTrue(m.startsWith(t + ": record 1 has label 42, not in [0, 9]"), m);

        Files.delete(dir.resolve("data_batch_4.bin"));
        m = message(() -> DataSets.load("cifar10", dir, Split.TRAIN));
        assertTrue(m.startsWith(dir.resolve("data_batch_4.bin") + ": file not found"), m);
        assertTrue(m.contains("--data-dir"), m);
    }

    @Test
    void readsTheInstalledFashionMnistWhenPresent() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(DataSets.FASHION_MNIST_DIR),
                "dataset-fashion-mnist is not installed");
        ImageSet test = DataSets.load("fashion-mnist", null, Split.TEST);
        assertEquals(10000, test.size());
        assertEquals(new Shape(1, 28, 28), test.shape());
        int[] perClass = new int[10];
        for (int i = 0; i < test.size(); i++) {
            perClass[test.label(i)]++;
        }
        for (int n : perClass) {
            assertEquals(1000, n); // the Fashion-MNIST test split is balanced
        }
    }

    @Test
    void syntheticIsDeterministicAndIndependentOfCount() {
        ImageSet a = SyntheticData.generate(5, Split.TRAIN, 40);
        ImageSet b = SyntheticData.generate(5, Split.TRAIN, 20);
        ImageSet c = SyntheticData.generate(6, Split.TRAIN, 20);
        ImageSet t = SyntheticData.generate(5, Split.TEST, 20);
        assertEquals(new Shape(1, 28, 28), a.shape());
        for (int i = 0; i < 20; i++) {
            assertEquals(a.label(i), b.label(i));
            assertArrayEquals(a.image(i), b.image(i));
        }
        assertNotEquals(Arrays.toString(a.image(0)), Arrays.toString(c.image(0)));
        assertNotEquals(Arrays.toString(a.image(0)), Arrays.toString(t.image(0)));
        assertEquals(SyntheticData.DEFAULT_TEST_SIZE, DataSets.load("synthetic", null, Split.TEST).size());
    }

    @Test
    void syntheticClassesAreSeparable() {
        // a nearest-class-mean classifier fitted on train must do far better than chance (10 %)
        ImageSet train = SyntheticData.generate(1, Split.TRAIN, 500);
        ImageSet test = SyntheticData.generate(1, Split.TEST, 200);
        long[][] sum = new long[10][784];
        int[] n = new int[10];
        for (int i = 0; i < train.size(); i++) {
            int[] x = train.image(i);
            n[train.label(i)]++;
            for (int k = 0; k < 784; k++) {
                sum[train.label(i)][k] += x[k];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int[] x = test.image(i);
            int best = -1;
            long bestD = Long.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                long d = 0;
                for (int k = 0; k < 784; k++) {
                    long diff = (long) x[k] * n[c] - sum[c][k];
                    d += diff / Math.max(1, n[c]) * diff / Math.max(1, n[c]);
                }
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        assertTrue(correct >= 160, "nearest-mean accuracy " + correct + "/200");
        // and not trivially perfect pixel copies: images of one class differ
        assertNotEquals(Arrays.toString(train.image(0)), Arrays.toString(train.image(firstOf(train, train.label(0), 1))));
    }

    private static int firstOf(ImageSet s, int label, int from) {
        for (int i = from; i < s.size(); i++) {
            if (s.label(i) == label) {
                return i;
            }
        }
        throw new AssertionError("no second image of class " + label);
    }
}
