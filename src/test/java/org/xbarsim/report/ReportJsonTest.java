package org.xbarsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;

class ReportJsonTest {
    @TempDir
    Path dir;

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void keysComeInDeclarationOrderInKebabCase() throws Exception {
        JsonNode tree = ReportJson.mapper().readTree(ReportJson.toJson(ReportFixtures.sample(null)));
        assertEquals(List.of("format", "version", "model", "config", "inputs", "chip", "area", "power", "energy",
                "latency", "throughput", "accuracy", "bit-exactness", "simulation"), keys(tree));
        assertEquals(List.of("compute-average-mw", "total-average-mw", "static-mw", "peak-mw",
                "peak-window-start-cycle", "window-cycles"), keys(tree.get("power")));
        assertEquals(List.of("per-inference-nj", "compute-per-inference-nj", "total-nj", "by-component-nj",
                "static-by-component-nj", "by-action-nj", "action-counts"), keys(tree.get("energy")));
        assertEquals(List.of("adc/convert", "shift-add/shift-add"), keys(tree.get("energy").get("by-action-nj")),
                "map keys sorted whatever the insertion order");
        assertEquals(List.of("fc1", "fc2"), keys(tree.get("chip").get("crossbars-by-layer")));
    }

    @Test
    void bytesAreStableAcrossWritesAndAReadWriteRoundTrip() throws Exception {
        SimulationReport r = ReportFixtures.sample(new SimulationReport.Mismatch(1, 2, "fc1", 17, 5, -3));
        Path a = dir.resolve("a/report.json");
        ReportJson.write(a, r);
        Path b = dir.resolve("b/report.json");
        ReportJson.write(b, ReportFixtures.sample(new SimulationReport.Mismatch(1, 2, "fc1", 17, 5, -3)));
        byte[] bytes = Files.readAllBytes(a);
        assertEquals(new String(bytes), new String(Files.readAllBytes(b)));
        SimulationReport back = ReportJson.readReport(a);
        Path c = dir.resolve("c/report.json");
        ReportJson.write(c, back);
        assertEquals(new String(bytes), Files.readString(c), "read then write gives the same bytes");
        assertEquals(r.bitExactness(), back.bitExactness());
        assertEquals(r.energy().actionCounts(), back.energy().actionCounts());
        String text = new String(bytes);
        assertTrue(text.contains("""
                  "power": {
                    "compute-average-mw": 0.333333333,
                    "total-average-mw": 0.666666667,
                    "static-mw": 0.1,
                    "peak-mw": 12.5,
                    "peak-window-start-cycle": 1000,
                    "window-cycles": 100
                  },
                """), text);
        assertTrue(text.endsWith("}\n") && !text.contains("\r"), "LF line ends and a final newline");
    }

    @Test
    void doublesAreRoundedToNineSignificantDigitsWithoutExponentsAndNonFiniteIsNull() throws Exception {
        assertEquals("0.333333333", ReportJson.round(1.0 / 3).toPlainString());
        assertEquals("123456789000", ReportJson.round(123456789012.0).toPlainString());
        assertEquals("0", ReportJson.round(0.0).toPlainString());
        assertEquals("0", ReportJson.round(-0.0).toPlainString());
        assertEquals("-2.5", ReportJson.round(-2.5).toPlainString());
        String json = ReportJson.toJson(new SimulationReport.Latency(7, 1e-12)).replaceAll("\\s", "");
        assertEquals("{\"cycles\":7,\"ns\":0.000000000001}", json);
        SimulationReport.Throughput t = new SimulationReport.Throughput(1, 0, 0, Double.POSITIVE_INFINITY);
        JsonNode n = ReportJson.mapper().readTree(ReportJson.toJson(t));
        assertTrue(n.get("images-per-second").isNull());
        SimulationReport.Accuracy noLabels = new SimulationReport.Accuracy(3, 0, 0, null);
        assertTrue(ReportJson.mapper().readTree(ReportJson.toJson(noLabels)).get("top1").isNull());
    }

