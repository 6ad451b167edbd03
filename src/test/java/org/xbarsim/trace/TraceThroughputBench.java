package org.xbarsim.trace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures trace writer, reader and summarizer throughput and bytes per record on a stream shaped
 * like a crossbar pipeline. Not a unit test; run it by hand (docs/trace-format.md, "Size and speed"):
 *
 * <pre>
 * mvn -B -o -q test-compile
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/runtime-classpath.txt) \
 *     org.xbarsim.trace.TraceThroughputBench [records] [dir]
 * </pre>
 *
 * The stream: 64 tiles, each with 8 crossbars (and their DAC group, ADC, shift-add) plus input
 * and output buffers (2,560 components). Every crossbar "step" (one input bit-plane) yields, per
 * crossbar, a read (1 record), a DAC drive of 128 rows, 128 ADC conversions over 16 cycles and
 * 128 shift-adds (40 columns on the last crossbar of a tile; one step in 8 is stretched by a
 * random 1-24 cycle wait for the ADC), then buffer reads/writes carrying bytes; 8 steps per input
 * vector, one image every 2,000 vectors. Records are produced on the fly, never held.
 */
public final class TraceThroughputBench {
    private static final int TILES = 64;
    private static final int XBARS = 8;

    private TraceThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("xbt-bench");
        TraceHeader h = header();
        run(h, dir, Math.min(n, 2_000_000), false, false); // warm-up
        run(h, dir, n, false, true);
        run(h, dir, n, true, true);
    }

    private static TraceHeader header() {
        TraceHeader.Builder b = TraceHeader.builder("vgg-like", "isaac-like", 1.2).windowCycles(100);
        for (int t = 0; t < TILES; t++) {
            for (int x = 0; x < XBARS; x++) {
                b.component("tile" + t + "/xbar" + x, "crossbar", t);
                b.component("tile" + t + "/dac" + x, "dac", t);
                b.component("tile" + t + "/adc" + x, "adc", t);
                b.component("tile" + t + "/shift-add" + x, "shift-add", t);
            }
            b.component("tile" + t + "/input-buffer", "input-buffer", t);
            b.component("tile" + t + "/output-buffer", "output-buffer", t);
            b.component("tile" + t + "/activation", "activation", t);
            b.component("tile" + t + "/controller", "controller", t);
            b.component("tile" + t + "/router", "network", t);
            b.component("tile" + t + "/pooling", "pooling", t);
            b.component("tile" + t + "/sample-hold", "sample-hold", t);
            b.component("tile" + t + "/multiplier", "multiplier", t);
        }
        for (String a : new String[] {"read", "convert", "operate", "write", "transfer"}) {
            b.action(a);
        }
        return b.build();
    }

    private static void run(TraceHeader h, Path dir, long n, boolean gzip, boolean print) throws Exception {
        Path file = dir.resolve("bench" + (gzip ? TraceFormat.GZIP_EXTENSION : TraceFormat.EXTENSION));
        int perTile = XBARS * 4 + 8;
        long t0 = System.nanoTime();
        long written = 0;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        try (TraceWriter w = TraceWriter.create(file, h, TraceWriter.Options.DEFAULT.withGzip(gzip))) {
            long step = 0;
            outer:
            while (true) {
                long cycle = step * 20;
                int image = (int) (step / 8 / 2000);
                for (int t = 0; t < TILES; t++) {
                    int base = t * perTile;
                    for (int x = 0; x < XBARS; x++) {
                        int c = base + x * 4;
                        if (written + 4 > n) {
                            break outer;
                        }
                        int columns = x == XBARS - 1 ? 40 : 128;
                        int wait = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(24) : 0;
                        w.write(cycle, 1, c, 0, 1, image, 0);
                        w.write(cycle, 1, c + 1, 1, 128, image, 0);
                        w.write(cycle, 16 + wait, c + 2, 2, columns, image, 0);
                        w.write(cycle, 16 + wait, c + 3, 3, columns, image, 0);
                        written += 4;
                    }
                    if ((step & 7) == 7) {
                        if (written + 2 > n) {
                            break outer;
                        }
                        w.write(cycle, 2, base + XBARS * 4, 4, 4, image, 128);
                        w.write(cycle, 2, base + XBARS * 4 + 1, 5, 4, image, 64);
                        written += 2;
                    }
                }
                step++;
            }
        }
        long t1 = System.nanoTime();
        long read = 0;
        try (TraceReader r = TraceReader.open(file)) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) {
                read++;
            }
        }
        long t2 = System.nanoTime();
        TraceSummary s = TraceSummarizer.summarize(file, 100);
        long t3 = System.nanoTime();
        if (read != written || s.records() != written) {
            throw new IllegalStateException("wrote " + written + ", read " + read);
        }
        long size = Files.size(file);
        if (print) {
            System.out.printf("%s: %,d records, %,d bytes, %.2f bytes/record; write %.2f M records/s, read %.2f M/s,"
                            + " summarize %.2f M/s%n", gzip ? "gzip " : "plain", written, size, (double) size / written,
                    written / ((t1 - t0) / 1e3), read / ((t2 - t1) / 1e3), read / ((t3 - t2) / 1e3));
        }
        Files.delete(file);
    }
}
