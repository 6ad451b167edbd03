package org.xbarsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;

/**
 * One broken configuration per validation rule. Each test writes the file, loads it and checks the
 * message names the file, the line and the full key path, and says what is wrong.
 */
class ConfigValidationRulesTest {
    @TempDir
    Path dir;

    /** Writes {@code lines} (line 1 = base) to a file layered over the shipped defaults. */
    private Path write(String name, String... lines) throws IOException {
        Path defaults = Path.of("sim-configs/defaults.conf").toAbsolutePath();
        StringBuilder sb = new StringBuilder("base = \"" + defaults + "\"\n");
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        return f;
    }

    private static List<String> problems(Path file) {
        UserInputException e = assertThrows(UserInputException.class, () -> ChipConfigLoader.load(file));
        assertTrue(e.getMessage().startsWith("invalid chip configuration " + file), e.getMessage());
        return e.problems();
    }

    /** Exactly one problem, and it starts with {@code file:line: key}. */
    private static String single(Path file, int line, String key) {
        List<String> p = problems(file);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(file + ":" + line + ": " + key + " = "), p.get(0));
        return p.get(0);
    }

    @Test
    void unknownKeyWithDidYouMean() throws IOException {
        Path f = write("typo.conf", "chip {", "  tile {", "    adc { colums-per-adc = 4 }", "  }", "}");
        String m = single(f, 4, "chip.tile.adc.colums-per-adc");
        assertTrue(m.endsWith("unknown key (did you mean 'chip.tile.adc.columns-per-adc'?)"), m);
    }

    @Test
    void unknownKeyFarFromAnyListsTheKnownKeysThere() throws IOException {
        Path f = write("action.conf", "costs.adc.energy-pj.read = 1.0");
        String m = single(f, 2, "costs.adc.energy-pj.read");
        assertTrue(m.endsWith("unknown key (known keys under costs.adc.energy-pj: convert)"), m);
    }

    @Test
    void wrongTypeString() throws IOException {
        Path f = write("type.conf", "chip.tile.crossbar.rows = \"many\"");
        String m = single(f, 2, "chip.tile.crossbar.rows");
        assertTrue(m.endsWith("= \"many\": must be an integer in [1, 4096], not a string"), m);
    }

    @Test
    void aNumberTooLargeForALongIsNamedAsSuchNotAsAString() throws IOException {
        // HOCON keeps it as text; the message once said "not a string" about a number
        Path f = write("huge.conf", "chip.tiles = 99999999999999999999");
        String m = single(f, 2, "chip.tiles");
        assertTrue(m.endsWith("must be an integer in [1, 16777216], not a number too large to read"), m);
    }

    @Test
    void wrongTypeObjectWhereNumberExpected() throws IOException {
        Path f = write("object.conf", "chip.clock-ghz { value = 1 }");
        List<String> p = problems(f);
        assertTrue(p.stream().anyMatch(m -> m.startsWith(f + ":2: chip.clock-ghz = {...}: must be a number")), p.toString());
    }

    @Test
    void integerWithFraction() throws IOException {
        Path f = write("fraction.conf", "chip.tile.adc.bits = 4.5");
        String m = single(f, 2, "chip.tile.adc.bits");
        assertTrue(m.endsWith("must be an integer in [1, 16]"), m);
    }

    @Test
    void integerOutOfRange() throws IOException {
        Path f = write("range.conf", "chip.tile.adc.bits = 0");
        String m = single(f, 2, "chip.tile.adc.bits");
        assertEquals(f + ":2: chip.tile.adc.bits = 0: must be in [1, 16]", m);
    }

    @Test
    void numberOutOfRange() throws IOException {
        Path f = write("clock.conf", "chip.clock-ghz = 0");
        String m = single(f, 2, "chip.clock-ghz");
        assertTrue(m.endsWith("must be in (0, 100]"), m);
    }

    @Test
    void negativeCost() throws IOException {
        Path f = write("cost.conf", "costs.adc.energy-pj.convert = -1.5");
        String m = single(f, 2, "costs.adc.energy-pj.convert");
        assertTrue(m.endsWith("= -1.5: must be in [0, 1000000000]"), m);
    }

    @Test
    void emptySource() throws IOException {
        Path f = write("source.conf", "costs.crossbar.source = \"  \"");
        String m = single(f, 2, "costs.crossbar.source");
        assertTrue(m.endsWith("must not be empty"), m);
    }

    @Test
    void unknownChoiceWithDidYouMean() throws IOException {
        Path f = write("encoding.conf", "chip.tile.weights.encoding = \"diferential\"");
        String m = single(f, 2, "chip.tile.weights.encoding");
        assertTrue(m.endsWith("must be one of [differential, offset] (did you mean 'differential'?)"), m);
    }

    @Test
    void columnsNotDivisibleByAdcSharing() throws IOException {
        Path f = write("sharing.conf", "chip.tile.adc.columns-per-adc = 48");
        String m = single(f, 2, "chip.tile.adc.columns-per-adc");
        assertTrue(m.endsWith("does not divide chip.tile.crossbar.columns = 128"
                + " (each ADC must serve the same number of whole columns)"), m);
    }

    @Test
    void columnsExactlyAsManyAsOneWeightNeedsAreEnough() throws IOException {
        // 1-bit cells: 2 x 7 = 14 physical columns per differential 8-bit weight; 2-bit cells: 2 x 4 = 8
        Path one = write("fourteen.conf", "chip.tile.crossbar { columns = 14, bits-per-cell = 1 }",
                "chip.tile.adc.columns-per-adc = 14");
        assertEquals(14, ChipConfigLoader.load(one).chip().tile().crossbar().columns());
        Path two = write("eight.conf", "chip.tile.crossbar { columns = 8, bits-per-cell = 2 }",
                "chip.tile.adc.columns-per-adc = 8");
        assertEquals(8, ChipConfigLoader.load(two).chip().tile().crossbar().columns());
    }

    @Test
    void theMappingKeysGiveTheReplicationAndOneProblemIsCountedAsOne() throws IOException {
        Path f = write("auto.conf", "mapping.replicate = \"auto\"", "mapping.replicate-budget = 40");
        org.xbarsim.mapping.Replication r = ChipConfigLoader.load(f).replication();
        assertTrue(r.isAuto(), r.toString());
        assertEquals(40, r.budget());
        Path fixed = write("fixed.conf", "mapping.replicate = \"conv1=3\"");
        assertEquals(java.util.Map.of("conv1", 3), ChipConfigLoader.load(fixed).replication().factors());
        Path bad = write("bad.conf", "chip.tiles = 0");
        UserInputException e = assertThrows(UserInputException.class, () -> ChipConfigLoader.load(bad));
        assertTrue(e.getMessage().contains("(1 problem):"), e.getMessage());
    }

    @Test
    void aFileOfExactlyTheSizeLimitLoadsAndOneByteMoreIsRefused() throws IOException {
        long limit = org.xbarsim.io.InputFiles.MAX_CONFIG_BYTES;
        Path f = write("padded.conf", "chip.tiles = 12");
        String head = Files.readString(f);
        Path atLimit = dir.resolve("at-limit.conf");
        Files.writeString(atLimit, head + "#" + "x".repeat((int) (limit - head.length() - 2)) + "\n");
        assertEquals(limit, Files.size(atLimit));
        assertEquals(12, ChipConfigLoader.load(atLimit).chip().tiles());
        Path over = dir.resolve("over-limit.conf");
        Files.writeString(over, head + "#" + "x".repeat((int) (limit - head.length() - 1)) + "\n");
        assertEquals(limit + 1, Files.size(over));
        List<String> p = problems(over);
        assertEquals(1, p.size(), p.toString());
    }

    @Test
    void aValueAtEitherEndOfItsInclusiveRangeIsAccepted() throws IOException {
        assertEquals(1, ChipConfigLoader.load(write("one-tile.conf", "chip.tiles = 1")).chip().tiles());
        assertEquals(1 << 24, ChipConfigLoader.load(write("many-tiles.conf", "chip.tiles = 16777216")).chip().tiles());
        single(write("no-tile.conf", "chip.tiles = 0"), 2, "chip.tiles");
        single(write("too-many.conf", "chip.tiles = 16777217"), 2, "chip.tiles");
    }

    @Test
    void columnsFewerThanOneWeightNeeds() throws IOException {
        // 8-bit differential weights on 1-bit cells: 2 x 7 = 14 physical columns; 8 columns cannot hold one.
        Path f = write("narrow.conf", "chip.tile.crossbar { columns = 8, bits-per-cell = 1 }",
                "chip.tile.adc.columns-per-adc = 8");
        String m = single(f, 2, "chip.tile.crossbar.columns");
        assertTrue(m.endsWith("fewer than the 14 physical columns one 8-bit differential weight needs with 1-bit cells"),
                m);
    }

    @Test
    void adcBelowIdealColumnSumIsAWarningNotAnError() throws IOException {
        Path f = write("adc.conf", "chip.tile.adc.bits = 7", "costs.adc.resolution-bits = 7");
        ChipConfig c = ChipConfigLoader.load(f);
        assertEquals(7, c.chip().tile().adc().bits());
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertEquals(f + ":2: chip.tile.adc.bits = 7: warning: below the 9 bits an ideal column sum needs"
                + " (128 rows x 1-bit DAC x 2-bit cells, max 384): large column sums clip", c.warnings().get(0).message());
    }

    @Test
    void flipColumnsTakesABooleanAndLowersTheIdealAdcBits() throws IOException {
        Path f = write("flip.conf", "chip.tile.weights.flip-columns = true");
        ChipConfig c = ChipConfigLoader.load(f);
        assertTrue(c.chip().tile().weights().flipColumns());
        assertEquals(8, c.chip().tile().idealAdcBits()); // floor(128 x 3 / 2) = 192 fits 8 bits
        assertEquals(List.of(), c.warnings(), "8 ADC bits suffice with flipped columns");
    }

    @Test
    void flipColumnsOfTheWrongTypeIsAnError() throws IOException {
        Path f = write("flip-type.conf", "chip.tile.weights.flip-columns = \"yes\"");
        String m = single(f, 2, "chip.tile.weights.flip-columns");
        assertTrue(m.endsWith("must be true or false, not a string"), m);
        Path n = write("flip-number.conf", "chip.tile.weights.flip-columns = 1");
        assertTrue(single(n, 2, "chip.tile.weights.flip-columns").endsWith("must be true or false, not a number"));
    }

    @Test
    void adcBelowTheFlippedBoundStillWarnsWithThatBound() throws IOException {
        Path f = write("flip7.conf", "chip.tile.weights.flip-columns = true", "chip.tile.adc.bits = 7",
                "costs.adc.resolution-bits = 7");
        ChipConfig c = ChipConfigLoader.load(f);
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertEquals(f + ":3: chip.tile.adc.bits = 7: warning: below the 8 bits an ideal column sum needs"
                + " (128 rows x 1-bit DAC x 2-bit cells, flipped columns, max 192): large column sums clip",
                c.warnings().get(0).message());
    }

    @Test
    void converterCostsForAnotherResolutionAreAWarning() throws IOException {
        Path f = write("adc6.conf", "chip.tile.adc { bits = 9 }");
        ChipConfig c = ChipConfigLoader.load(f);
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        String m = c.warnings().get(0).message();
        assertTrue(m.matches(".*defaults\\.conf:\\d+: costs\\.adc\\.resolution-bits = 8: warning: costs\\.adc figures are"
                + " for 8-bit converters but chip\\.tile\\.adc\\.bits = 9: set costs\\.adc\\.\\* for 9 bits.*"), m);
    }

    @Test
    void nonPositiveBufferSizeAndBandwidth() throws IOException {
        Path f = write("buffer.conf", "chip.tile.input-buffer.size-bytes = 0",
                "chip.tile.output-buffer.bandwidth-bytes-per-cycle = -4");
        List<String> p = problems(f);
        assertEquals(List.of(
                f + ":2: chip.tile.input-buffer.size-bytes = 0: must be in [1, 1099511627776]",
                f + ":3: chip.tile.output-buffer.bandwidth-bytes-per-cycle = -4: must be in [1, 1048576]"), p);
    }

    @Test
    void nullValue() throws IOException {
        Path f = write("null.conf", "chip.tiles = null");
        String m = single(f, 2, "chip.tiles");
        assertTrue(m.endsWith("= null: must not be null"), m);
    }

    @Test
    void unsupportedVersion() throws IOException {
        Path f = write("version.conf", "version = 2");
        String m = single(f, 2, "version");
        assertTrue(m.endsWith("unsupported version (this build reads version 1)"), m);
    }

    @Test
    void manyMissingKeysWithoutABaseAreOneProblemThatSuggestsABase() throws IOException {
        Path f = dir.resolve("alone.conf");
        Files.writeString(f, "version = 1\nchip.name = \"alone\"\n");
        List<String> p = problems(f);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(f + ": " + (ConfigSchema.keys().size() - 2) + " required keys are missing ("),
                p.get(0));
        assertTrue(p.get(0).contains("add base = \"defaults.conf\""), p.get(0));
    }

    @Test
    void aFewMissingKeysAreListedOneByOne() throws IOException {
        // a complete file (the defaults) with two keys taken out
        String complete = Files.readString(Path.of("sim-configs/defaults.conf"));
        Path f = dir.resolve("almost.conf");
        Files.writeString(f, complete.replace("  tiles = 168", "").replace("clock-ghz", "# clock-ghz"));
        List<String> p = problems(f);
        assertTrue(p.contains(f + ": chip.tiles: missing (give it in this file or in the file its base chain ends in,"
                + " e.g. base = \"defaults.conf\")"), p.toString());
        assertEquals(2, p.size(), p.toString());
    }

    @Test
    void fiveMissingKeysAreStillListedOneByOneAndSixAreSummed() throws IOException {
        String complete = Files.readString(Path.of("sim-configs/defaults.conf"));
        // chip.tiles, chip.clock-ghz, mapping.replicate-budget and both technology-nm keys
        String five = complete.replace("  tiles = 168", "").replace("  clock-ghz = 1.28", "")
                .replace("  technology-nm = 32", "").replace("  replicate-budget = 0", "");
        Path f = dir.resolve("five.conf");
        Files.writeString(f, five);
        List<String> p = problems(f);
        assertEquals(5, p.size(), p.toString());
        assertTrue(p.stream().allMatch(m -> m.contains(": missing (give it in this file")), p.toString());
        Path g = dir.resolve("six.conf");
        Files.writeString(g, five.replace("  replicate = \"none\"", ""));
        p = problems(g);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(g + ": 6 required keys are missing ("), p.get(0));
    }

    @Test
    void sixteenFilesInABaseChainAreAllowedAndSeventeenAreNot() throws IOException {
        // the top file, 14 between and the shipped defaults: 16 files
        String defaults = Path.of("sim-configs/defaults.conf").toAbsolutePath().toString();
        Files.writeString(dir.resolve("c14.conf"), "base = \"" + defaults + "\"\n");
        for (int i = 13; i >= 0; i--) {
            Files.writeString(dir.resolve("c" + i + ".conf"), "base = \"c" + (i + 1) + ".conf\"\n");
        }
        assertEquals(168, ChipConfigLoader.load(dir.resolve("c0.conf")).chip().tiles());
        Files.writeString(dir.resolve("top.conf"), "base = \"c0.conf\"\n");
        List<String> p = problems(dir.resolve("top.conf"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).endsWith("more than 16 nested base files"), p.get(0));
    }

    @Test
    void aFolderNamedAsTheFileOrItsBaseIsRefusedWithTheReason() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sub"));
        Path f = dir.resolve("folder-base.conf");
        Files.writeString(f, "base = \"sub\"\n");
        assertEquals(List.of(f + ":1: base = \"sub\": " + folder + ": is a folder, not a chip configuration file"),
                problems(f));
        UserInputException e = assertThrows(UserInputException.class, () -> ChipConfigLoader.load(folder));
        assertTrue(e.getMessage().contains("is a folder, not a chip configuration file"), e.getMessage());
    }

    @Test
    void anIncludeIsRefusedAtItsLineEvenWhenTheFileExists() throws IOException {
        Files.writeString(dir.resolve("other.conf"), "chip.tiles = 2\n");
        Path f = write("include.conf", "# builds on other.conf", "include \"other.conf\"");
        List<String> p = problems(f);
        assertEquals(List.of(f + ":3: include \"other.conf\": 'include' is not supported in chip configurations; to build"
                + " on another file, name it once at the top with base = \"FILE\" (a path relative to this file)"), p);
        // two includes: each at its own line; one inside a section's line: the file without a line
        Path two = write("two.conf", "include \"a.conf\"", "include \"b.conf\"", "chip { include \"c.conf\" }");
        List<String> lines = problems(two).stream().map(m -> m.substring(0, m.indexOf(": 'include'"))).toList();
        // (problems are sorted by line, the one without a line first)
        assertEquals(List.of(two + ": include \"c.conf\"", two + ":2: include \"a.conf\"", two + ":3: include \"b.conf\""),
                lines);
    }

    @Test
    void baseFileNotFound() throws IOException {
        Path f = dir.resolve("nobase.conf");
        Files.writeString(f, "# a comment\nbase = \"nope.conf\"\n");
        List<String> p = problems(f);
        assertEquals(List.of(f + ":2: base = \"nope.conf\": no such file (looked for " + dir.resolve("nope.conf") + ")"), p);
    }

    @Test
    void aBundledPresetNamedByItsBareNameIsSuggestedByItsPath() throws IOException {
        Path bundled = org.xbarsim.io.Installation.home().orElseThrow().resolve("sim-configs").resolve("isaac.conf");
        Path f = dir.resolve("my-adc.conf");
        Files.writeString(f, "base = \"isaac.conf\"\n");
        assertEquals(List.of(f + ":1: base = \"isaac.conf\": no such file (looked for " + dir.resolve("isaac.conf")
                + "); a base is looked for beside the file that names it, so name the bundled one by its path: base = \""
                + bundled + "\""), problems(f));
    }

    @Test
    void baseCycle() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "base = \"b.conf\"\n");
        Files.writeString(dir.resolve("b.conf"), "base = \"a.conf\"\n");
        List<String> p = problems(dir.resolve("a.conf"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(dir.resolve("b.conf") + ":1: base = \"a.conf\": files name each other as base in a cycle"),
                p.get(0));
    }

    @Test
    void syntaxError() throws IOException {
        Path f = write("syntax.conf", "chip.tiles = 4", "}", "chip.name = \"x\"");
        List<String> p = problems(f);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith(f + ":3: syntax error: "), p.get(0));
        // the parser's own "file: line: " prefix is taken off, as the problem names the place already
        String rest = p.get(0).substring((f + ":3: syntax error: ").length());
        assertFalse(rest.contains("syntax.conf") || rest.startsWith(" ") || rest.startsWith("3"), rest);
        ConfigProblem problem = new ConfigProblem("a.conf", 2, "chip.tiles", "0", "must be in [1, 4096]", false);
        assertEquals(problem.message(), problem.toString());
    }

    @Test
    void scalarWhereASectionBelongsIsReportedOnce() throws IOException {
        Path f = write("scalar.conf", "chip.tile = 3");
        String m = single(f, 2, "chip.tile");
        assertTrue(m.endsWith("= 3: must be a section holding crossbars, crossbar, weights, dac, adc, sample-hold,"
                + " shift-add, registers, input-buffer, output-buffer, activation, pooling, multiplier, not a number"), m);
    }

    @Test
    void everyProblemIsReportedAtOnceInFileAndLineOrder() throws IOException {
        Path f = write("many.conf",
                "chip.tilez = 4",
                "chip.tile.adc.bits = 99",
                "chip.tile.crossbar.rows = 0",
                "chip.tile.adc.columns-per-adc = 3",
                "chip.network.topology = \"torus\"");
        List<String> p = problems(f);
        assertEquals(5, p.size(), p.toString());
        for (int i = 0; i < p.size(); i++) {
            assertTrue(p.get(i).startsWith(f + ":" + (i + 2) + ": "), p.get(i));
        }
    }

    @Test
    void overridesLayerOnTopAndAreNamedInMessages() {
        Path small = Path.of("sim-configs/small.conf");
        ChipConfig c = ChipConfigLoader.load(small,
                ChipConfigLoader.overrides(java.util.Map.of("chip.tiles", 2, "chip.tile.adc.bits", 7), "sweep point 3"));
        assertEquals(2, c.chip().tiles());
        assertEquals(7, c.chip().tile().adc().bits());
        assertTrue(c.entries().stream().anyMatch(e -> e.keyPath().equals("chip.tiles")
                && e.origin().equals("sweep point 3")), c.entries().toString());
        UserInputException e = assertThrows(UserInputException.class, () -> ChipConfigLoader.load(small,
                ChipConfigLoader.overrides(java.util.Map.of("chip.tile.adc.bits", 0, "chip.tile.adc.bitz", 6),
                        "sweep point 4")));
        assertEquals(List.of("sweep point 4: chip.tile.adc.bits = 0: must be in [1, 16]",
                "sweep point 4: chip.tile.adc.bitz = 6: unknown key (did you mean 'chip.tile.adc.bits'?)"), e.problems());
    }

    @Test
    void presetChainsResolveRelativeToEachFile() throws IOException {
        Path isaac = Path.of("sim-configs/isaac.conf").toAbsolutePath();
        Path f = dir.resolve("mine.conf");
        Files.writeString(f, "base = \"" + isaac + "\"\nchip.tiles = 2\n");
        ChipConfig c = ChipConfigLoader.load(f);
        assertEquals(2, c.chip().tiles());
        assertEquals("isaac", c.chip().name());
        assertEquals(128, c.chip().tile().crossbar().rows());
    }

    @Test
    void aBaseGivenTwiceIsRefusedWithBothLines() throws IOException {
        Path f = write("twice.conf", "chip.tiles = 4", "base = \"small.conf\"");
        assertEquals(List.of(f + ":3: base: given again (first at line 1): a chip file builds on one base file; name the one you "
                + "mean once"), problems(f));
    }
}
