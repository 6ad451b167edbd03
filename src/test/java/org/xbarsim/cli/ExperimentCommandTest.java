package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.report.ReportJson;

/**
 * {@code experiment paper}: the quick preset end to end, a rerun that reuses every step and writes
 * the same bytes, a changed option that redoes only the steps it affects, and bad options.
 */
class ExperimentCommandTest {
    @TempDir
    Path dir;

    private static final List<String> TRAIN_STEPS = List.of("s1-train-main", "s2-train-main", "s1-train-baseline-16",
            "s1-train-budget-1.5x", "s1-train-bits-4");
    private static final List<String> COMPARE_STEPS = List.of("s1-compare-main", "s1-compare-replicate", "s2-compare-main",
            "s1-compare-baseline-16", "s1-compare-budget-1.5x", "s1-compare-bits-4", "s1-compare-bits-4-chip");

    @Test
    void quickPresetRunsEveryStepThenAResumeReusesThemAndAChangedOptionRedoesOnlyTheComparisons() throws IOException {
        Path out = dir.resolve("exp");
        CliRun first = CliRun.run("experiment", "paper", "--preset", "quick", "--quiet", "--threads", "2", "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("0 step(s) reused, 12 run"), first.out());
        for (String step : concat(TRAIN_STEPS, COMPARE_STEPS)) {
            assertTrue(Files.isRegularFile(out.resolve("steps").resolve(step).resolve("step.json")), step);
        }
        // a step's runs name the files as they stay (a step's own chip config, not its temporary folder's), so they re-run
        for (String run : List.of("s1-compare-baseline-16/compare/baseline", "s1-compare-bits-4-chip/compressed")) {
            CliRun verify = CliRun.run("replay", "--verify", out.resolve("steps").resolve(run).toString(), "--quiet");
            assertEquals(0, verify.exit(), run + ": " + verify.out() + verify.err());
        }
        JsonNode r = ReportJson.readTree(out.resolve("results.json"));
        assertEquals("xbarsim-experiment-paper", r.path("format").asText());
        assertEquals(7, r.path("points").size());
        assertEquals(2, r.path("main").path("weight-sparsity").path("n").asInt());
        assertTrue(r.path("main").path("weight-sparsity").path("mean").asDouble() >= 0.88 - 1e-9, r.toString());
        assertTrue(r.path("main").path("ratio-crossbars").path("mean").asDouble() > 1, "pruning frees crossbars");
        assertFalse(r.path("power-readings").isEmpty());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| weight sparsity | 88.25 % |"), md);
        // the preset's recipe reaches training: the sparsity points are capped per layer, every point
        // has batch norm, does not rescale and keeps 2 inputs per tile (4 in the paper preset); a crossbar
        // budget point (no sparsity target) is not capped
        String main = Files.readString(out.resolve("steps/s1-train-main/step.json"));
        assertTrue(main.contains("maxLayerSparsity=0.94") && main.contains("zerorizeSteps=8")
                && main.contains("rescalePruned=false") && main.contains("minKeptUnits=2")
                && main.contains("batchNorm=true")
                && main.contains("distillation=null"), main);
        assertTrue(Files.readString(out.resolve("steps/s1-train-bits-4/step.json")).contains("maxLayerSparsity=0.94"));
        String budget = Files.readString(out.resolve("steps/s1-train-budget-1.5x/step.json"));
        assertTrue(budget.contains("maxLayerSparsity=1.0") && budget.contains("minKeptUnits=2"), budget);
        assertEquals(0.94, r.path("settings").path("max-layer-sparsity").asDouble(), 1e-12, r.path("settings").toString());
        // the 16-bit baseline: exported with 16-bit weights from seed 1's float baseline, simulated on the chip with
        // 16-bit weights, where it needs more crossbars than the 8-bit baseline; the main point's compressed model
        // is the one compared. Steps recorded before the option existed keep their records (no baselineWeightBits)
        assertFalse(main.contains("baselineWeightBits"), main);
        assertTrue(Files.readString(out.resolve("steps/s1-train-baseline-16/step.json")).contains("baselineWeightBits=16"));
        assertTrue(Files.readString(out.resolve("steps/s1-train-baseline-16/model-baseline.json")).contains("\"weightBits\" : 16"));
        JsonNode wide = null;
        JsonNode main1 = null;
        for (JsonNode p : r.path("points")) {
            if (p.path("kind").asText().equals("baseline-16")) {
                wide = p;
            } else if (p.path("kind").asText().equals("main") && p.path("seed").asInt() == 1) {
                main1 = p;
            }
        }
        assertTrue(wide != null && main1 != null, r.path("points").toString());
        assertEquals(main1.path("compressed").toString(), wide.path("compressed").toString());
        assertTrue(wide.path("baseline").path("crossbars").asLong() > main1.path("baseline").path("crossbars").asLong(),
                wide.toString());
        assertTrue(wide.path("ratios").path("crossbars").asDouble() > main1.path("ratios").path("crossbars").asDouble());
        assertTrue(r.path("power-readings").toString().contains("against a 16-bit baseline (seed 1)"),
                r.path("power-readings").toString());
        byte[] json = Files.readAllBytes(out.resolve("results.json"));
        byte[] mdBytes = Files.readAllBytes(out.resolve("results.md"));

        CliRun again = CliRun.run("experiment", "paper", "--preset", "quick", "--threads", "1", "--out", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("12 step(s) reused, 0 run"), again.out());
        assertTrue(again.err().contains("s1-train-main: finished earlier with the same inputs, reused"), again.err());
        assertTrue(again.err().matches("(?s).*\\Rexperiment paper: [0-9hms]+\\R"), "the time taken, last: " + again.err());
        assertFalse(first.err().contains("experiment paper: "), "not with --quiet: " + first.err());
        assertArrayEquals(json, Files.readAllBytes(out.resolve("results.json")));
        assertArrayEquals(mdBytes, Files.readAllBytes(out.resolve("results.md")));

        CliRun changed = CliRun.run("experiment", "paper", "--preset", "quick", "--images", "2", "--out", out.toString());
        assertEquals(0, changed.exit(), changed.err());
        assertTrue(changed.out().contains("5 step(s) reused, 7 run"), changed.out());
        for (String step : TRAIN_STEPS) {
            assertTrue(changed.err().contains(step + ": finished earlier"), step);
        }
        for (String step : COMPARE_STEPS) {
            assertTrue(changed.err().contains(step + ": running"), step);
        }
        assertEquals(2, ReportJson.readTree(out.resolve("results.json")).path("settings").path("images").asInt());
    }

    @Test
    void badOptionsExitTwoBeforeAnyFolderIsMade() {
        Path out = dir.resolve("never");
        assertRefused("--seeds 0: must be in [1, 10]", "--seeds", "0", "--out", out.toString());
        assertRefused("--seeds 11: must be in [1, 10]", "--seeds", "11", "--out", out.toString());
        assertRefused("--budgets 1.0: every value is a reduction factor", "--budgets", "1", "--out", out.toString());
        assertRefused("--weight-bits 9", "--weight-bits", "9", "--out", out.toString());
        assertRefused("--preset slow: must be quick or paper", "--preset", "slow", "--out", out.toString());
        assertRefused("--max-layer-sparsity 0.8: must be in [0.88, 1]", "--max-layer-sparsity", "0.8", "--out", out.toString());
        assertRefused("--distill-alpha 1.5: must be in [0, 1]", "--distill-alpha", "1.5", "--out", out.toString());
        assertRefused("--zerorize-steps 0: must be in [1, 100]", "--zerorize-steps", "0", "--out", out.toString());
        assertFalse(Files.exists(out));
    }

    private static void assertRefused(String expected, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "experiment";
        cmd[1] = "paper";
        cmd[2] = args[0].equals("--preset") ? "--quiet" : "--preset=quick";
        System.arraycopy(args, 0, cmd, 3, args.length);
        CliRun r = CliRun.run(cmd);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
