package org.xbarsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The demo's closing lines: what to open, each with its headline figures read back from the file
 * it names (so the lines always agree with the files), and the demo's request burst.
 */
final class DemoSummary {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DemoSummary() {
    }

    /** A request trace: {@code n} test images of {@code dataset} (0, 1, ...), one every {@code spacingNs}. */
    static String burst(String dataset, int n, long spacingNs) {
        StringBuilder s = new StringBuilder();
        ObjectNode h = MAPPER.createObjectNode().put("format", "xbarsim-requests").put("version", 1).put("arrival-unit", "ns")
                .put("dataset", dataset).put("split", "test")
                .put("description", "the demo's burst: " + n + " test images, one every " + spacingNs + " ns");
        s.append(h).append('\n');
        for (int i = 0; i < n; i++) {
            s.append(MAPPER.createObjectNode().put("id", "r" + i).put("arrival", i * spacingNs).put("index", i)).append('\n');
        }
        return s.toString();
    }

    /** The comparison page and its headline ratios (baseline over compressed). */
    static String compare(Path dir) {
        JsonNode r = read(dir.resolve("report.json")).path("ratios");
        return String.format(Locale.ROOT, "open %s%n  compressed vs unpruned baseline: %sx fewer crossbars, %sx less total area, "
                        + "%sx less compute power, %sx less energy per inference", dir.resolve("report.html"),
                ratio(r, "crossbars"), ratio(r, "total-area"), ratio(r, "compute-power"), ratio(r, "energy-per-inference"));
    }

    /** The timeline file, what it holds and how long the inference took. */
    static String timeline(Path file) {
        JsonNode d = read(file).path("otherData");
        long first = d.path("first-cycle").asLong();
        long end = d.path("end-cycle").asLong();
        double us = (end - first) / d.path("clock-ghz").asDouble() / 1000;
        return String.format(Locale.ROOT, "load %s in ui.perfetto.dev (or chrome://tracing, speedscope)%n"
                        + "  one inference of %s: %d slices and %d counter samples over cycles %d to %d (%.1f us)", file,
                d.path("model").asText(), d.path("slices").asLong(), d.path("counter-events").asLong(), first, end, us);
    }

    /** The replay's report and its latency, queue and throughput. */
    static String replay(Path dir) {
        JsonNode r = read(dir.resolve("replay.json"));
        JsonNode q = r.path("requests");
        JsonNode l = r.path("latency");
        return String.format(Locale.ROOT, "open %s%n  %d requests: %d completed (%d bit-exact), latency p50 %.3f ms, p99 %.3f ms,"
                        + " up to %d waiting at the host, %.1f requests/s completed", dir.resolve("replay.md"),
                q.path("total").asLong(), q.path("completed").asLong(), q.path("bit-exact").asLong(),
                l.path("p50-ns").asDouble() / 1e6, l.path("p99-ns").asDouble() / 1e6, r.at("/queue/max-length").asLong(),
                r.at("/throughput/completed-per-second").asDouble());
    }

    private static String ratio(JsonNode ratios, String key) {
        JsonNode v = ratios.path(key);
        return v.isNumber() ? String.format(Locale.ROOT, "%.2f", v.asDouble()) : "n/a";
    }

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
