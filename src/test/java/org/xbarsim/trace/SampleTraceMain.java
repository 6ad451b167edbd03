package org.xbarsim.trace;

import java.nio.file.Path;
import java.util.List;

/** Writes a small sample trace (the test fixture stream) for checking readers in other languages. */
public final class SampleTraceMain {
    private SampleTraceMain() {
    }

    public static void main(String[] args) {
        TraceHeader h = TraceFixtures.smallHeader();
        List<TraceRecord> records = TraceFixtures.realisticRecords(h, Integer.parseInt(args[1]), 7);
        try (TraceWriter w = TraceWriter.create(Path.of(args[0]), h,
                TraceWriter.Options.DEFAULT.withGzip(args[0].endsWith(".gz")).withBlockBytes(1024))) {
            records.forEach(w::write);
        }
        for (TraceRecord r : records.subList(0, 5)) {
            System.out.println(r);
        }
    }
}
