package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.RandomModels;

/** The mapping file read back: the same plan as the mapper's, and every inconsistency refused with its JSON path. */
class MappingReaderTest {
    private static IntModel model;
    private static MappingTarget target;
    private static Mapping mapping;

    @BeforeAll
    static void mapOnce() {
        model = RandomModels.lenet5(3);
        Chip chip = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf")).chip();
        target = MappingTarget.of(chip, MappingTarget.TilePacking.SHARED);
        mapping = Mapper.map(model, target, new int[] {3, 2, 1, 1, 1});
    }

    private static Mapping read(ObjectNode tree) {
        return MappingReader.parse("m.json", MappingJson.write(tree), model, target);
    }

    private static String refused(Consumer<ObjectNode> change) {
        ObjectNode tree = MappingJson.tree(mapping, true);
        change.accept(tree);
        return assertThrows(UserInputException.class, () -> read(tree)).getMessage();
    }

    private static ObjectNode layer(ObjectNode tree, int n) {
        return (ObjectNode) tree.withArray("layers").get(n);
    }

    private static ObjectNode crossbar(ObjectNode tree, int n, int x) {
        return (ObjectNode) layer(tree, n).withArray("crossbars").get(x);
    }

    @Test
    void aWrittenMappingReadsBackAsTheSamePlan() {
        for (boolean cells : new boolean[] {false, true}) {
            Mapping back = read(MappingJson.tree(mapping, cells));
            assertEquals(mapping.crossbars(), back.crossbars());
            assertEquals(MappingJson.toJson(mapping, true), MappingJson.toJson(back, true));
            for (int n = 0; n < mapping.layers().size(); n++) {
                CopyPlan want = mapping.layers().get(n).copyPlan();
                CopyPlan got = back.layers().get(n).copyPlan();
                assertArrayEquals(want.pixelCopy(), got.pixelCopy());
                assertArrayEquals(want.finalCopy(), got.finalCopy());
                assertTrue(java.util.Arrays.deepEquals(want.inputRoutes(), got.inputRoutes()));
            }
        }
        assertEquals(3, mapping.layers().get(0).replicas(), "the test maps conv1 with copies");
    }

    @Test
    void aKeyGivenTwiceOrDataAfterTheMappingIsRefused() {
        String json = MappingJson.write(MappingJson.tree(mapping, false));
        String twice = json.replaceFirst("\"format\" : ", "\"model\" : \"other\", \"format\" : ");
        assertTrue(!twice.equals(json), "the edit applies");
        String m = assertThrows(UserInputException.class, () -> MappingReader.parse("m.json", twice, model, target)).getMessage();
        assertTrue(m.contains("m.json:") && m.contains("Duplicate field 'model'"), m);
        String joined = assertThrows(UserInputException.class,
                () -> MappingReader.parse("m.json", json + "[1]", model, target)).getMessage();
        assertTrue(joined.contains("more data after the end of the JSON value"), joined);
    }

    @Test
    void unknownKeysAndWrongTypesAreRefusedWithTheirPath() {
        String m = refused(t -> crossbar(t, 0, 0).put("tiel", 0));
        assertTrue(m.startsWith("m.json: mapping file refused"), m);
        assertTrue(m.contains("$.layers[0].crossbars[0].tiel: unknown key"), m);
        m = refused(t -> crossbar(t, 0, 0).put("tile", "zero"));
        assertTrue(m.contains("$.layers[0].crossbars[0].tile: expected an integer"), m);
        m = refused(t -> t.put("version", 1));
        assertTrue(m.contains("$.version: version 1 cannot be simulated"), m);
    }

    @Test
    void aMappingOfAnotherModelOrChipIsRefused() {
        String m = refused(t -> t.put("model", "vgg"));
        assertTrue(m.contains("$.model: the mapping is of model 'vgg'"), m);
        m = refused(t -> ((ObjectNode) t.get("target")).put("rows", 64));
        assertTrue(m.contains("$.target.rows: 64 in the mapping, but the chip of the config has 128"), m);
        m = refused(t -> layer(t, 1).put("name", "convX"));
        assertTrue(m.contains("$.layers[1].name"), m);
        m = refused(t -> crossbar(t, 0, 0).put("tile", 100000));
        assertTrue(m.contains("$.layers[0].crossbars[0].tile: 100000 is outside [0, 167]"), m);
    }

    @Test
    void contentsThatContradictEachOtherOrTheWeightsAreRefused() {
        String m = refused(t -> crossbar(t, 0, 1).put("slot", crossbar(t, 0, 0).get("slot").asInt()));
        assertTrue(m.contains("holds two crossbars"), m);
        m = refused(t -> ((ArrayNode) layer(t, 0).withArray("reducerTiles").get(0)).set(0, 7));
        assertTrue(m.contains("$.layers[0].reducerTiles"), m);
        m = refused(t -> crossbar(t, 1, 0).put("cells", "AAAA"));
        assertTrue(m.contains("$.layers[1].crossbars[0].cells: the cell levels differ"), m);
        // without its last crossbar, fc1 no longer holds its weights (the counts adjusted to match)
        m = refused(t -> {
            ArrayNode xs = layer(t, 2).withArray("crossbars");
            xs.remove(xs.size() - 1);
            layer(t, 2).put("allocatedCrossbars", xs.size());
            ((ObjectNode) t.get("totals")).put("allocatedCrossbars", mapping.allocatedCrossbars() - 1);
        });
        assertTrue(m.contains("$.layers: the crossbars do not hold the model's weights: layer 'fc1'"), m);
        // one pooling window split between two copies
        m = refused(t -> ((ArrayNode) layer(t, 0).with("copyPlan").withArray("pixelCopy")).set(1, 2));
        assertTrue(m.contains("$.layers[0].copyPlan.pixelCopy[1]: copy 2, but copy 0 computes other pixels of the same pooling window"),
                m);
        // an input position a copy reads that its tiles do not receive
        int tile = mapping.layers().get(0).tilesOfCopy(0)[0];
        m = refused(t -> {
            ArrayNode routes = layer(t, 0).with("copyPlan").withArray("inputRoutes");
            ArrayNode without = routes.arrayNode();
            routes.get(0).forEach(v -> {
                if (v.asInt() != tile) {
                    without.add(v);
                }
            });
            routes.set(0, without);
        });
        assertTrue(m.contains("$.layers[0].copyPlan.inputRoutes[0]: tile " + tile + " computes a pixel that reads input position 0"),
                m);
        m = refused(t -> layer(t, 2).with("copyPlan").putArray("inputRoutes"));
        assertTrue(m.contains("$.layers[2].copyPlan.inputRoutes: must be null"), m);
    }
}
