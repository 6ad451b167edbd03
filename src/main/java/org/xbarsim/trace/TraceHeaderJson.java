package org.xbarsim.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        // written straight to a generator, not built as a tree first: a VGG-16's header lists 20,000
        // components, on the simulation's critical path (docs/simulation.md, "Sixteenth pass")
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64 * (h.components().size() + 16));
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", TraceFormat.NAME);
            g.writeNumberField("version", version);
            g.writeStringField("model", h.model());
            g.writeStringField("config", h.config());
            g.writeNumberField("clockGhz", h.clockGhz());
            g.writeNumberField("windowCycles", h.windowCycles());
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> a : h.attributes().entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("components");
            for (TraceComponent c : h.components()) {
                g.writeStartObject();
                g.writeNumberField("id", c.id());
                g.writeStringField("name", c.name());
                g.writeStringField("kind", c.kind());
                g.writeNumberField("tile", c.tile());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("actions");
            for (TraceAction a : h.actions()) {
                g.writeStartObject();
                g.writeNumberField("id", a.id());
                g.writeStringField("name", a.name());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (version >= 3) {
                g.writeArrayFieldStart("layers");
                for (String l : h.layers()) {
                    g.writeString(l);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array is not written to a device
        }
        return out.toByteArray();
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
