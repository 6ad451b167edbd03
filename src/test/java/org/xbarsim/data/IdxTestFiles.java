package org.xbarsim.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small files in the real IDX and CIFAR-10 binary formats for the reader tests. */
final class IdxTestFiles {
    private IdxTestFiles() {
    }

    /** IDX bytes: magic {@code 0 0 8 ndims}, big-endian dims, then data. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(0x08);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream g = new GZIPOutputStream(bo)) {
            g.write(raw);
        }
        return bo.toByteArray();
    }

    /** {@code n} images of h x w whose pixel k of image i is {@code (i * 7 + k) % 256}. */
    static byte[] pixels(int n, int h, int w) {
        byte[] b = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < h * w; k++) {
                b[i * h * w + k] = (byte) ((i * 7 + k) % 256);
            }
        }
        return b;
    }

    static byte[] labels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 10);
        }
        return b;
    }

    /** Writes both splits of an MNIST-style folder with {@code n} 28x28 images each. */
    static void writeMnistFolder(Path dir, int n, boolean gzip) throws IOException {
        for (String split : new String[] {"train", "t10k"}) {
            byte[] img = idx(new int[] {n, 28, 28}, pixels(n, 28, 28));
            byte[] lab = idx(new int[] {n}, labels(n));
            String suffix = gzip ? ".gz" : "";
            Files.write(dir.resolve(split + "-images-idx3-ubyte" + suffix), gzip ? gzip(img) : img);
            Files.write(dir.resolve(split + "-labels-idx1-ubyte" + suffix), gzip ? gzip(lab) : lab);
        }
    }

    /** CIFAR-10 records: label {@code (i + offset) % 10}, pixel k = {@code (i + k) % 256}. */
    static byte[] cifar(int n, int offset) {
        byte[] b = new byte[n * 3073];
        for (int i = 0; i < n; i++) {
            b[i * 3073] = (byte) ((i + offset) % 10);
            for (int k = 0; k < 3072; k++) {
                b[i * 3073 + 1 + k] = (byte) ((i + k) % 256);
            }
        }
        return b;
    }

    static void writeCifarFolder(Path dir, int perBatch) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), cifar(perBatch, i));
        }
        Files.write(dir.resolve("test_batch.bin"), cifar(perBatch, 0));
    }
}
