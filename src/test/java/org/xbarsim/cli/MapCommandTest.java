package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Dense;
import org.xbarsim.model.Flatten;
import org.xbarsim.model.InputSpec;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Layer;
import org.xbarsim.model.Metadata;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;

/** {@code xbarsim map} end to end on sim-configs/small.conf (4 tiles x 8 crossbars of 32x32, 2-bit cells). */
class MapCommandTest {
    private static final Path SMALL = Path.of("sim-configs/small.conf");

    @TempDir
    Path dir;


    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    /**
     * 64 inputs -> 8 outputs, 8-bit weights. On 32x32 crossbars with 8-bit differential weights
     * (k = 8, L = 4) the matrix is 2 row tiles x 2 column tiles = 4 crossbars dense. With
     * {@code prunedRows} rows zero in the first column tile, that tile needs fewer crossbars.
     */
    private static IntModel tiny(String name, int prunedRows, boolean multiplier) {
        int in = 64;
        int out = 8;
        int[] w = new int[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                boolean dead = o < 4 && i < prunedRows;
                w[o * in + i] = dead ? 0 : ((i * 7 + o * 13) % 61) - 30;
            }
        }
        Requant rq = multiplier ? new Requant(3, 10) : Requant.shiftOnly(8);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten("flatten"));
        layers.add(new Dense("fc", in, out, 8, IntVector.wrap(w), IntVector.wrap(new int[out]), List.of(rq),
                Activation.NONE, 16, null));
        return new IntModel(name, new InputSpec(new Shape(1, 8, 8), 8, 0, 0), layers, null,
                Metadata.of("tiny", "none", multiplier ? "baseline" : "compressed", 1));
    }

    private Path write(String file, IntModel m) {
        Path p = dir.resolve(file);
        ModelFile.write(p, m);
        return p;
    }

    @Test
    void mapsVerifiesAndWritesDeterministicJson() throws Exception {
        Path model = write("c.json", tiny("tiny-compressed", 40, false));
        Path out1 = dir.resolve("m1.json");
        Path out2 = dir.resolve("m2.json");
        CliRun r = run("map", "--model", model.toString(), "--config", SMALL.toString(), "--out", out1.toString(), "--verify");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("verify: every weight of tiny-compressed read back from the cells equals the model's"), r.out());
        assertTrue(r.out().contains("ESTIMATE"), r.out());
        assertEquals(0, run("map", "--model", model.toString(), "--config", SMALL.toString(), "--out", out2.toString()).exit());
        assertArrayEquals(Files.readAllBytes(out1), Files.readAllBytes(out2));

        JsonNode j = new ObjectMapper().readTree(out1.toFile());
        assertEquals("xbarsim-mapping", j.get("format").asText());
        // column tile 0: 24 live rows -> 1 crossbar; column tile 1: 64 rows -> 2 crossbars
        assertEquals(4, j.get("totals").get("denseCrossbars").asLong());
        assertEquals(3, j.get("totals").get("allocatedCrossbars").asLong());
        JsonNode x0 = j.get("layers").get(0).get("crossbars").get(0);
        assertEquals(24, x0.get("inputRows").size());
        assertEquals(40, x0.get("inputRows").get(0).asInt());
        assertEquals(4, x0.get("outputColumns").size());
        assertEquals(8, j.get("target").get("columnLayout").size());
        assertEquals("negative", j.get("target").get("columnLayout").get(1).get("polarity").asText());
        assertTrue(j.get("cost").get("energyEstimate").get("note").asText().contains("analytical"));
        assertFalse(j.has("baseline"));
    }

    @Test
    void comparesWithTheBaseline() throws Exception {
        Path model = write("c.json", tiny("tiny-compressed", 40, false));
        Path base = write("b.json", tiny("tiny-baseline", 0, true));
        Path out = dir.resolve("m.json");
        CliRun r = run("map", "--model", model.toString(), "--baseline", base.toString(), "--config", SMALL.toString(),
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*crossbars\\s+4 / 3\\s+= 1\\.33x.*"), r.out());
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertEquals(4, j.get("baseline").get("allocatedCrossbars").asLong());
        assertEquals(4.0 / 3.0, j.get("baselineOverModel").get("crossbars").asDouble(), 1e-12);
        // the baseline needs multipliers (non-power-of-two scale), so its compute area has them
        assertTrue(j.get("baseline").get("cost").get("areaUm2").get("byComponent").get("multiplier").asDouble() > 0);
        assertEquals(0.0, j.get("cost").get("areaUm2").get("byComponent").get("multiplier").asDouble());
        assertTrue(j.get("baselineOverModel").get("computeArea").asDouble() > 4.0 / 3.0);
    }

    @Test
    void aModelThatDoesNotFitFailsWithPerLayerDemand() {
        IntModel lenet = RandomModels.lenet5(1);
        Path model = write("lenet.json", lenet);
        var chip = ChipConfigLoader.load(SMALL).chip();
        List<Mapper.LayerDemand> demand = Mapper.demand(lenet, chip.geometry());
        Path out = dir.resolve("never.json");
        CliRun r = run("map", "--model", model.toString(), "--config", SMALL.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains(model + " on " + SMALL + ": model 'lenet5-random' does not fit"), r.err());
        for (Mapper.LayerDemand d : demand) {
            assertTrue(r.err().contains("layer '" + d.layerName() + "': needs " + d.crossbars() + " crossbars"), r.err());
        }
        assertTrue(r.err().contains("the chip has " + MappingTarget.of(chip, MappingTarget.TilePacking.SHARED).totalCrossbars()),
                r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void warnsWhenThePruningWasAlignedToOtherCrossbars() {
        IntModel t = tiny("tiny", 40, false);
        var other = new org.xbarsim.arch.CrossbarGeometry(32, 64, 2, 8, org.xbarsim.arch.SignedEncoding.DIFFERENTIAL);
        Path aligned = write("a.json", new IntModel(t.name(), t.input(), t.layers(),
                ChipConfigLoader.load(SMALL).chip().geometry(), t.metadata()));
        Path misaligned = write("m.json", new IntModel(t.name(), t.input(), t.layers(), other, t.metadata()));
        CliRun ok = run("map", "--model", aligned.toString(), "--config", SMALL.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertFalse(ok.out().contains("warning"), ok.out());
        CliRun warned = run("map", "--model", misaligned.toString(), "--config", SMALL.toString());
        assertEquals(0, warned.exit(), warned.err());
        assertTrue(warned.out().contains("warning: pruned for 32x64 crossbars with 8 outputs each"), warned.out());
    }

    @Test
    void cellsOptionWritesTheLevels() throws Exception {
        IntModel t = tiny("tiny", 40, false);
        Path model = write("c.json", t);
        Path out = dir.resolve("cells.json");
        assertEquals(0, run("map", "--model", model.toString(), "--config", SMALL.toString(), "--cells", "--out",
                out.toString()).exit());
        var mapping = Mapper.map(t, MappingTarget.of(ChipConfigLoader.load(SMALL).chip(), MappingTarget.TilePacking.SHARED));
        JsonNode xs = new ObjectMapper().readTree(out.toFile()).get("layers").get(0).get("crossbars");
        for (int i = 0; i < xs.size(); i++) {
            byte[] levels = java.util.Base64.getDecoder().decode(xs.get(i).get("cells").asText());
            assertArrayEquals(mapping.crossbars().get(i).cells().toBytes(), levels);
        }
    }

    @Test
    void badInputsNameTheProblem() {
        Path model = write("c.json", tiny("tiny", 0, false));
        CliRun missing = run("map", "--model", dir.resolve("nope.json").toString(), "--config", SMALL.toString());
        assertEquals(Main.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("nope.json: model file not found"), missing.err());
        CliRun packing = run("map", "--model", model.toString(), "--config", SMALL.toString(), "--packing", "dense");
        assertEquals(Main.EXIT_BAD_INPUT, packing.exit());
        assertTrue(packing.err().contains("--packing dense: unknown policy (known: shared, layer-per-tile)"), packing.err());
    }
}
