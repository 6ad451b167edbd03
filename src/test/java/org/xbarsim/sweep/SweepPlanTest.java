package org.xbarsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;

class SweepPlanTest {
    @TempDir
    Path dir;

    private Path sweep(String body) throws Exception {
        return SweepFixtures.write(dir.resolve("s.conf"), """
                version = 1
                name = "t"
                chip = "%s"
                models = [ { name = "a", model = "%s" }, { name = "b", model = "%s" } ]
                images { dataset = "synthetic", count = 1 }
                """.formatted(SweepFixtures.SMALL, SweepFixtures.TINY, SweepFixtures.TINY) + body);
    }

    @Test
    void expandsTheProductWithTheModelOutermostAndTheLastAxisFastestAndZippedKeysTogether() throws Exception {
        SweepPlan plan = SweepPlan.load(sweep("""
                axes = [
                  { key = "chip.tile.adc.bits", values = [6, 7, 8] }
                  { zip = [ { key = "chip.tile.crossbar.rows", values = [32, 64] },
                            { key = "chip.tile.crossbar.columns", values = [32, 64], label = "cols" } ] }
                ]
                """));
        assertEquals(List.of("model", "adc.bits", "crossbar.rows", "cols"), plan.labels());
        assertEquals(12, plan.points().size());
        assertEquals("p000", plan.points().get(0).id());
        assertEquals(Map.of("model", "a", "adc.bits", "6", "crossbar.rows", "32", "cols", "32"), plan.points().get(0).values());
        assertEquals(Map.of("model", "a", "adc.bits", "6", "crossbar.rows", "64", "cols", "64"), plan.points().get(1).values());
        assertEquals(Map.of("model", "a", "adc.bits", "7", "crossbar.rows", "32", "cols", "32"), plan.points().get(2).values());
        assertEquals(Map.of("model", "b", "adc.bits", "8", "crossbar.rows", "64", "cols", "64"), plan.points().get(11).values());
        // the point's config is complete (no base) and carries its values
        String text = plan.points().get(1).configText();
        assertTrue(text.contains("chip.tile.crossbar.rows = 64\n") && text.contains("chip.tile.adc.bits = 6\n"), text);
        assertTrue(!text.contains("base ="), text);
        // points that differ only in the model have different digests; the same point has the same digest twice
        assertTrue(!plan.points().get(0).digest().equals(plan.points().get(1).digest()));
        assertEquals(plan.points().get(5).digest(), SweepPlan.load(dir.resolve("s.conf")).points().get(5).digest());
    }

    @Test
    void aChipConfigIsToldApartFromASweepFileWithAChipBlock() throws Exception {
        UserInputException config = assertThrows(UserInputException.class, () -> SweepPlan.load(Path.of("sim-configs/isaac.conf")));
        assertTrue(config.getMessage().contains("(1 problem)") && config.getMessage().contains(
                "this is a chip configuration, not a sweep file"), config.getMessage());
        // a sweep file that writes a chip block where chip = "FILE" belongs: its own problems, at their lines
        Path file = SweepFixtures.write(dir.resolve("block.conf"), """
                version = 1
                name = "t"
                chip { base = "%s" }
                models = [ { name = "a", model = "%s" } ]
                images { dataset = "synthetic", count = 1 }
                axes = [ { key = "chip.tile.adc.bits", values = [6, 7] } ]
                """.formatted(SweepFixtures.SMALL, SweepFixtures.TINY));
        UserInputException block = assertThrows(UserInputException.class, () -> SweepPlan.load(file));
        assertFalse(block.getMessage().contains("not a sweep file"), block.getMessage());
        assertTrue(block.getMessage().contains(file + ":3: chip: "), block.getMessage());
    }