    @Test
    void readingAWrongFileNamesTheFileAndField() throws Exception {
        Path notReport = dir.resolve("other.json");
        Files.writeString(notReport, "{\"format\": \"xbarsim-int-model\", \"version\": 1}");
        UserInputException e = assertThrows(UserInputException.class, () -> ReportJson.readReport(notReport));
        assertEquals(notReport + ": field 'format' is 'xbarsim-int-model', expected 'xbarsim-report'", e.getMessage());
        Path future = dir.resolve("future.json");
        Files.writeString(future, "{\"format\": \"xbarsim-report\", \"version\": 9}");
        e = assertThrows(UserInputException.class, () -> ReportJson.readReport(future));
        assertEquals(future + ": field 'version' is 9; this xbarsim reads report versions 2 to 3", e.getMessage());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": ");
        e = assertThrows(UserInputException.class, () -> ReportJson.readReport(broken));
        assertTrue(e.getMessage().startsWith(broken + ": not valid JSON"), e.getMessage());
    }

    @Test
    void aVersionTwoReportIsReadWithoutAStaticBreakdownAndWrittenBackTheSame() throws Exception {
        String v2 = ReportJson.toJson(ReportFixtures.sample(null).asVersion2());
        assertTrue(v2.contains("\"version\": 2") && !v2.contains("static-by-component-nj"), v2);
        Path old = dir.resolve("v2/report.json");
        Files.createDirectories(old.getParent());
        Files.writeString(old, v2);
        SimulationReport r = ReportJson.readReport(old);
        assertEquals(2, r.version());
        assertNull(r.energy().staticByComponentNj());
        assertTrue(r.energy().staticByComponentOrEmpty().isEmpty());
        assertEquals(Map.of("adc", 3.3, "shift-add", 0.001), r.energy().byComponentNj());
        assertEquals(v2, ReportJson.toJson(r), "the same bytes back");
    }

    @Test
    void flattenedColumnsJoinKeysWithDots() {
        Map<String, JsonNode> row = ReportFlattener.flatten(ReportFixtures.sample(null));
        assertEquals(12.5, row.get("power.peak-mw").asDouble());
        assertEquals(1_000_000_000_000L, row.get("energy.action-counts.adc/convert").asLong());
        assertEquals(8, row.get("area.by-component.adc.count").asInt());
        assertTrue(row.get("bit-exactness.first-mismatch").isNull());
        assertNull(row.get("energy"), "only leaves are columns");
        List<String> cols = new ArrayList<>(row.keySet());
        assertEquals("format", cols.get(0));
        assertTrue(cols.indexOf("power.peak-mw") < cols.indexOf("energy.per-inference-nj"), "document order");
    }

    @Test
    void runInfoHoldsTheVaryingFacts() throws Exception {
        long peakBefore = RunInfo.currentPeakHeapBytes();
        RunInfo info = RunInfo.capture(java.time.Instant.parse("2026-01-02T03:04:05Z"), 2.0, 3, 1000,
                List.of("simulate", "--model", "m.json"));
        long peakAfter = RunInfo.currentPeakHeapBytes();
        JsonNode n = ReportJson.mapper().readTree(ReportJson.toJson(info));
        assertEquals(List.of("format", "version", "started-at", "wall-seconds", "host", "os", "jvm",
                "available-processors", "threads", "max-heap-bytes", "peak-heap-bytes", "events",
                "events-per-second", "command-line", "windows", "phases"), keys(n));
        assertEquals(500.0, n.get("events-per-second").asDouble());
        assertEquals("2026-01-02T03:04:05Z", n.get("started-at").asText());
        // the peak is the heap pools' peak at capture time: it never decreases, so it lies between
        long peak = n.get("peak-heap-bytes").asLong();
        assertTrue(peakBefore > 0 && peakBefore <= peak && peak <= peakAfter, peakBefore + " <= " + peak + " <= " + peakAfter);
        assertEquals(Runtime.getRuntime().maxMemory(), n.get("max-heap-bytes").asLong());
        assertEquals(Runtime.getRuntime().availableProcessors(), n.get("available-processors").asInt());
        assertEquals(List.of("simulate", "--model", "m.json"),
                ReportJson.mapper().convertValue(n.get("command-line"), List.class));
    }

    @Test
    void aCompareFolderGivenAsARunNamesItsTwoRuns() throws Exception {
        Path cmp = Files.createDirectories(dir.resolve("cmp"));
        Files.writeString(cmp.resolve("report.json"), "{\"format\": \"xbarsim-compare\", \"version\": 1}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> ReportJson.readReport(cmp.resolve("report.json")));
        assertEquals(cmp.resolve("report.json") + ": field 'format' is 'xbarsim-compare', expected 'xbarsim-report'; that folder is a "
                + "compare output: its two simulation runs are " + cmp.resolve("compressed") + " and " + cmp.resolve("baseline"),
                e.getMessage());
    }
}
