package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbarsim.report.ReportJson;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;

/** compare end to end on a random LeNet-5 and a crossbar-pruned copy of it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareCommandTest {
    Path tmp;
    Path compressed;
    Path baseline;
    Path out;
    CliRun run;
    final String config = "sim-configs/defaults.conf";

    @BeforeAll
    void compare() throws IOException {
        tmp = Files.createTempDirectory("xbarsim-compare-test");
        var geometry = ChipConfigLoader.load(Path.of(config)).chip().tile().geometry();
        baseline = tmp.resolve("base.json");
        compressed = tmp.resolve("comp.json");
        ModelFile.write(baseline, RandomModels.lenet5(3, RandomModels.Requantization.BASELINE));
        ModelFile.write(compressed, RandomModels.prune(RandomModels.lenet5(3), geometry, 0.88, 1));
        out = tmp.resolve("cmp");
        run = CliRun.run("compare", "--model", compressed.toString(), "--baseline", baseline.toString(), "--config", config,
                "--dataset", "synthetic", "--images", "2", "--test-limit", "40", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
    }

    @Test
    void theRatiosAreBaselineOverCompressedFromTheTwoSimulationReports() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode r = json.readTree(out.resolve("report.json").toFile());
        assertEquals("xbarsim-compare", r.get("format").asText());
        JsonNode c = json.readTree(out.resolve("compressed/report.json").toFile());
        JsonNode b = json.readTree(out.resolve("baseline/report.json").toFile());
        assertEquals(c, r.get("compressed"));
        assertEquals(b, r.get("baseline"));
        Map<String, String> keys = Map.of("crossbars", "/chip/crossbars-allocated", "compute-area", "/area/compute-mm2",
                "total-area", "/area/total-mm2", "compute-power", "/power/compute-average-mw", "peak-power", "/power/peak-mw",
                "energy-per-inference", "/energy/per-inference-nj", "latency", "/latency/cycles",
                "cycles-between-images", "/throughput/cycles-between-images");
        keys.forEach((k, p) -> assertEquals(b.at(p).asDouble() / c.at(p).asDouble(), r.at("/ratios/" + k).asDouble(),
                1e-6 * r.at("/ratios/" + k).asDouble(), k));
        assertTrue(r.at("/ratios/crossbars").asDouble() > 2, "88 % crossbar-aligned sparsity frees crossbars: " + r.get("ratios"));
        assertTrue(r.at("/ratios/compute-power").asDouble() > 1, r.get("ratios").toString());
        assertEquals(11, r.get("ratios").size());
        assertEquals(40, r.at("/accuracy/test-set/images").asInt());
        assertEquals(100 * (r.at("/accuracy/test-set/compressed-top1").asDouble() - r.at("/accuracy/test-set/baseline-top1").asDouble()),
                r.at("/accuracy/test-set/difference-points").asDouble(), 1e-6);
        assertEquals(2, r.at("/accuracy/simulated-images").asInt());
        assertEquals(5, r.get("layers").size(), "LeNet-5's five weighted layers");
        assertTrue(r.at("/power-over-time/baseline").size() > 10);
        // the table is compare's result, on standard output; the two simulations' summaries are steps, on standard error
        assertTrue(run.out().contains("base/comp") && run.out().contains("accuracy, 40 test images "), run.out());
        assertTrue(run.out().contains("wrote " + out + "/{report.json, report.md, report.html"), run.out());
        assertFalse(run.out().contains("bit-exact vs golden engine:"), "the simulations' own summaries: " + run.out());
        assertTrue(run.err().contains("== simulating the baseline"), run.err());
    }

    @Test
    void theConfigsCostWarningIsShownOnceNotOncePerSimulation() throws IOException {
        Path cfg = tmp.resolve("adc6.conf");
        Files.writeString(cfg, "base = \"" + Path.of(config).toAbsolutePath() + "\"\ncosts.adc.resolution-bits = 6\n");
        CliRun r = CliRun.run("compare", "--model", compressed.toString(), "--baseline", baseline.toString(), "--config",
                cfg.toString(), "--dataset", "synthetic", "--images", "1", "--test-limit", "10", "--quiet", "--out",
                tmp.resolve("adc6").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("costs.adc figures are for 6-bit converters")).count(), r.err());
    }

    @Test
    void swappedModelsAreWarnedAboutAndTheRightOrderIsNot() {
        assertFalse(run.err().contains("the other way round"), run.err());
        CliRun swapped = CliRun.run("compare", "--model", baseline.toString(), "--baseline", compressed.toString(), "--config",
                config, "--dataset", "synthetic", "--images", "1", "--test-limit", "10", "--quiet", "--out",
                tmp.resolve("swapped").toString());
        assertEquals(0, swapped.exit(), swapped.err());
        assertTrue(swapped.err().contains("warning: the compressed model " + baseline + " takes more crossbars"), swapped.err());
        assertTrue(swapped.err().contains("were --model and --baseline given the other way round?"), swapped.err());
        assertEquals(1, swapped.err().lines().count(), "--quiet: the warning alone, no steps, no time: " + swapped.err());
    }

    @Test
    void theHtmlPageIsSelfContainedWithTheChartsAndEveryFigure() throws IOException {
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Apache") && html.contains("echarts"), "ECharts inlined");
        assertFalse(html.matches("(?s).*<script[^>]*\\ssrc=.*"), "no external script");
        assertFalse(html.contains("<link"), "no external style sheet");
        for (String id : new String[] {"area", "power", "energy", "crossbars", "layerEnergy", "powerTime"}) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("<td>energy.per-inference-nj</td>"), "the table of every figure");
        assertTrue(html.matches("(?s).*<tr><td>version</td><td>\\d+</td><td>\\d+</td><td></td></tr>.*"), "no ratio of versions");
        assertTrue(html.contains("less compute power"));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| compute power (average), simulated | mW |") && md.contains("test images (golden engine)"), md);
    }

    @Test
    void theEnergyBarsAreDynamicPlusStaticAndAddUpToEachModelsEnergyPerInference() throws IOException {
        String html = Files.readString(out.resolve("report.html"));
        int from = html.indexOf("const DATA = ") + "const DATA = ".length();
        com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(html.substring(from, html.indexOf(";\n", from)));
        assertTrue(html.contains("Energy per inference by component (nJ, dynamic + static)"));
        for (String model : new String[] {"compressed", "baseline"}) {
            double sum = 0;
            for (com.fasterxml.jackson.databind.JsonNode v : data.at("/energy/" + model)) {
                sum += v.asDouble();
            }
            double total = ReportJson.readTree(out.resolve(model + "/report.json")).at("/energy/per-inference-nj").asDouble();
            assertEquals(total, sum, 1e-6 * total, model);
        }
    }

    @Test
    void messagesNameTheFinalFoldersNotTheTemporaryOne() {
        assertTrue(run.err().contains("wrote " + out.resolve("compressed") + "/{report.json")
                && run.err().contains("wrote " + out.resolve("baseline") + "/{report.json"), run.err());
        assertFalse(run.err().contains(".partial"), run.err());
    }

    @Test
    void aBaselineConfigSimulatesTheBaselineOnItsOwnChipAndTheReportNamesBoth() throws IOException {
        // the same chip with 16-bit weights: each weight takes twice the cell columns, so the baseline needs more crossbars
        Path wide = tmp.resolve("wide.conf");
        Files.writeString(wide, "base = \"" + Path.of(config).toAbsolutePath().toString().replace("\\", "/")
                + "\"\nchip.tile.weights.bits = 16\n");
        Path o = tmp.resolve("cmp-wide");
        CliRun r = CliRun.run("compare", "--model", compressed.toString(), "--baseline", baseline.toString(), "--config", config,
                "--baseline-config", wide.toString(), "--dataset", "synthetic", "--images", "1", "--quiet", "--out",
                o.toString());
        assertEquals(0, r.exit(), r.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode same = json.readTree(out.resolve("report.json").toFile());
        JsonNode w = json.readTree(o.resolve("report.json").toFile());
        assertEquals(same.at("/compressed/chip/crossbars-allocated"), w.at("/compressed/chip/crossbars-allocated"));
        assertTrue(w.at("/baseline/chip/crossbars-allocated").asLong() > same.at("/baseline/chip/crossbars-allocated").asLong(),
                w.at("/baseline/chip").toString());
        assertEquals("wide.conf", w.at("/baseline/config/file").asText());
        String md = Files.readString(o.resolve("report.md"));
        assertTrue(md.contains("`defaults.conf` (compressed), `wide.conf` (baseline)"), md);
        assertTrue(Files.readString(out.resolve("report.md")).contains("chip config `defaults.conf`,"));
    }

    @Test
    void mappingFilesWireEachChipAsPlanned() throws IOException {
        // the compressed model's plan with weight duplication, the baseline's without: the comparison's crossbars
        // are the plans' (the compressed model's grow with its copies), and --replicate beside a plan is refused
        Path plan = tmp.resolve("comp-plan.json");
        Path basePlan = tmp.resolve("base-plan.json");
        assertEquals(0, CliRun.run("map", "--model", compressed.toString(), "--config", config, "--replicate", "auto",
                "--out", plan.toString()).exit());
        assertEquals(0, CliRun.run("map", "--model", baseline.toString(), "--config", config, "--out",
                basePlan.toString()).exit());
        Path o = tmp.resolve("cmp-plan");
        CliRun r = CliRun.run("compare", "--model", compressed.toString(), "--baseline", baseline.toString(), "--config",
                config, "--mapping", plan.toString(), "--baseline-mapping", basePlan.toString(), "--dataset", "synthetic",
                "--images", "1", "--quiet", "--out", o.toString());
        assertEquals(0, r.exit(), r.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode same = json.readTree(out.resolve("report.json").toFile());
        JsonNode p = json.readTree(o.resolve("report.json").toFile());
        assertEquals(same.at("/baseline/chip/crossbars-allocated"), p.at("/baseline/chip/crossbars-allocated"));
        assertTrue(p.at("/compressed/chip/crossbars-allocated").asLong() > same.at("/compressed/chip/crossbars-allocated").asLong(),
                p.at("/compressed/chip").toString());
        long byLayer = 0;
        for (JsonNode l : p.path("layers")) {
            byLayer += l.path("compressed-crossbars").asLong();
        }
        assertEquals(p.at("/compressed/chip/crossbars-allocated").asLong(), byLayer, p.path("layers").toString());

        Path refused = tmp.resolve("cmp-refused");
        CliRun both = CliRun.run("compare", "--model", compressed.toString(), "--baseline", baseline.toString(), "--config",
                config, "--mapping", plan.toString(), "--replicate", "auto", "--dataset", "synthetic", "--out",
                refused.toString());
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("leave out --replicate"), both.err());
        assertFalse(Files.exists(refused));
    }

    @Test
    void modelsOfDifferentNetworksAreRefusedBeforeAnythingRuns() throws IOException {
        Path other = tmp.resolve("other.json");
        Files.writeString(other, Files.readString(baseline).replace("\"fc3\"", "\"fc9\""));
        Path o = tmp.resolve("bad");
        CliRun r = CliRun.run("compare", "--model", compressed.toString(), "--baseline", other.toString(), "--config", config,
                "--dataset", "synthetic", "--out", o.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("are not the same network") && r.err().contains("'fc3'") && r.err().contains("'fc9'"), r.err());
        assertFalse(Files.exists(o));
        CliRun missing = CliRun.run("compare", "--model", compressed.toString(), "--baseline", tmp.resolve("nope.json").toString(),
                "--config", config, "--out", o.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.json"), missing.err());
        assertFalse(Files.exists(o));
    }

    @Test
    void aTestLimitBeyondTheTestSplitIsRefusedBeforeSimulating() {
        Path o = tmp.resolve("test-limit-too-big");
        CliRun r = CliRun.run("compare", "--model", compressed.toString(), "--baseline", baseline.toString(), "--config", config,
                "--dataset", "synthetic", "--images", "1", "--test-limit", "100000000", "--out", o.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().matches("(?s).*--test-limit 100000000: the synthetic test split has only \\d+ images.*"), r.err());
        assertFalse(r.err().contains("== simulating"), "refused before the simulations");
        assertFalse(Files.exists(o));
    }

    @Test
    void dataSetOptionsBesideAnInputFileAreRefusedRatherThanIgnored() throws IOException {
        Path input = tmp.resolve("one-image.json");
        Files.writeString(input, "[" + "0,".repeat(783) + "0]");
        Path o = tmp.resolve("input-and-images");
        for (String[] extra : java.util.List.of(new String[] {"--images", "5"}, new String[] {"--dataset", "synthetic"},
                new String[] {"--data-dir", tmp.toString()}, new String[] {"--test-limit", "10"})) {
            CliRun r = CliRun.run("compare", "--model", compressed.toString(), "--baseline", baseline.toString(), "--config", config,
                    "--input", input.toString(), extra[0], extra[1], "--out", o.toString());
            assertEquals(2, r.exit(), extra[0]);
            assertTrue(r.err().contains(extra[0] + " applies to a data set; with --input FILE every image of the file runs"), r.err());
        }
        assertFalse(Files.exists(o));
    }
}
