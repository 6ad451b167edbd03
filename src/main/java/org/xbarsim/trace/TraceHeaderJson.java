package org.xbarsim.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON form of a {@link TraceHeader}: fixed key order, compact, UTF-8. */
final class TraceHeaderJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceHeaderJson() {
    }

    static byte[] toBytes(TraceHeader h, int version) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", TraceFormat.NAME);
        root.put("version", version);
        root.put("model", h.model());
        root.put("config", h.config());
        root.put("clockGhz", h.clockGhz());
        root.put("windowCycles", h.windowCycles());
        ObjectNode attrs = root.putObject("attributes");
        h.attributes().forEach(attrs::put);
        ArrayNode comps = root.putArray("components");
        for (TraceComponent c : h.components()) {
            comps.addObject().put("id", c.id()).put("name", c.name()).put("kind", c.kind()).put("tile", c.tile());
        }
        ArrayNode acts = root.putArray("actions");
        for (TraceAction a : h.actions()) {
            acts.addObject().put("id", a.id()).put("name", a.name());
        }
        if (version >= 3) {
            ArrayNode layers = root.putArray("layers");
            h.layers().forEach(layers::add);
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and validates; {@code fail} builds the exception for a problem text. */
    static TraceHeader fromBytes(byte[] json, java.util.function.Function<String, RuntimeException> fail) {
        JsonNode root;
        try {
            root = MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw fail.apply("header is not valid JSON: " + org.xbarsim.io.StrictJson.plain(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw fail.apply("header is not a JSON object");
        }
        String format = text(root, "format", fail);
        if (!TraceFormat.NAME.equals(format)) {
            throw fail.apply("header field 'format' is '" + format + "', expected '" + TraceFormat.NAME + "'");
        }
        String model = text(root, "model", fail);
        String config = text(root, "config", fail);
        double clock = number(root, "clockGhz", fail).asDouble();
        long window = number(root, "windowCycles", fail).asLong();
        TreeMap<String, String> attributes = new TreeMap<>();
        JsonNode attrs = root.get("attributes");
        if (attrs != null && attrs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                attributes.put(e.getKey(), e.getValue().asText());
            }
        }
        List<TraceComponent> components = new ArrayList<>();
        for (JsonNode c : array(root, "components", fail)) {
            components.add(new TraceComponent(number(c, "id", fail).asInt(), text(c, "name", fail),
                    text(c, "kind", fail), number(c, "tile", fail).asInt()));
        }
        List<TraceAction> actions = new ArrayList<>();
        for (JsonNode a : array(root, "actions", fail)) {
            actions.add(new TraceAction(number(a, "id", fail).asInt(), text(a, "name", fail)));
        }
        List<String> layers = new ArrayList<>();
        JsonNode names = root.get("layers"); // version 3; absent before
        if (names != null) {
            for (JsonNode l : array(root, "layers", fail)) {
                if (!l.isTextual()) {
                    throw fail.apply("header field 'layers' holds " + l + ", not a layer name");
                }
                layers.add(l.asText());
            }
        }
        try {
            return new TraceHeader(model, config, clock, window, attributes, components, actions, layers);
        } catch (IllegalArgumentException e) {
            throw fail.apply("invalid header: " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, java.util.function.Function<String, RuntimeException> fail) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw fail.apply("header field '" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static JsonNode number(JsonNode n, String field, java.util.function.Function<String, RuntimeException> fail) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw fail.apply("header field '" + field + "' is missing or not a number");
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String field, java.util.function.Function<String, RuntimeException> fail) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw fail.apply("header field '" + field + "' is missing or not an array");
        }
        return v;
    }
}