    @Test
    void constraintsSkipPointsWithoutRenumberingTheOthers() throws Exception {
        SweepPlan plan = SweepPlan.load(sweep("""
                axes = [
                  { key = "chip.tile.adc.bits", values = [6, 7] }
                  { key = "chip.tile.weights.flip-columns", values = [false, true] }
                ]
                constraints = [
                  { skip-when { model = "b", "adc.bits" = 7 } }
                  { require = "adc-bits-cover-rows" }
                ]
                """));
        // 32 rows of 2-bit cells: column sums up to 96 need 7 bits, 6 with flipped columns
        assertEquals(List.of("p001", "p002", "p003", "p005"), plan.points().stream().map(SweepPoint::id).toList());
        assertEquals(List.of("p000", "p004", "p006", "p007"), plan.skipped().stream().map(SweepPlan.Skipped::id).toList());
        assertTrue(plan.skipped().get(0).reason().startsWith("adc-bits-cover-rows"), plan.skipped().get(0).reason());
        assertTrue(plan.skipped().get(2).reason().startsWith("skip-when"), plan.skipped().get(2).reason());
    }

    @Test
    void listsABadAxisKeyABadConstraintAndAnInvalidPointAllAtOnceWithTheirLines() throws Exception {
        Path file = sweep("""
                axes = [
                  { key = "chip.tile.adc.bitz", values = [6] }
                  { key = "chip.tile.crossbar.rows", values = [32, 0] }
                ]
                constraints = [
                  { skip-when { "chip.tiles" = 2 } }
                  { require = "adc-bits-cover-row" }
                ]
                """);
        UserInputException e = assertThrows(UserInputException.class, () -> SweepPlan.load(file));
        List<String> p = e.problems();
        String all = String.join("\n", p);
        assertTrue(all.contains(file + ":7: axis chip.tile.adc.bitz: not a chip config key (did you mean 'chip.tile.adc.bits'?)"), all);
        assertTrue(all.contains(file + ":11: constraints[0].skip-when.chip.tiles: not a swept axis"), all);
        assertTrue(all.contains(file + ":12: constraints[1].require: unknown rule 'adc-bits-cover-row' (did you mean"
                + " 'adc-bits-cover-rows'?)"), all);
        // the point with 0 rows, once per model, naming the line of the value
        assertTrue(all.contains(file + ":8: point p001 (model=a, crossbar.rows=0): chip.tile.crossbar.rows = 0: must be"), all);
        assertTrue(all.contains(file + ":8: point p003 (model=b, crossbar.rows=0): chip.tile.crossbar.rows = 0: must be"), all);
        assertEquals(5, p.size(), all);
        assertTrue(e.getMessage().startsWith("invalid sweep " + file + " (5 problems):"), e.getMessage());
    }

    @Test
    void listsProblemsOfTheFileItselfTogether() throws Exception {
        Path file = SweepFixtures.write(dir.resolve("bad.conf"), """
                version = 2
                name = "has space"
                chip = "no-such.conf"
                models = [ { name = "a", model = "no-such.json", extra = 1 } ]
                images { dataset = "fashion-mnistt", count = 0 }
                axes = [ { zip = [ { key = "chip.tile.crossbar.rows", values = [32, 64] },
                                   { key = "chip.tile.crossbar.columns", values = [32] } ] } ]
                colour = "red"
                """);
        String all = String.join("\n", assertThrows(UserInputException.class, () -> SweepPlan.load(file)).problems());
        for (String expected : List.of(":1: version: must be 1", ":2: name: must be 1 to 64 letters", ":3: chip: no such chip config",
                ":4: models[0].extra: unknown key", ":4: models[0].model: ", ":5: images.dataset: unknown data set (did you mean"
                        + " 'fashion-mnist'?)", ":5: images.count: must be in [1, 10000]", ":6: axes[0].zip: zipped keys need as many"
                        + " values each", ":8: colour: unknown key")) {
            assertTrue(all.contains(file + expected), expected + " in\n" + all);
        }
    }

    /**
     * The problems of a sweep file {@code name}.conf in the test folder with one model (a file that does
     * not exist) on {@code chip}, whose {@code axes} list starts on line 5.
     */
    private String problemsOf(String name, String chip, String axes) throws Exception {
        Path file = SweepFixtures.write(dir.resolve(name + ".conf"), "version = 1\nname = \"" + name + "\"\nchip = \"" + chip
                + "\"\nmodels = [ { name = \"a\", model = \"no-such.json\" } ]\naxes = " + axes + "\n");
        return String.join("\n", assertThrows(UserInputException.class, () -> SweepPlan.load(file)).problems());
    }

