package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.model.Shape;

class ValidateCommandTest {

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void printsEveryKeyWithItsOrigin() {
        CliRun r = run("validate", "--config", "sim-configs/small.conf");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# sim-configs/small.conf: valid chip configuration 'small'"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("chip\\.name = \"small\" +# sim-configs/small\\.conf:\\d+")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("chip\\.clock-ghz = 1\\.28 +# sim-configs/defaults\\.conf:\\d+")),
                r.out());
        assertTrue(r.out().contains("#   logical columns per crossbar (L) = 4"), r.out());
        // By hand: arrays 50 + DACs 170 + ADCs 153600 + S&H 40 + shift-add 1920 = 155780 um^2 compute;
        // + buffers 41500 + 8533 + activation 2400 + pooling 960 + 2 routers 302000 + registers 2870
        // + 4 buses 360000 = 874043 (small.conf has no off-chip links).
        assertTrue(r.out().contains("#   whole-chip area (off-chip links included; no multipliers, no index) = 0.8740 mm^2, compute part 0.1558 mm^2"),
                r.out());
        assertEquals("", r.err());
    }

    @Test
    void aModelThatFitsIsSaidToRunWithItsCrossbarsAndTiles() {
        CliRun r = run("validate", "--config", "sim-configs/isaac.conf", "--model", "docs/results/lenet5-compressed.json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("('lenet5-compressed') can run on this chip: 9 crossbars on 1 tile\n"), r.out());
    }

    @Test
    void warningsGoToStandardErrorAndDoNotFail() {
        CliRun r = run("validate", "--config", "sim-configs/mnsim.conf");
        assertEquals(0, r.exit());
        assertTrue(r.err().contains("sim-configs/mnsim.conf:"), r.err());
        assertTrue(r.err().contains("chip.tile.adc.bits = 6: warning: below the 9 bits"), r.err());
    }

    @Test
    void brokenFileListsEveryProblemAndExitsTwo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "base = \"" + Path.of("sim-configs/defaults.conf").toAbsolutePath() + "\"\n"
                + "chip.tilez = 4\nchip.tile.adc.bits = 0\n");
        CliRun r = run("validate", "--config", f.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains(f + ":2: chip.tilez = 4: unknown key (did you mean 'chip.tiles'?)"), r.err());
        assertTrue(r.err().contains(f + ":3: chip.tile.adc.bits = 0: must be in [1, 16]"), r.err());
    }

    @Test
    void missingFileExitsTwo() {
        CliRun r = run("validate", "--config", "no/such.conf");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no/such.conf: no such file"), r.err());
    }

    private static JsonNode json(CliRun r) throws IOException {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void jsonGivesTypedValuesTheirOriginsTheDerivedFiguresAndTheModel() throws IOException {
        CliRun text = run("validate", "--config", "sim-configs/mnsim.conf");
        CliRun r = run("validate", "--config", "sim-configs/mnsim.conf", "--json", "--model",
                "docs/results/lenet5-compressed.json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = json(r);
        assertEquals("xbarsim-validate", j.get("format").asText());
        assertTrue(j.get("valid").asBoolean());
        assertEquals("mnsim", j.get("chip").asText());
        JsonNode bits = j.get("keys").get("chip.tile.adc.bits");
        assertTrue(bits.get("value").isInt(), bits.toString());
        assertEquals(6, bits.get("value").asInt());
        assertTrue(bits.get("origin").asText().matches("sim-configs/mnsim\\.conf:\\d+"), bits.toString());
        assertTrue(j.get("keys").get("chip.name").get("value").isTextual());
        // every key of the text form, with the same value and origin
        long keyLines = text.out().lines().filter(l -> !l.startsWith("#")).count();
        assertEquals(keyLines, j.get("keys").size());
        j.get("keys").fields().forEachRemaining(e -> assertTrue(text.out().lines().anyMatch(l -> l.matches(
                java.util.regex.Pattern.quote(e.getKey() + " = " + e.getValue().get("value")) + " +# "
                        + java.util.regex.Pattern.quote(e.getValue().get("origin").asText()))), e.getKey()));
        JsonNode d = j.get("derived");
        assertTrue(text.out().contains("#   crossbars on chip = " + d.get("crossbars-on-chip").asLong() + "\n"), d.toString());
        assertTrue(text.out().contains("#   ADC bits an ideal column sum needs = " + d.get("ideal-adc-bits").asInt() + "\n"));
        JsonNode w = j.get("warnings").get(0);
        assertEquals("chip.tile.adc.bits", w.get("key").asText());
        assertEquals("6", w.get("value").asText());
        assertTrue(w.get("problem").asText().startsWith("below the 9 bits"), w.toString());
        assertTrue(r.err().contains("chip.tile.adc.bits = 6: warning:"), r.err());
        JsonNode m = j.get("model");
        assertTrue(m.get("runs").asBoolean());
        assertEquals("lenet5-compressed", m.get("name").asText());
        assertTrue(m.get("crossbars").asInt() > 0 && m.get("tiles").asInt() > 0, m.toString());
        assertTrue(m.get("problem").isNull());
    }

    @Test
    void jsonListsEveryProblemOfABrokenFileAndExitsTwo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "base = \"" + Path.of("sim-configs/defaults.conf").toAbsolutePath() + "\"\n"
                + "chip.tilez = 4\nchip.tile.adc.bits = 0\n");
        CliRun r = run("validate", "--config", f.toString(), "--json");
        assertEquals(2, r.exit());
        JsonNode j = json(r);
        assertFalse(j.get("valid").asBoolean());
        assertTrue(j.get("derived").isNull());
        assertEquals(2, j.get("problems").size(), j.toString());
        JsonNode p = j.get("problems").get(0);
        assertEquals(f.toString(), p.get("file").asText());
        assertEquals(2, p.get("line").asInt());
        assertEquals("chip.tilez", p.get("key").asText());
        assertEquals("unknown key (did you mean 'chip.tiles'?)", p.get("problem").asText());
        assertEquals(3, j.get("problems").get(1).get("line").asInt());
        assertTrue(r.err().contains(f + ":3: chip.tile.adc.bits = 0: must be in [1, 16]"), r.err());
    }

    @Test
    void jsonSaysWhyAModelCannotRunAndExitsTwo(@TempDir Path dir) throws IOException {
        Path vgg = dir.resolve("vgg.json");
        ModelFile.write(vgg, RandomModels.vgg16(1, 1, new Shape(3, 32, 32)));
        CliRun text = run("validate", "--config", "sim-configs/small.conf", "--model", vgg.toString());
        CliRun r = run("validate", "--config", "sim-configs/small.conf", "--model", vgg.toString(), "--json");
        assertEquals(2, text.exit());
        assertEquals("", text.out());
        assertEquals(2, r.exit());
        assertEquals(text.err(), r.err());
        JsonNode j = json(r);
        assertTrue(j.get("valid").asBoolean(), "the chip's file is valid");
        JsonNode m = j.get("model");
        assertFalse(m.get("runs").asBoolean());
        assertTrue(m.get("crossbars").isNull());
        assertTrue(text.err().contains(m.get("problem").asText()), m + " / " + text.err());
    }
}
