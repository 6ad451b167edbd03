package org.xbarsim.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exact nearest-rank percentiles of a stream of non-negative longs in bounded memory: the values go
 * to a scratch file, and each percentile is found by narrowing a value range with a histogram of
 * {@value #BINS} bins, one pass over the file per narrowing (at most six passes for 64-bit values).
 */
final class ExactPercentiles implements AutoCloseable {
    static final int BINS = 4096;
    private final Path file;
    private final DataOutputStream out;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long sum;

    ExactPercentiles(Path scratch) {
        this.file = scratch;
        try {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(scratch)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + scratch + ": " + e.getMessage(), e);
        }
    }

    void add(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("value " + v + " < 0");
        }
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** The nearest-rank percentiles {@code ps} (each in (0, 100]): the smallest value with at least p% of values at or below it. */
    long[] percentiles(double... ps) {
        flush();
        long[] result = new long[ps.length];
        if (count == 0) {
            return result;
        }
        for (int i = 0; i < ps.length; i++) {
            long rank = Math.max(1, (long) Math.ceil(ps[i] / 100 * count)); // 1-based
            result[i] = select(rank);
        }
        return result;
    }

    /** The {@code rank}-th smallest value (1-based). */
    private long select(long rank) {
        long lo = min;
        long hi = max;
        long below = 0; // values < lo
        while (lo < hi) {
            long span = hi - lo + 1; // > 1
            long width = Math.max(1, span / BINS + (span % BINS == 0 ? 0 : 1));
            long[] bins = new long[BINS];
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                for (long i = 0; i < count; i++) {
                    long v = in.readLong();
                    if (v >= lo && v <= hi) {
                        bins[(int) ((v - lo) / width)]++;
                    }
                }
            } catch (EOFException e) {
                throw new IllegalStateException(file + " is shorter than the " + count + " values written", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            int b = 0;
            while (below + bins[b] < rank) {
                below += bins[b++];
            }
            lo = lo + b * width;
            hi = Math.min(hi, lo + width - 1);
        }
        return lo;
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Closes and deletes the scratch file. */
    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
