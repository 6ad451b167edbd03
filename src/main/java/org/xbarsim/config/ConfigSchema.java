package org.xbarsim.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.cost.TechnologyScaling;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * Every key of a chip configuration, in the order the resolved configuration is printed. Ranges
 * match the checks of the {@code arch} records, so a file that validates always builds a chip.
 */
final class ConfigSchema {
    static final int VERSION = 1;
    static final long MAX_CYCLES = 1_000_000_000L;

    private static final Map<String, KeySpec> KEYS = build();

    private ConfigSchema() {
    }

    static Map<String, KeySpec> keys() {
        return KEYS;
    }

    /**
     * Builds the key table afresh ({@link #keys()} keeps the one built at start-up). Package-private
     * so tests run it, and not only the class initialiser, which mutation testing cannot reach.
     */
    static Map<String, KeySpec> build() {
        List<KeySpec> k = new ArrayList<>();
        k.add(KeySpec.integer("version", 1, 1_000));
        k.add(KeySpec.text("chip.name"));
        k.add(KeySpec.number("chip.clock-ghz", 0, true, 100));
        k.add(KeySpec.integer("chip.tiles", 1, 1 << 24));
        k.add(KeySpec.number("chip.technology-nm", TechnologyScaling.MIN_NM, false, TechnologyScaling.MAX_NM));
        String t = "chip.tile.";
        k.add(KeySpec.integer(t + "crossbars", 1, 1 << 20));
        k.add(KeySpec.integer(t + "crossbar.rows", 1, 4096));
        k.add(KeySpec.integer(t + "crossbar.columns", 1, 4096));
        k.add(KeySpec.integer(t + "crossbar.bits-per-cell", 1, 8));
        k.add(KeySpec.integer(t + "crossbar.read-latency-cycles", 1, MAX_CYCLES));
        k.add(KeySpec.integer(t + "weights.bits", 2, 16));
        k.add(KeySpec.choice(t + "weights.encoding", List.of("differential", "offset")));
        k.add(KeySpec.flag(t + "weights.flip-columns"));
        k.add(KeySpec.integer(t + "dac.bits", 1, 8));
        k.add(KeySpec.integer(t + "adc.bits", 1, 16));
        k.add(KeySpec.integer(t + "adc.columns-per-adc", 1, 4096));
        k.add(KeySpec.integer(t + "adc.latency-cycles", 1, MAX_CYCLES));
        k.add(KeySpec.integer(t + "sample-hold.latency-cycles", 1, MAX_CYCLES));
        k.add(KeySpec.integer(t + "shift-add.count", 1, 1 << 20));
        k.add(KeySpec.integer(t + "shift-add.latency-cycles", 1, MAX_CYCLES));
        k.add(KeySpec.integer(t + "registers.bytes-per-crossbar", 0, 1 << 30));
        for (String buffer : List.of("input-buffer", "output-buffer")) {
            k.add(KeySpec.integer(t + buffer + ".size-bytes", 1, 1L << 40));
            k.add(KeySpec.integer(t + buffer + ".bandwidth-bytes-per-cycle", 1, 1 << 20));
            k.add(KeySpec.integer(t + buffer + ".latency-cycles", 1, MAX_CYCLES));
        }
        k.add(KeySpec.integer(t + "activation.count", 1, 1 << 20));
        k.add(KeySpec.integer(t + "activation.latency-cycles", 1, MAX_CYCLES));
        k.add(KeySpec.integer(t + "pooling.count", 1, 1 << 20));
        k.add(KeySpec.integer(t + "pooling.latency-cycles", 1, MAX_CYCLES));
        k.add(KeySpec.integer(t + "multiplier.count", 0, 1 << 20));
        k.add(KeySpec.integer(t + "multiplier.latency-cycles", 1, MAX_CYCLES));
        k.add(KeySpec.choice("chip.network.topology", List.of("mesh")));
        k.add(KeySpec.integer("chip.network.tiles-per-router", 1, 1024));
        k.add(KeySpec.integer("chip.network.hop-latency-cycles", 1, MAX_CYCLES));
        k.add(KeySpec.integer("chip.network.link-bandwidth-bytes-per-cycle", 1, 1 << 20));
        k.add(KeySpec.integer("chip.network.mesh-link-bandwidth-bytes-per-cycle", 1, 1 << 20));
        k.add(KeySpec.integer("chip.network.mesh-link-latency-cycles", 0, MAX_CYCLES));
        k.add(KeySpec.integer("chip.network.off-chip-links", 0, 1024));
        k.add(KeySpec.number("chip.network.off-chip-link-gb-per-s", 0, false, 1e6));
        k.add(KeySpec.text("mapping.replicate"));
        k.add(KeySpec.integer("mapping.replicate-budget", 0, 1L << 40));
        k.add(KeySpec.number("costs.technology-nm", TechnologyScaling.MIN_NM, false, TechnologyScaling.MAX_NM));
        for (ComponentKind kind : ComponentKind.values()) {
            String c = "costs." + kind.key() + ".";
            for (Action a : kind.actions()) {
                k.add(KeySpec.number(c + "energy-pj." + a.key(), 0, false, 1e9));
            }
            if (kind == ComponentKind.ADC || kind == ComponentKind.DAC) {
                // The resolution the figures are for: validation warns when the chip's differs.
                k.add(KeySpec.integer(c + "resolution-bits", 1, 16));
            }
            k.add(KeySpec.number(c + "area-um2", 0, false, 1e12));
            k.add(KeySpec.number(c + "leakage-mw", 0, false, 1e6));
            k.add(KeySpec.text(c + "source"));
        }
        Map<String, KeySpec> m = new LinkedHashMap<>();
        for (KeySpec s : k) {
            m.put(s.path(), s);
        }
        return Collections.unmodifiableMap(m);
    }
}
