package org.xbarsim.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.xbarsim.io.StrictJson;

/**
 * The JSON tree of a well-formed model file, read without making its weights into text: every
 * {@code layers[i].weights.data} string is decoded from base64 straight out of the file's bytes into a
 * binary node. Jackson's own tree holds such a string as a {@code String} (20 MB for the VGG-16 of
 * docs/simulation.md), which was then decoded into a third copy: in a fresh JVM, that tree and the
 * decoding took 0.39-0.49 s for that file, and Jackson's parser streaming through it 0.17-0.22 s; the
 * main thread of a one-image simulate of that model allocated 282 MB before this and the chunked file
 * read, 189 MB after ("Fourteenth pass").
 *
 * <p>Only the common case is taken here: {@link #read} gives up (null) on anything else (a string
 * with an escape, base64 the JDK's decoder refuses, a string longer than the strict reader allows,
 * JSON that is not valid or has a key twice or data after its end), and the caller then reads the
 * file with {@link StrictJson}, whose messages name what is wrong. The same parser features hold here
 * (keys given twice are refused), and the tree has the same keys in the same order.
 */
final class ModelTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** For the values between the walked levels (the parser goes on after them: no trailing check). */
    private static final ObjectReader VALUE = StrictJson.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final byte[] json;
    private final int maxStringLength;

    private ModelTree(byte[] json) {
        this.json = json;
        this.maxStringLength = StrictJson.mapper().getFactory().streamReadConstraints().getMaxStringLength();
    }

    /** The tree of {@code json} (UTF-8), with the weight data as binary nodes; null where the strict reader must say why not. */
    static JsonNode read(byte[] json) {
        try (JsonParser p = StrictJson.mapper().getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ModelTree t = new ModelTree(json);
            ObjectNode root = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonNode value = p.nextToken() == JsonToken.START_ARRAY && name.equals("layers") ? t.layers(p) : VALUE.readTree(p);
                if (value == null) {
                    return null;
                }
                root.set(name, value);
            }
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null ? root : null;
        } catch (IOException | IllegalArgumentException e) {
            return null; // the strict reader words it
        }
    }

    private JsonNode layers(JsonParser p) throws IOException {
        ArrayNode layers = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            JsonNode layer = t == null ? null : t == JsonToken.START_OBJECT ? object(p, "weights") : VALUE.readTree(p);
            if (layer == null) {
                return null;
            }
            layers.add(layer);
        }
        return layers;
    }

    /** The object at the parser, its {@code walked} member read by {@link #weights} when that is an object. */
    private JsonNode object(JsonParser p, String walked) throws IOException {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonNode value = p.nextToken() == JsonToken.START_OBJECT && name.equals(walked) ? weights(p) : VALUE.readTree(p);
            if (value == null) {
                return null;
            }
            o.set(name, value);
        }
        return p.currentToken() == JsonToken.END_OBJECT ? o : null;
    }

    private JsonNode weights(JsonParser p) throws IOException {
        ObjectNode o = NODES.objectNode();
        JsonToken t = p.nextToken();
        while (t == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING && name.equals("data")) {
                // the string's bytes lie between its opening quote and the next token (Jackson has not read
                // them: it reads a string's text only when asked, and skips it at the next token)
                long quote = p.currentTokenLocation().getByteOffset();
                t = p.nextToken();
                JsonNode data = base64(quote, p.currentTokenLocation().getByteOffset());
                if (data == null) {
                    return null;
                }
                o.set(name, data);
                continue;
            }
            JsonNode value = VALUE.readTree(p);
            if (value == null) {
                return null;
            }
            o.set(name, value);
            t = p.nextToken();
        }
        return t == JsonToken.END_OBJECT ? o : null;
    }

    /**
     * The base64 string that opens with the quote at byte {@code quote} and is followed by the token at
     * byte {@code next}, decoded; null when it is not where the offsets say or too long. Between a
     * string's closing quote and the next token JSON allows only white space and one comma; an escape
     * inside the string is a backslash, which the decoder refuses ({@link IllegalArgumentException}).
     */
    private JsonNode base64(long quote, long next) {
        if (quote < 0 || next <= quote || next > json.length || json[(int) quote] != '"') {
            return null;
        }
        int end = (int) next - 1;
        boolean comma = false;
        while (end > quote && (isWhiteSpace(json[end]) || json[end] == ',' && !comma)) {
            comma |= json[end] == ',';
            end--;
        }
        int from = (int) quote + 1;
        if (end < from || json[end] != '"' || end - from > maxStringLength) {
            return null;
        }
        // the decoder wraps a new array from its start; the whole of it unless the input ended early
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(json, from, end - from)); // refusal: IllegalArgumentException
        byte[] bytes = decoded.array();
        return NODES.binaryNode(decoded.remaining() == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, decoded.remaining()));
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
