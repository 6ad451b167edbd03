package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.io.StrictJson;

class ModelTreeTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The strict reader's tree with every layer's base64 weight data decoded: what the fast read must give. */
    private static JsonNode strictDecoded(byte[] json) {
        JsonNode root = StrictJson.readTree("m.json", json);
        for (JsonNode layer : root.get("layers")) {
            JsonNode w = layer.get("weights");
            if (w != null && w.get("data").isTextual()) {
                ((ObjectNode) w).set("data", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .binaryNode(Base64.getDecoder().decode(w.get("data").asText())));
            }
        }
        return root;
    }

    /** Every key of every object, in order, with its path: the trees' equality ignores the order. */
    private static List<String> keysInOrder(JsonNode n, String path, List<String> out) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                out.add(path + "." + k);
                keysInOrder(n.get(k), path + "." + k, out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                keysInOrder(n.get(i), path + "[" + i + "]", out);
            }
        }
        return out;
    }

    @Test
    void aModelFileReadsToTheStrictTreeWithItsWeightsDecoded() {
        List<IntModel> models = List.of(ModelFileTest.sample(), // 8- and 16-bit weights, metadata, pruning
                RandomModels.prune(RandomModels.lenet5(3, RandomModels.Requantization.BASELINE), CrossbarGeometry.isaacLike(), 0.5, 1));
        for (IntModel m : models) {
            byte[] json = utf8(ModelFile.toJson(m));
            JsonNode fast = ModelTree.read(json);
            assertNotNull(fast, m.name());
            JsonNode expected = strictDecoded(json);
            assertEquals(expected, fast, m.name());
            assertEquals(keysInOrder(expected, "$", new ArrayList<>()), keysInOrder(fast, "$", new ArrayList<>()), m.name());
            long binary = 0;
            for (JsonNode layer : fast.get("layers")) {
                binary += layer.has("weights") && layer.get("weights").get("data").isBinary() ? 1 : 0;
            }
            assertTrue(binary >= 2, m.name() + ": the weights were decoded while read");
            assertEquals(m, ModelFile.parse("m.json", json));
        }
    }

    @Test
    void whatTheFastReadDoesNotTakeIsLeftToTheStrictReader() {
        String json = ModelFile.toJson(ModelFileTest.sample());
        String data = "\"data\" : \""; // the first is conv1's base64 weights
        int at = json.indexOf(data) + data.length();
        assertTrue(at > data.length(), "the sample has base64 weight data");
        // an escape in the data: JSON allows it, so the strict reader takes it and gives the same model
        String escaped = json.substring(0, at) + "\\u00" + Integer.toHexString(json.charAt(at)) + json.substring(at + 1);
        assertNull(ModelTree.read(utf8(escaped)));
        assertEquals(ModelFileTest.sample(), ModelFile.parse("m.json", escaped));
        // base64 the JDK refuses: the strict reader's message, at the data's path
        String bad = json.substring(0, at) + "*" + json.substring(at + 1);
        assertNull(ModelTree.read(utf8(bad)));
        List<String> badProblems = problemsOf(() -> ModelFile.parse("m.json", bad));
        assertTrue(badProblems.get(0).contains("invalid model file"), badProblems.toString());
        assertTrue(badProblems.contains("$.layers[0].weights.data: not valid base64: Illegal base64 character 2a"),
                badProblems.toString());
        // not JSON, a key twice, data after the end, not an object: null here, the strict reader's words there
        for (String wrong : List.of(json.substring(0, json.length() / 2), json.replaceFirst("\"name\" : \"sample\"",
                "\"name\" : \"sample\", \"name\" : \"x\""), json + " {}", "[" + json + "]", "")) {
            assertNull(ModelTree.read(utf8(wrong)));
            assertThrows(UserInputException.class, () -> ModelFile.parse("m.json", wrong));
        }
        // weight data where the encoding wants an array: decoded here, then refused by the checks, and the
        // message is the strict reader's (a string where an array belongs)
        String asArray = json.replaceFirst("\"encoding\" : \"int8-base64\"", "\"encoding\" : \"array\"");
        assertTrue(!asArray.equals(json), "the edit applies");
        assertNotNull(ModelTree.read(utf8(asArray)));
        List<String> fast = problemsOf(() -> ModelFile.parse("m.json", asArray));
        assertTrue(fast.stream().anyMatch(p -> p.startsWith("$.layers[0].weights.data")), fast.toString());
        // such a file (and an empty or short data string, decoded here too) gets what the strict reader alone says
        String empty = json.replaceFirst("\"data\" : \"[^\"]*\"", "\"data\" : \"\"");
        String shortData = json.replaceFirst("\"data\" : \"[^\"]{4}", "\"data\" : \"");
        for (String faulty : List.of(asArray, empty, shortData)) {
            assertTrue(!faulty.equals(json), "the edit applies");
            assertNotNull(ModelTree.read(utf8(faulty)), "read fast, then faulted by the checks");
            assertEquals(problemsOf(() -> ModelFile.parseStrictly("m.json", utf8(faulty))),
                    problemsOf(() -> ModelFile.parse("m.json", faulty)));
        }
        // "data" twice inside the weights, where this reader walks the keys itself: the parser refuses it
        String twice = json.replaceFirst("\"data\" : \"", "\"data\" : \"\", \"data\" : \"");
        assertNull(ModelTree.read(utf8(twice)));
        String dup = assertThrows(UserInputException.class, () -> ModelFile.parse("m.json", twice)).getMessage();
        assertTrue(dup.contains("not valid JSON: Duplicate field 'data'"), dup);
    }

    /** The message of the refusal {@code parse} throws, then its problems. */
    private static List<String> problemsOf(org.junit.jupiter.api.function.Executable parse) {
        UserInputException e = assertThrows(UserInputException.class, parse);
        List<String> all = new ArrayList<>(e.problems());
        all.add(0, e.getMessage());
        return all;
    }

    @Test
    void aStringLongerThanTheStrictReaderAllowsIsLeftToIt() {
        int max = StrictJson.mapper().getFactory().streamReadConstraints().getMaxStringLength();
        String data = "A".repeat((max / 4 + 1) * 4); // valid base64, past the limit
        String json = "{\"layers\": [{\"weights\": {\"encoding\": \"int8-base64\", \"data\": \"" + data + "\"}}]}";
        assertNull(ModelTree.read(utf8(json)));
        String m = assertThrows(UserInputException.class, () -> ModelFile.parse("m.json", json)).getMessage();
        assertTrue(m.contains("not valid JSON") && m.contains("String value length"), m);
    }

    @Test
    void theDataIsFoundWhereverItStandsInItsObjectAndHowEverTheFileIsSpaced() throws Exception {
        IntModel m = ModelFileTest.sample();
        ObjectNode tree = (ObjectNode) StrictJson.readTree("m.json", utf8(ModelFile.toJson(m)));
        // data first, then the encoding: a comma (with white space around it) after the string
        for (JsonNode layer : tree.get("layers")) {
            if (layer.has("weights")) {
                ObjectNode w = (ObjectNode) layer.get("weights");
                JsonNode data = w.remove("data");
                JsonNode enc = w.remove("encoding");
                w.set("data", data);
                w.set("encoding", enc);
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        String compact = plain.writeValueAsString(tree);
        String spaced = compact.replace("\",\"encoding\"", "\" \n\t ,\r\n \"encoding\"");
        assertTrue(!spaced.equals(compact), "the edit applies");
        for (String json : List.of(compact, spaced, plain.writerWithDefaultPrettyPrinter().writeValueAsString(tree))) {
            assertNotNull(ModelTree.read(utf8(json)), json.length() + " bytes");
            assertEquals(strictDecoded(utf8(json)), ModelTree.read(utf8(json)));
            assertEquals(m, ModelFile.parse("m.json", json));
        }
        // an escaped quote inside the data: the string still ends at its real closing quote, and the
        // backslash is no base64, so the strict reader takes the file (and names the problem)
        String quoted = compact.replaceFirst("\"data\":\"", "\"data\":\"\\\\\"");
        assertTrue(!quoted.equals(compact), "the edit applies");
        assertNull(ModelTree.read(utf8(quoted)));
        List<String> problems = problemsOf(() -> ModelFile.parse("m.json", quoted));
        assertTrue(problems.stream().anyMatch(p -> p.contains("weights.data: not valid base64")), problems.toString());
    }
}