    @Test
    void aBundledChipNamedByItsBareNameIsSuggestedByItsPath() throws Exception {
        Path file = dir.resolve("mine.conf");
        String all = problemsOf("mine", "isaac.conf", "[ { key = \"chip.tile.adc.bits\", values = [6, 8] } ]");
        Path bundled = org.xbarsim.io.Installation.home().orElseThrow().resolve("sim-configs").resolve("isaac.conf");
        assertTrue(all.contains(file + ":3: chip: no such chip config file (looked for " + dir.resolve("isaac.conf")
                + "); paths are relative to the sweep file's folder, so name the bundled one by its path: chip = \"" + bundled
                + "\""), all);
    }

    @Test
    void anAxisLabelThatRepeatsASummaryColumnIsRefused() throws Exception {
        Path file = dir.resolve("labels.conf");
        String all = problemsOf("labels", "no-such.conf", """
                [ { key = "chip.tile.crossbars", values = [4, 96] }
                         { key = "chip.tile.adc.bits", values = [6, 8], label = "pareto" }
                         { key = "chip.tiles", values = [1, 2], label = "accuracy" } ]""");
        assertTrue(all.contains(file + ":5: axis chip.tile.crossbars: its column label 'crossbars' is already a column of the summary (a figure or another axis);"
                + " give the axis a label of its own, e.g. label = \"tile.crossbars\""), all);
        assertTrue(all.contains(file + ":6: axis chip.tile.adc.bits: its column label 'pareto' is already a column"), all);
        assertTrue(all.contains(file + ":7: axis chip.tiles: its column label 'accuracy' is already a column"), all);
    }

    @Test
    void twoAxesWithOneLabelAreReportedOnceWithTheLine() throws Exception {
        Path file = dir.resolve("same.conf");
        String all = problemsOf("same", "no-such.conf", """
                [ { key = "chip.tile.adc.bits", values = [6, 8], label = "x" }
                         { key = "chip.tiles", values = [1, 2], label = "x" } ]""");
        assertTrue(all.contains(file + ":6: axis chip.tiles: its column label 'x' is already a column"), all);
        assertEquals(1, all.split("label 'x'", -1).length - 1, all);
        assertFalse(all.contains("same label"), all);
    }

    @Test
    void aValueListedTwiceIsRefusedButZippedKeysMayRepeatOneColumnsValue() throws Exception {
        Path file = dir.resolve("twice.conf");
        String all = problemsOf("twice", "no-such.conf", """
                [ { key = "chip.tile.adc.bits", values = [6, 8, 8] }
                         { zip = [ { key = "chip.tile.crossbar.rows", values = [64, 64, 128] },
                                   { key = "chip.tile.crossbar.columns", values = [32, 64, 128] } ] }
                         { zip = [ { key = "chip.tile.shift-add.count", values = [1, 1] },
                                   { key = "chip.tile.shift-add.latency-cycles", values = [2, 2] } ] } ]""");
        assertTrue(all.contains(file + ":5: axis chip.tile.adc.bits: the value 8 is listed twice: the same points would run twice"),
                all);
        assertFalse(all.contains("chip.tile.crossbar.rows + chip.tile.crossbar.columns"), all);
        assertTrue(all.contains("axis chip.tile.shift-add.count + chip.tile.shift-add.latency-cycles: the values (1, 2) are listed"
                + " twice"), all);
    }

    @Test
    void theCheckTellsItsProgressPointByPoint() throws Exception {
        Path file = SweepFixtures.tinySweep(dir, "progress");
        List<long[]> calls = new java.util.ArrayList<>();
        SweepPlan plan = SweepPlan.load(file, (checked, total) -> calls.add(new long[] {checked, total}));
        assertEquals(6, plan.points().size());
        assertEquals(6, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertArrayEquals(new long[] {i + 1, 6}, calls.get(i));
        }
    }
}
