package org.xbarsim.trace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a separate JVM with a small heap by {@link TraceStreamingTest}: writes, reads back and
 * summarizes millions of records. If any of them held the records, it would run out of memory.
 * Prints "records bytes" on success.
 */
public final class StreamingProbe {
    private StreamingProbe() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean gzip = Boolean.parseBoolean(args[2]);
        TraceHeader h = TraceFixtures.smallHeader();
        int comps = h.components().size();
        try (TraceWriter w = TraceWriter.create(file, h, TraceWriter.Options.DEFAULT.withGzip(gzip))) {
            for (int i = 0; i < n; i++) {
                long cycle = i / comps;
                int c = i % comps;
                w.write(cycle, 1 + (i & 7), c, (i >> 3) % 7, 128, (int) (cycle / 100_000), (i & 15) == 0 ? 64 : 0);
            }
        }
        long read = 0;
        long countSum = 0;
        try (TraceReader r = TraceReader.open(file)) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) {
                read++;
                countSum += rec.count();
            }
        }
        TraceSummary s = TraceSummarizer.summarize(file, 1000);
        if (read != n || countSum != 128L * n || s.records() != n) {
            throw new IllegalStateException("read " + read + " records, count sum " + countSum + ", summary " + s.records());
        }
        System.out.println(read + " " + fileSize(file));
    }

    private static long fileSize(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
