package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.report.ReportFlattener;
import org.xbarsim.report.ReportJson;

/** replay --run (re-costing) and --verify end to end, on one small recorded run. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayCommandTest {
    Path tmp;
    Path model;
    Path input;
    Path config = Path.of("sim-configs/isaac.conf").toAbsolutePath();
    Path run;

    @BeforeAll
    void recordARun() throws IOException {
        tmp = Files.createTempDirectory("xbarsim-replay-test");
        model = tmp.resolve("mlp.json");
        ModelFile.write(model, RandomModels.mlp(3));
        input = RandomImages.write(tmp.resolve("images.json"), 2, 3, 784);
        run = simulate(model, "run");
    }

    private Path simulate(Path modelFile, String name) {
        Path out = tmp.resolve(name);
        CliRun s = CliRun.run("simulate", "--model", modelFile.toString(), "--config", config.toString(), "--input",
                input.toString(), "--threads", "2", "--quiet", "--out", out.toString());
        assertEquals(0, s.exit(), s.err());
        return out;
    }

    private Path copyOfRun(String name) throws IOException {
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private Path costConfig(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "base = \"" + config + "\"\n" + body + "\n");
        return p;
    }

    @Test
    void aRunRecordedWithReportVersionTwoIsReCostedIntoVersionThreeWithItsStaticBreakdown() throws IOException {
        Path old = copyOfRun("v2-run");
        JsonNode tree = ReportJson.readTree(old.resolve("report.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("version", 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("energy")).remove("static-by-component-nj");
        Files.writeString(old.resolve("report.json"), ReportJson.toJson(tree));
        Path out = tmp.resolve("recost-v2");
        CliRun r = CliRun.run("replay", "--run", old.toString(), "--config", config.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode now = ReportJson.readTree(out.resolve("report.json"));
        assertEquals(3, now.path("version").asInt());
        assertEquals(ReportJson.readTree(run.resolve("report.json")).at("/energy/static-by-component-nj"),
                now.at("/energy/static-by-component-nj"));
        assertTrue(now.at("/energy/static-by-component-nj").size() > 0);
    }

    @Test
    void aReCostNeverReplacesTheRunItReads() {
        // found by a user trial: replay --run s1 --out s1 --force left s1 without its trace
        for (Path out : java.util.List.of(run, run.resolve("inside"))) {
            CliRun r = CliRun.run("replay", "--run", run.toString(), "--config", "sim-configs/isaac.conf", "--out", out.toString(),
                    "--force");
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), out.toString());
            assertTrue(r.err().contains("would replace the run it re-costs"), r.err());
        }
        CliRun parent = CliRun.run("replay", "--run", run.toString(), "--config", "sim-configs/isaac.conf", "--out",
                run.getParent().toString(), "--force");
        assertEquals(Main.EXIT_BAD_INPUT, parent.exit(), "the folder holding the run is refused too (not xbarsim's here)");
        assertTrue(Files.isRegularFile(run.resolve("run.json")));
    }

    @Test
    void reCostingWithTheRunsOwnConfigReproducesItsReportByteForByte() throws IOException {
        Path out = tmp.resolve("recost-same");
        CliRun r = CliRun.run("replay", "--run", run.toString(), "--config", config.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("re-costed " + run) && r.out().contains("wrote " + out + "/{report.json"), r.out());
        assertArrayEquals(Files.readAllBytes(run.resolve("report.json")), Files.readAllBytes(out.resolve("report.json")));
        assertArrayEquals(Files.readAllBytes(run.resolve("report.md")), Files.readAllBytes(out.resolve("report.md")));
        JsonNode rec = ReportJson.readTree(out.resolve("recost.json"));
        assertEquals(rec.path("run-config").path("sha256"), rec.path("config").path("sha256"));
        assertTrue(r.err().matches("re-cost: \\d+\\.\\d\\d s\\R"), r.err());
        CliRun quiet = CliRun.run("replay", "--run", run.toString(), "--config", config.toString(), "--out", out.toString(),
                "--force", "--quiet");
        assertEquals(0, quiet.exit(), quiet.err());
        assertEquals("", quiet.err(), "--quiet: no time");
    }

    @Test
    void reCostingWithFiguresForAnotherAdcResolutionIsWarnedAbout() throws IOException {
        Path adc6 = costConfig("adc6.conf", "costs.adc.resolution-bits = 6");
        CliRun r = CliRun.run("replay", "--run", run.toString(), "--config", adc6.toString(), "--out",
                tmp.resolve("recost-adc6").toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals(adc6 + ":2: costs.adc.resolution-bits = 6: warning: costs.adc figures are for 6-bit converters but"
                + " chip.tile.adc.bits = 8: set costs.adc.* for 8 bits (docs/cost-model.md lists them by resolution)",
                r.err().trim());
    }

    @Test
    void aDoubledAdcEnergyChangesOnlyTheAdcEnergyAndTheTotalsBuiltOnIt() throws IOException {
        double adcPj = 1.40625; // defaults.conf's costs.adc.energy-pj.convert, which isaac.conf keeps
        Path adc = costConfig("adc-x2.conf", "costs.adc.energy-pj.convert = " + 2 * adcPj);
        Path out = tmp.resolve("recost-adc");
        CliRun r = CliRun.run("replay", "--run", run.toString(), "--config", adc.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, JsonNode> before = ReportFlattener.flatten(ReportJson.readTree(run.resolve("report.json")));
        Map<String, JsonNode> after = ReportFlattener.flatten(ReportJson.readTree(out.resolve("report.json")));
        assertEquals(before.keySet(), after.keySet());
        Set<String> changed = new TreeSet<>();
        for (String k : before.keySet()) {
            if (!before.get(k).equals(after.get(k))) {
                changed.add(k);
            }
        }
        assertEquals(new TreeSet<>(List.of("config.file", "config.sha256", "power.compute-average-mw",
                "power.total-average-mw", "power.peak-mw", "energy.per-inference-nj", "energy.compute-per-inference-nj",
                "energy.total-nj", "energy.by-component-nj.adc", "energy.by-action-nj.adc/convert")),
                changed.stream().filter(k -> !k.equals("power.peak-window-start-cycle")).collect(TreeSet::new, Set::add, Set::addAll));
        long conversions = before.get("energy.action-counts.adc/convert").asLong();
        int images = before.get("inputs.images").asInt();
        assertTrue(conversions > 0);
        double adcNj = conversions * adcPj / 1e3 / images;
        assertEquals(adcNj, before.get("energy.by-action-nj.adc/convert").asDouble(), adcNj * 1e-8);
        assertEquals(2 * adcNj, after.get("energy.by-action-nj.adc/convert").asDouble(), adcNj * 1e-8);
        assertEquals(before.get("energy.per-inference-nj").asDouble() + adcNj, after.get("energy.per-inference-nj").asDouble(),
                adcNj * 1e-6);
    }

    @Test
    void aConfigThatChangesTheArchitectureIsRefusedNamingTheKey() throws IOException {
        Path other = costConfig("more-adcs.conf", "chip.tile.adc.columns-per-adc = 64");
        Path out = tmp.resolve("recost-refused");
        CliRun r = CliRun.run("replay", "--run", run.toString(), "--config", other.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("more-adcs.conf:2: chip.tile.adc.columns-per-adc = 64, the run had 128"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aCostOnlyTechnologyNodeIsAccepted() throws IOException {
        Path node = costConfig("node.conf", "chip.technology-nm = 22");
        CliRun r = CliRun.run("replay", "--run", run.toString(), "--config", node.toString(), "--out",
                tmp.resolve("recost-node").toString());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void aRunWhoseTraceDisagreesWithItsReportIsNotPriced() throws IOException {
        Path copy = copyOfRun("tampered-counts");
        String report = Files.readString(copy.resolve("report.json"));
        int counts = report.indexOf("\"action-counts\"");
        String tampered = report.substring(0, counts)
                + report.substring(counts).replaceFirst("\"adc/convert\": (\\d+)", "\"adc/convert\": 1$1");
        assertFalse(report.equals(tampered));
        Files.writeString(copy.resolve("report.json"), tampered);
        CliRun r = CliRun.run("replay", "--run", copy.toString(), "--config", config.toString(), "--out",
                tmp.resolve("recost-tampered").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("adc/convert") && r.err().contains("changed after the run"), r.err());
    }

    @Test
    void aSyntheticRunThatRecordedAnIgnoredDataDirIsReRunNotRefused() throws IOException {
        // earlier versions ignored --data-dir beside --dataset synthetic and recorded it; it is refused now
        Path out = tmp.resolve("synthetic-run");
        CliRun s = CliRun.run("simulate", "--model", model.toString(), "--config", config.toString(), "--dataset", "synthetic",
                "--images", "1", "--quiet", "--out", out.toString());
        assertEquals(0, s.exit(), s.err());
        JsonNode rec = ReportJson.readTree(out.resolve("run.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) rec.get("inputs")).put("data-dir", tmp.toString());
        Files.writeString(out.resolve("run.json"), ReportJson.toJson(rec));
        CliRun v = CliRun.run("replay", "--verify", out.toString(), "--quiet");
        assertEquals(1, v.exit(), "run.json was edited, so it differs: " + v.out() + v.err());
        assertTrue(v.out().contains("NOT verified") && v.out().contains("run.json"), v.out());
    }

    @Test
    void verifyPassesOnAnUntouchedRun() {
        CliRun r = CliRun.run("replay", "--verify", run.toString(), "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("verified: " + run + " re-runs byte-identical (outputs.jsonl, report.json, report.md, "
                + "run.json, trace.xbt)"), r.out());
        assertTrue(r.err().contains("re-running " + run), r.err());
        CliRun quiet = CliRun.run("replay", "--verify", run.toString(), "--threads", "1", "--quiet");
        assertEquals(r.out(), quiet.out());
        assertEquals("", quiet.err(), "--quiet: no steps, no progress, no time");
    }

    @Test
    void aRunRecordedWithReportVersionTwoIsVerifiedInThatVersion() throws IOException {
        Path old = copyOfRun("v2-verify");
        org.xbarsim.report.SimulationReport v2 = ReportJson.readReport(old.resolve("report.json")).asVersion2();
        ReportJson.write(old.resolve("report.json"), v2);
        Files.writeString(old.resolve("report.md"), org.xbarsim.report.ReportMarkdown.render(v2));
        CliRun r = CliRun.run("replay", "--verify", old.toString(), "--quiet");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("verified: " + old + " re-runs byte-identical"), r.out());
        assertTrue(r.err().contains("has report version 2 (an older xbarsim): the re-run's report is compared in that version"),
                r.err());
    }

    @Test
    void verifyNamesTheKeyOfATamperedReport() throws IOException {
        Path copy = copyOfRun("tampered-report");
        String report = Files.readString(copy.resolve("report.json"));
        Files.writeString(copy.resolve("report.json"), report.replaceFirst("\"cycles\": (\\d+)", "\"cycles\": 7"));
        CliRun r = CliRun.run("replay", "--verify", copy.toString(), "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("NOT verified: " + copy.resolve("report.json") + ": key latency.cycles is 7, the re-run gives "),
                r.out());
    }

    @Test
    void verifyNamesATamperedTraceBlock() throws IOException {
        Path copy = copyOfRun("tampered-trace");
        Path trace = copy.resolve("trace.xbt");
        byte[] b = Files.readAllBytes(trace);
        b[b.length - b.length / 8] ^= 0x10; // inside the record blocks, past the header
        Files.write(trace, b);
        CliRun r = CliRun.run("replay", "--verify", copy.toString(), "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("NOT verified: " + trace + ": ") && r.out().contains("bad checksum of the block"), r.out());
    }

    @Test
    void verifyFailsWhenTheModelFileChanged() throws IOException {
        Path modelCopy = tmp.resolve("mlp-copy.json");
        Files.copy(model, modelCopy);
        Path other = simulate(modelCopy, "run-of-copy");
        Files.writeString(modelCopy, "\n", StandardOpenOption.APPEND);
        CliRun r = CliRun.run("replay", "--verify", other.toString(), "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("NOT verified: the model file " + modelCopy + " changed since the run"), r.out());
    }

    @Test
    void modesAndTheirOptionsAreCheckedBeforeAnyWork() {
        CliRun none = CliRun.run("replay");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("either --run"), none.err());
        CliRun both = CliRun.run("replay", "--run", run.toString(), "--verify", run.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("not both"), both.err());
        CliRun noConfig = CliRun.run("replay", "--run", run.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, noConfig.exit());
        assertTrue(noConfig.err().contains("--run needs --config"), noConfig.err());
        CliRun verifyOut = CliRun.run("replay", "--verify", run.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, verifyOut.exit());
        assertTrue(verifyOut.err().contains("--verify takes no"), verifyOut.err());
    }
}
