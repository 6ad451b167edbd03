package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.cost.Allocation;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.report.ReportFlattener;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * What the docs say, what report.json holds and what map estimates agree: docs/report-format.md's
 * key tables list exactly the keys of a real report; compute power and energy are the compute
 * kinds' dynamic energy plus their leakage, as the docs say; map's estimate and simulate's energies
 * are priced by the same code (equal per action wherever the estimate's count is exact).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostAgreementTest {
    private static final Path CONFIG = Path.of("sim-configs/isaac.conf");
    Path tmp;
    JsonNode report;
    JsonNode mapping;
    Map<String, JsonNode> flat;

    private static void run(String... args) {
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exit(), r.err());
    }

    @BeforeAll
    void simulateAndMap() throws IOException {
        tmp = Files.createTempDirectory("xbarsim-cost-agreement");
        Path model = tmp.resolve("lenet.json");
        ModelFile.write(model, RandomModels.lenet5(3));
        Random r = new Random(5);
        StringBuilder img = new StringBuilder("[");
        for (int k = 0; k < 784; k++) {
            img.append(k == 0 ? "" : ",").append(r.nextInt(256));
        }
        Path input = tmp.resolve("image.json");
        Files.writeString(input, img.append("]").toString());
        Path out = tmp.resolve("run");
        run("simulate", "--model", model.toString(), "--config", CONFIG.toString(), "--input", input.toString(),
                "--threads", "1", "--quiet", "--out", out.toString());
        Path map = tmp.resolve("mapping.json");
        run("map", "--model", model.toString(), "--config", CONFIG.toString(), "--out", map.toString());
        report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        mapping = new ObjectMapper().readTree(map.toFile());
        flat = ReportFlattener.flatten(report);
    }

    /** The documented keys of report.json, as patterns (KIND, LAYER, ACTION stand for any name). */
    private static List<Pattern> documentedKeys() throws IOException {
        String doc = Files.readString(Path.of("docs/report-format.md"));
        String part = doc.substring(doc.indexOf("## Every key of report.json"), doc.indexOf("## run-info.json"));
        List<Pattern> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9./-]+|[A-Za-z0-9./-]+)` \\|").matcher(part);
        while (m.find()) {
            String k = Pattern.quote(m.group(1)).replace("KIND", "\\E[a-z0-9-]+\\Q").replace("LAYER", "\\E[^.]+\\Q")
                    .replace("ACTION", "\\E[a-z0-9-]+\\Q").replace("TILE", "\\E[a-z0-9-]+\\Q");
            keys.add(Pattern.compile(k));
        }
        return keys;
    }

    @Test
    void everyKeyOfARealReportIsDocumentedAndEveryDocumentedKeyIsThere() throws IOException {
        List<Pattern> documented = documentedKeys();
        assertTrue(documented.size() > 40, "found " + documented.size() + " documented keys");
        for (String key : flat.keySet()) {
            assertTrue(documented.stream().anyMatch(p -> p.matcher(key).matches()), "report key not documented: " + key);
        }
        for (Pattern p : documented) {
            boolean optional = p.pattern().contains("first-mismatch\\E") && !p.pattern().endsWith("first-mismatch\\E")
                    || p.pattern().contains("first-mismatch.");
            assertTrue(optional || flat.keySet().stream().anyMatch(k -> p.matcher(k).matches()),
                    "documented key not in report.json: " + p);
        }
    }

    @Test
    void computeIsTheComputeKindsDynamicEnergyPlusTheirLeakageInReportAndDocs() throws IOException {
        ChipConfig cfg = ChipConfigLoader.load(CONFIG);
        Allocation alloc = Allocation.of(cfg.chip(), report.at("/chip/tiles-used").asLong(),
                report.at("/chip/crossbars-allocated").asLong(), report.at("/area/by-component/multiplier").isObject(), false);
        report.at("/area/by-component").fields().forEachRemaining(e -> assertEquals(alloc.count(ComponentKind.fromKey(e.getKey())),
                e.getValue().path("count").asLong(), e.getKey()));
        double leakCompute = cfg.costModel().leakage(alloc).compute();
        double leakAll = cfg.costModel().leakage(alloc).total();
        assertEquals(leakAll, report.at("/power/static-mw").asDouble(), 1e-6 * leakAll);
        double ns = report.at("/throughput/total-cycles").asLong() / report.at("/chip/clock-ghz").asDouble();
        int images = report.at("/inputs/images").asInt();
        double dynamicComputeNj = 0;
        for (ComponentKind k : ComponentKind.values()) {
            if (k.compute()) {
                dynamicComputeNj += report.at("/energy/by-component-nj").path(k.key()).asDouble(0);
            }
        }
        double expectedNj = dynamicComputeNj + leakCompute * ns / 1e3 / images;
        assertTrue(leakCompute * ns / 1e3 / images > 1e-3 * expectedNj, "leakage must matter in this check");
        assertEquals(expectedNj, report.at("/energy/compute-per-inference-nj").asDouble(), 1e-7 * expectedNj);
        assertEquals(expectedNj * images * 1e3 / ns, report.at("/power/compute-average-mw").asDouble(), 1e-7 * expectedNj * 1e3 / ns);

        String doc = Files.readString(Path.of("docs/report-format.md"));
        for (String key : List.of("power.compute-average-mw", "energy.compute-per-inference-nj", "area.compute-mm2")) {
            Matcher m = Pattern.compile("(?m)^\\| `" + Pattern.quote(key) + "` \\|[^|]*\\|([^\\n]*)$").matcher(doc);
            assertTrue(m.find(), key + " has a row in docs/report-format.md");
            String meaning = m.group(1);
            for (ComponentKind k : ComponentKind.values()) {
                if (k.compute()) {
                    assertTrue(meaning.contains(k.key()) || meaning.contains("compute parts"), key + " row names " + k.key() + ": " + meaning);
                }
            }
            if (!key.startsWith("area")) {
                assertTrue(meaning.contains("dynamic") && meaning.contains("leakage"), key + " row says dynamic and leakage: " + meaning);
            }
        }
    }

    @Test
    void staticEnergyByComponentIsEachKindsLeakageOverTheRunAndCompletesTheTotal() throws IOException {
        ChipConfig cfg = ChipConfigLoader.load(CONFIG);
        Allocation alloc = Allocation.of(cfg.chip(), report.at("/chip/tiles-used").asLong(),
                report.at("/chip/crossbars-allocated").asLong(), report.at("/area/by-component/multiplier").isObject(), false);
        double ns = report.at("/throughput/total-cycles").asLong() / report.at("/chip/clock-ghz").asDouble();
        int images = report.at("/inputs/images").asInt();
        var leakage = cfg.costModel().leakage(alloc);
        JsonNode stat = report.at("/energy/static-by-component-nj");
        int kinds = 0;
        for (ComponentKind k : ComponentKind.values()) {
            double expected = leakage.get(k) * ns / 1e3 / images;
            assertEquals(expected, stat.path(k.key()).asDouble(0), 1e-7 * Math.max(expected, 1e-9), k.key());
            assertEquals(expected != 0, stat.has(k.key()), k.key() + ": listed when it leaks");
            kinds += expected != 0 ? 1 : 0;
        }
        assertTrue(kinds >= 3, "several kinds leak in this run: " + stat);
        double sum = 0;
        for (String map : List.of("/energy/by-component-nj", "/energy/static-by-component-nj")) {
            for (JsonNode v : report.at(map)) {
                sum += v.asDouble();
            }
        }
        double total = report.at("/energy/per-inference-nj").asDouble();
        assertEquals(total, sum, 1e-7 * total, "dynamic plus static by component is the energy per inference");
    }

    @Test
    void mapsEstimateAndSimulatesEnergyComeFromTheSamePricing() {
        int images = report.at("/inputs/images").asInt();
        int agreeing = 0;
        for (JsonNode a : mapping.at("/cost/energyEstimate/actions")) {
            String key = a.path("component").asText() + "/" + a.path("action").asText();
            JsonNode simulatedCount = report.at("/energy/action-counts").path(key);
            if (simulatedCount.isMissingNode() || simulatedCount.asLong() != a.path("count").asLong() * images) {
                continue; // the estimate does not get this count exactly; nothing to compare
            }
            double simulatedPj = report.at("/energy/by-action-nj").path(key).asDouble() * 1e3 * images;
            assertEquals(a.path("energyPj").asDouble(), simulatedPj, 1e-7 * simulatedPj, key);
            agreeing++;
        }
        assertTrue(agreeing >= 4, "at least crossbar, DAC, ADC and sample-and-hold counts agree; got " + agreeing);
    }
}
