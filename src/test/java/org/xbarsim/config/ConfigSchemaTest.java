package org.xbarsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/** The key table itself: every key's type and range, built the same way each time. */
class ConfigSchemaTest {
    private final Map<String, KeySpec> schema = ConfigSchema.build();

    private String describe(String path) {
        KeySpec s = schema.get(path);
        return s.type() + " " + (s.type() == KeySpec.Type.CHOICE ? s.choices().toString() : s.range());
    }

    @Test
    void aFreshlyBuiltTableEqualsTheOneInUseInTheSameOrderAndCannotBeChanged() {
        assertEquals(List.copyOf(ConfigSchema.keys().entrySet()), List.copyOf(schema.entrySet()));
        assertEquals(List.of("version", "chip.name", "chip.clock-ghz", "chip.tiles", "chip.technology-nm"),
                List.copyOf(schema.keySet()).subList(0, 5));
        assertThrows(UnsupportedOperationException.class, () -> schema.remove("version"));
    }

    @Test
    void chipKeysHaveTheirTypesAndRanges() {
        assertEquals("INTEGER [1, 1000]", describe("version"));
        assertEquals("STRING [0, 0]", describe("chip.name"));
        assertEquals("NUMBER (0, 100]", describe("chip.clock-ghz"));
        assertEquals("INTEGER [1, 16777216]", describe("chip.tiles"));
        assertEquals("INTEGER [2, 16]", describe("chip.tile.weights.bits"));
        assertEquals("CHOICE [differential, offset]", describe("chip.tile.weights.encoding"));
        assertEquals(KeySpec.Type.BOOLEAN, schema.get("chip.tile.weights.flip-columns").type());
        assertEquals("INTEGER [0, 1073741824]", describe("chip.tile.registers.bytes-per-crossbar"));
        for (String buffer : List.of("input-buffer", "output-buffer")) {
            assertEquals("INTEGER [1, 1099511627776]", describe("chip.tile." + buffer + ".size-bytes"));
            assertEquals("INTEGER [1, 1048576]", describe("chip.tile." + buffer + ".bandwidth-bytes-per-cycle"));
            assertEquals("INTEGER [1, 1000000000]", describe("chip.tile." + buffer + ".latency-cycles"));
        }
        assertEquals("INTEGER [0, 1048576]", describe("chip.tile.multiplier.count"));
        assertEquals("CHOICE [mesh]", describe("chip.network.topology"));
        assertEquals("INTEGER [0, 1000000000]", describe("chip.network.mesh-link-latency-cycles"));
        assertEquals("NUMBER [0, 1000000]", describe("chip.network.off-chip-link-gb-per-s"));
        assertEquals(KeySpec.Type.STRING, schema.get("mapping.replicate").type());
        assertEquals("INTEGER [0, 1099511627776]", describe("mapping.replicate-budget"));
    }

    @Test
    void everyComponentKindHasAnEnergyPerActionAnAreaALeakageAndASourceAndOnlyConvertersAResolution() {
        List<String> costKeys = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            String c = "costs." + kind.key() + ".";
            for (Action a : kind.actions()) {
                assertEquals("NUMBER [0, 1000000000]", describe(c + "energy-pj." + a.key()));
                costKeys.add(c + "energy-pj." + a.key());
            }
            boolean converter = kind == ComponentKind.ADC || kind == ComponentKind.DAC;
            assertEquals(converter, schema.containsKey(c + "resolution-bits"), kind.key());
            if (converter) {
                assertEquals("INTEGER [1, 16]", describe(c + "resolution-bits"));
                costKeys.add(c + "resolution-bits");
            }
            assertEquals("NUMBER [0, 1000000000000]", describe(c + "area-um2"));
            assertEquals("NUMBER [0, 1000000]", describe(c + "leakage-mw"));
            assertEquals(KeySpec.Type.STRING, schema.get(c + "source").type());
            costKeys.addAll(List.of(c + "area-um2", c + "leakage-mw", c + "source"));
        }
        List<String> all = List.copyOf(schema.keySet());
        assertEquals(costKeys, all.subList(all.size() - costKeys.size(), all.size()), "the cost keys come last, kind by kind");
    }

    @Test
    void aRangeIsWrittenAsItIsCheckedWithAnOpenOrClosedLowerEnd() {
        KeySpec open = KeySpec.number("x", 0, true, 2.5);
        assertEquals("(0, 2.5]", open.range());
        assertFalse(open.inRange(0));
        assertTrue(open.inRange(1e-9));
        assertTrue(open.inRange(2.5));
        assertFalse(open.inRange(2.5000001));
        KeySpec closed = KeySpec.number("x", 0.5, false, 1e20);
        assertEquals("[0.5, 1.0E20]", closed.range());
        assertTrue(closed.inRange(0.5));
        assertFalse(closed.inRange(0.49));
        KeySpec integer = KeySpec.integer("n", -3, 7);
        assertEquals("[-3, 7]", integer.range());
        assertEquals(List.of("n", KeySpec.Type.INTEGER, -3.0, false, 7.0, List.of()),
                List.of(integer.path(), integer.type(), integer.min(), integer.minExclusive(), integer.max(), integer.choices()));
        assertEquals(KeySpec.Type.CHOICE, KeySpec.choice("c", List.of("a")).type());
        assertEquals(KeySpec.Type.BOOLEAN, KeySpec.flag("f").type());
        assertEquals(KeySpec.Type.STRING, KeySpec.text("t").type());
    }
    @Test
    void wholeNumbersBelow1e15AreWrittenWithoutADecimalPointAndLargerOnesInScientificForm() {
        assertEquals("[0, 999999999999999]", KeySpec.number("x", 0, false, 999_999_999_999_999.0).range());
        assertEquals("[0, 1.0E15]", KeySpec.number("x", 0, false, 1e15).range());
        assertEquals("[-2.5, 3]", KeySpec.number("x", -2.5, false, 3).range());
    }

    @Test
    void aProblemPrintsAsItsMessage() {
        ConfigProblem p = new ConfigProblem("chip.conf", 3, "chip.tiles", "0", "must be in [1, 16777216]", false);
        assertEquals("chip.conf:3: chip.tiles = 0: must be in [1, 16777216]", p.toString());
        assertEquals("chip.conf: warning: odd", new ConfigProblem("chip.conf", 0, null, null, "odd", true).toString());
    }
}
