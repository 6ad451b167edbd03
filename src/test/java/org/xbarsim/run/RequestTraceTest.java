package org.xbarsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;

/** The request-trace reader: what it reads, and an error naming the file and line for each kind of bad line. */
class RequestTraceTest {
    private static final String HEADER = "{\"format\":\"xbarsim-requests\",\"version\":1,\"arrival-unit\":\"ns\","
            + "\"dataset\":\"synthetic\"}";
    private static final ImageSet SET = DataSets.load("synthetic", null, Split.TEST);

    @TempDir
    Path tmp;

    private Path file(String... lines) throws IOException {
        Path f = tmp.resolve("requests.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private String error(Path f) {
        return assertThrows(UserInputException.class, () -> RequestTrace.check(f, 1.28, 784, SET)).getMessage();
    }

    @Test
    void readsIndicesAndPixelsAndTurnsNanosecondsIntoCycles() throws IOException {
        StringBuilder px = new StringBuilder("[");
        for (int i = 0; i < 784; i++) {
            px.append(i == 0 ? "" : ",").append(i % 256);
        }
        Path f = file(HEADER, "{\"id\":\"a\",\"arrival\":0,\"index\":3}", "", "{\"id\":7,\"arrival\":100.5,\"pixels\":" + px + "]}");
        assertEquals(new RequestTrace.Summary(2, 0, 129), RequestTrace.check(f, 1.28, 784, SET));
        try (RequestTrace t = RequestTrace.open(f, 1.28, 784, SET)) {
            assertEquals("synthetic", t.header().dataset());
            assertEquals("test", t.header().split());
            RequestTrace.Line a = t.next();
            assertEquals(2, a.line());
            assertEquals(3, a.index());
            assertNull(a.pixels());
            RequestTrace.Line b = t.next();
            assertEquals(4, b.line(), "blank lines are skipped but counted");
            assertEquals("7", b.id());
            assertEquals(Math.round(100.5 * 1.28), b.arrivalCycle());
            assertEquals(255, b.pixels()[255] & 0xff);
            assertNull(t.next());
        }
    }

    @Test
    void anUnknownFieldIsNamedWithItsLineAndAGuess() throws IOException {
        String m = error(file(HEADER, "{\"id\":1,\"arrival\":0,\"index\":0}", "{\"id\":2,\"arival\":5,\"index\":0}"));
        assertTrue(m.startsWith(tmp.resolve("requests.jsonl") + ":3: unknown field 'arival'"), m);
        assertTrue(m.contains("arrival"), m);
        String h = error(file("{\"format\":\"xbarsim-requests\",\"version\":1,\"arrival-unit\":\"ns\",\"units\":1}"));
        assertTrue(h.contains(":1: unknown field 'units' in the header"), h);
    }

    @Test
    void anArrivalPastTheLatestReplayableCycleIsRefused() throws IOException {
        // near 2^63 cycles the host queue's timeline overflowed and the replay never ended
        long maxArrival = 1L << 53; // RequestTrace.MAX_ARRIVAL_CYCLES
        String m = error(file(HEADER, "{\"id\":1,\"arrival\":0,\"index\":0}",
                "{\"id\":2,\"arrival\":9223372036854775807,\"index\":0}"));
        assertTrue(m.contains("requests.jsonl:3: arrival = 9223372036854775807 ns is past the latest arrival"), m);
        assertTrue(m.contains(maxArrival + " cycles"), m);
        String c = error(file("{\"format\":\"xbarsim-requests\",\"version\":1,\"arrival-unit\":\"cycles\","
                + "\"dataset\":\"synthetic\"}", "{\"id\":1,\"arrival\":" + (maxArrival + 1) + ",\"index\":0}"));
        assertTrue(c.contains("requests.jsonl:2: arrival = " + (maxArrival + 1) + " cycles is past"), c);
        assertEquals(maxArrival, RequestTrace.check(file("{\"format\":\"xbarsim-requests\",\"version\":1,"
                + "\"arrival-unit\":\"cycles\",\"dataset\":\"synthetic\"}",
                "{\"id\":1,\"arrival\":" + maxArrival + ",\"index\":0}"), 1.28, 784, SET).lastArrivalCycle());
    }

    @Test
    void aFieldGivenTwiceOrASecondObjectOnALineIsRefused() throws IOException {
        String m = error(file(HEADER, "{\"id\":1,\"arrival\":0,\"index\":0,\"index\":1}"));
        assertTrue(m.contains("requests.jsonl:2: not valid JSON: Duplicate field 'index'"), m);
        String two = error(file(HEADER, "{\"id\":1,\"arrival\":0,\"index\":0} {\"id\":2,\"arrival\":1,\"index\":0}"));
        assertTrue(two.contains("requests.jsonl:2: not valid JSON: more data after the line's JSON object"), two);
    }

    @Test
    void aGzipFileIsRefusedAsNotText() throws IOException {
        Path f = tmp.resolve("requests.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            out.write((HEADER + "\n{\"id\":1,\"arrival\":0,\"index\":0}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String m = error(f);
        assertTrue(m.startsWith(f + ":1: not UTF-8 text (a gzip or other binary file?)"), m);
    }

    @Test
    void anArrivalGoingBackwardsIsRefused() throws IOException {
        String m = error(file(HEADER, "{\"id\":1,\"arrival\":50,\"index\":0}", "{\"id\":2,\"arrival\":49.5,\"index\":0}"));
        assertTrue(m.contains("requests.jsonl:3: arrival = 49.5 goes backwards"), m);
        assertTrue(m.contains("arrives at 50 ns"), m);
    }

    @Test
    void anIndexOutsideTheDataSetIsRefused() throws IOException {
        String m = error(file(HEADER, "{\"id\":1,\"arrival\":0,\"index\":" + SET.size() + "}"));
        assertTrue(m.contains(":2: index = " + SET.size() + " is outside the data set"), m);
        assertTrue(m.contains("numbered 0.." + (SET.size() - 1)), m);
    }

    @Test
    void malformedPixelsAreRefused() throws IOException {
        String noDataSet = "{\"format\":\"xbarsim-requests\",\"version\":1,\"arrival-unit\":\"cycles\"}";
        assertTrue(error(file(noDataSet, "{\"id\":1,\"arrival\":0,\"pixels\":[1,2,3]}"))
                .contains(":2: pixels has 3 values, the model takes 784"));
        String big = "[" + "0,".repeat(783) + "300]";
        assertTrue(error(file(noDataSet, "{\"id\":1,\"arrival\":0,\"pixels\":" + big + "}"))
                .contains(":2: pixels[783] = 300: must be an integer in [0, 255]"));
        assertTrue(error(file(noDataSet, "{\"id\":1,\"arrival\":0,\"pixels\":\"abc\"}")).contains(":2: pixels = \"abc\""));
        assertTrue(error(file(noDataSet, "{\"id\":1,\"arrival\":0,\"index\":4}")).contains(":2: index = 4: the header names no "
                + "data set"));
        assertTrue(error(file(noDataSet, "{\"id\":1,\"arrival\":2.5,\"pixels\":[]}")).contains(":2: arrival = 2.5: must be a "
                + "whole number of cycles"));
    }

    @Test
    void aDuplicateIdIsRefused() throws IOException {
        String m = error(file(HEADER, "{\"id\":\"x\",\"arrival\":0,\"index\":0}", "{\"id\":\"y\",\"arrival\":0,\"index\":1}",
                "{\"id\":\"x\",\"arrival\":1,\"index\":2}"));
        assertTrue(m.contains(":4: id 'x' is used by an earlier request"), m);
    }

    @Test
    void badLinesAndHeadersAreNamed() throws IOException {
        assertTrue(error(file(HEADER, "{\"id\":1,\"arrival\":0,")).contains(":2: not valid JSON"));
        assertTrue(error(file(HEADER, "[1,2]")).contains(":2: expected one JSON object"));
        assertTrue(error(file(HEADER, "{\"arrival\":0,\"index\":0}")).contains(":2: id is missing"));
        assertTrue(error(file(HEADER, "{\"id\":1,\"index\":0}")).contains(":2: arrival is missing"));
        assertTrue(error(file(HEADER, "{\"id\":1,\"arrival\":-3,\"index\":0}")).contains(":2: arrival = -3: must be a number >= 0"));
        assertTrue(error(file(HEADER, "{\"id\":1,\"arrival\":0}")).contains(":2: give the input as either"));
        assertTrue(error(file(HEADER)).contains("no requests"));
        assertTrue(error(file("{\"id\":1,\"arrival\":0,\"index\":0}")).contains(":1: format = null"));
        assertTrue(error(file("{\"format\":\"xbarsim-requests\",\"version\":1,\"arrival-unit\":\"s\"}"))
                .contains(":1: arrival-unit = \"s\": must be \"ns\" or \"cycles\""));
        assertTrue(error(file("{\"format\":\"xbarsim-requests\",\"version\":2,\"arrival-unit\":\"ns\"}"))
                .contains(":1: version = 2"));
    }

    @Test
    void exactPercentilesAgreeWithSorting() {
        java.util.Random r = new java.util.Random(5);
        long[] v = new long[5000];
        try (ExactPercentiles p = new ExactPercentiles(tmp.resolve("scratch"))) {
            for (int i = 0; i < v.length; i++) {
                v[i] = i % 7 == 0 ? 1_000_000_000_000L + r.nextInt(1000) : r.nextInt(100_000);
                p.add(v[i]);
            }
            long[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            long[] got = p.percentiles(50, 95, 99, 100, 0.01);
            assertArrayEquals(new long[] {sorted[2499], sorted[4749], sorted[4949], sorted[4999], sorted[0]}, got);
            assertEquals(sorted[4999], p.max());
        }
        assertTrue(Files.notExists(tmp.resolve("scratch")), "the scratch file is deleted");
    }

    @Test
    void theQueueTimelineKeepsItsBucketCountAndTheIntegralOfTheLength() {
        QueueTimeline q = new QueueTimeline(10);
        q.change(0, 1);
        q.change(5, 3);   // length 1 over [0,5), 3 over [5,2000)
        q.change(2000, 0);
        q.change(100_000, 2);
        q.advance(100_010); // 2 over [100000, 100010)
        long area = 5 + 3 * 1995 + 2 * 10;
        assertEquals((double) area / 100_010, q.meanLength(100_010), 1e-12);
        assertEquals(3, q.maxLength());
        var w = q.windows(100_010);
        assertTrue(w.size() <= QueueTimeline.BUCKETS && w.size() > QueueTimeline.BUCKETS / 2, w.size() + " buckets");
        assertEquals(3, w.get(0).maxLength());
        assertEquals(2, w.get(w.size() - 1).maxLength());
        assertEquals(100_010, w.get(w.size() - 1).endCycle());
        double sum = 0;
        for (var x : w) {
            sum += x.meanLength() * (x.endCycle() - x.startCycle());
        }
        assertEquals(area, sum, 1e-6);
    }
}
