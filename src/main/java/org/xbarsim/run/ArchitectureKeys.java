package org.xbarsim.run;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ResolvedEntry;

/**
 * The keys of a config that decide a run's timing and allocation: every {@code chip.*} key except
 * the chip's name and its technology node (which only scales cost figures). Two configs that resolve
 * them all the same simulate the same cycles with the same components, so one may re-cost the
 * other's run; {@code costs.*} keys may differ freely.
 */
final class ArchitectureKeys {
    /** {@code chip.*} keys that change no cycle and no allocated component. */
    private static final Set<String> COST_ONLY = Set.of("chip.name", "chip.technology-nm");

    private ArchitectureKeys() {
    }

    /** Key path to resolved value (HOCON text), sorted by key. */
    static SortedMap<String, String> of(ChipConfig config) {
        SortedMap<String, String> out = new TreeMap<>();
        for (ResolvedEntry e : config.entries()) {
            if (e.keyPath().startsWith("chip.") && !COST_ONLY.contains(e.keyPath())) {
                out.put(e.keyPath(), e.value());
            }
        }
        return out;
    }

    /**
     * The first key (in key order) whose value in {@code config} differs from {@code recorded}, as a
     * message naming the key, both values and where the new one comes from; null when none differs.
     */
    static String firstDifference(Map<String, String> recorded, ChipConfig config) {
        SortedMap<String, String> now = of(config);
        SortedMap<String, String> keys = new TreeMap<>(recorded);
        keys.putAll(now);
        for (String key : keys.keySet()) {
            String was = recorded.get(key);
            String is = now.get(key);
            if (was == null || !was.equals(is)) {
                String where = config.entries().stream().filter(e -> e.keyPath().equals(key)).map(ResolvedEntry::origin)
                        .findFirst().orElse(config.file());
                return where + ": " + key + " = " + (is == null ? "(not set)" : is) + ", the run had "
                        + (was == null ? "(not set)" : was);
            }
        }
        return null;
    }
}
