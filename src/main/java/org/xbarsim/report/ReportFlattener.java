package org.xbarsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a report (or any JSON object) into one row of a table: nested keys joined with '.', e.g.
 * {@code power.peak-mw} or {@code energy.by-action-nj.adc/convert}, in document order. Numbers
 * stay numbers (as their JSON text), null stays null; arrays are indexed ({@code key.0}).
 * Sweeps use it for their CSV/JSON tables and comparisons to line up two reports key by key.
 */
public final class ReportFlattener {
    private ReportFlattener() {
    }

    /** Column name to JSON value node (a scalar), in document order. */
    public static Map<String, JsonNode> flatten(JsonNode root) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        walk("", root, out);
        return out;
    }

    /** The report's columns, as {@link #flatten(JsonNode)}. */
    public static Map<String, JsonNode> flatten(SimulationReport report) {
        return flatten(ReportJson.mapper().valueToTree(report));
    }

    private static void walk(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(prefix + "." + i, node.get(i), out);
            }
        } else {
            out.put(prefix, node);
        }
    }
}
