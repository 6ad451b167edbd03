package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;

class ModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 4 rows x 2 logical columns per crossbar (8 columns, 2 differential slices of 2-bit cells for 4-bit weights). */
    static final CrossbarGeometry SMALL = new CrossbarGeometry(4, 8, 2, 4, SignedEncoding.DIFFERENTIAL);

    /**
     * A model with every layer kind, per-column and shared requant, a non-power-of-two multiplier,
     * 8- and 16-bit weights, pruning structure for {@link #SMALL} and metadata.
     * conv1: 2 -> 3 channels, 2x2 kernel: matrix 8 rows x 3 columns; column tiles {0,1}, {2}.
     */
    static IntModel sample() {
        int[] w = new int[3 * 2 * 2 * 2]; // [out][in][kh][kw]
        for (int i = 0; i < w.length; i++) {
            w[i] = (i * 5) % 15 - 7;
        }
        // kernel group (colTile 0, input channel 1): rows 4..7 of columns 0 and 1 -> zero
        for (int col = 0; col < 2; col++) {
            for (int row = 4; row < 8; row++) {
                w[col * 8 + row] = 0;
            }
        }
        // filter 2 -> zero
        for (int row = 0; row < 8; row++) {
            w[2 * 8 + row] = 0;
        }
        Conv2d conv = new Conv2d("conv1", 2, 3, 2, 2, 1, 1, 1, 0, 4, IntVector.wrap(w), IntVector.of(5, -3, 0),
                List.of(new Requant(1, 3), new Requant(3, 4), new Requant(1, 0)), Activation.RELU, 8,
                new LayerPruning(List.of(), List.of(new LayerPruning.KernelGroupRef(0, 1)), List.of(2)));
        int[] dw = new int[2 * 9];
        for (int i = 0; i < dw.length; i++) {
            dw[i] = i * 1500 - 12000; // 16-bit weights
        }
        Dense fc = new Dense("fc", 9, 2, 16, IntVector.wrap(dw), IntVector.of(Integer.MAX_VALUE, Integer.MIN_VALUE),
                List.of(Requant.shiftOnly(7)), Activation.NONE, 16, null);
        Metadata meta = new Metadata("test", "synthetic", "compressed", 42L, Map.of("int-test", 0.5, "float-test", 0.625),
                Map.of("note", "hello"));
        CrossbarGeometry g = new CrossbarGeometry(4, 8, 2, 16, SignedEncoding.OFFSET);
        return new IntModel("sample", new InputSpec(new org.xbarsim.model.Shape(2, 3, 3), 8, 0, -8),
                List.of(conv, new MaxPool2d("pool", 2, 1), new AvgPool2d("avg", 1, 1), new Flatten("flat"), fc), g, meta);
    }

    @TempDir
    Path dir;

    @Test
    void roundTripGivesAnEqualModelAndTheSameBytes() {
        IntModel m = sample();
        Path f = dir.resolve("m.json");
        ModelFile.write(f, m);
        IntModel back = ModelFile.read(f);
        assertEquals(m, back);
        assertEquals(ModelFile.toJson(m), ModelFile.toJson(back));
        // random models too, pruned and not, power-of-two and baseline
        IntModel r = RandomModels.prune(RandomModels.lenet5(3, RandomModels.Requantization.BASELINE),
                CrossbarGeometry.isaacLike(), 0.5, 1);
        assertEquals(r, ModelFile.parse("r", ModelFile.toJson(r)));
    }

    @Test
    void aKeyGivenTwiceOrDataAfterTheModelIsRefused() {
        // Jackson's defaults kept the last of two "name" keys and ignored anything after the model
        String json = ModelFile.toJson(sample());
        String twice = json.replaceFirst("\"name\" : \"sample\"", "\"name\" : \"sample\", \"name\" : \"other\"");
        assertTrue(!twice.equals(json), "the edit applies");
        String m = assertThrows(UserInputException.class, () -> ModelFile.parse("m.json", twice)).getMessage();
        assertTrue(m.startsWith("m.json:") && m.contains("not valid JSON: Duplicate field 'name'"), m);
        String joined = assertThrows(UserInputException.class, () -> ModelFile.parse("m.json", json + "\n{\"x\": 1}\n"))
                .getMessage();
        assertTrue(joined.startsWith("m.json:") && joined.contains("not valid JSON: more data after the end of the JSON value"),
                joined);
        assertEquals(sample(), ModelFile.parse("m.json", json + "\n  \n"), "trailing white space is fine");
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws Exception {
        ModelFile.write(dir.resolve("m.json"), sample());
        try (var s = Files.list(dir)) {
            assertEquals(List.of("m.json"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** The problems reported for the sample model's JSON after {@code edit}. */
    private static List<String> problems(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(ModelFile.toJson(sample()));
        edit.accept(root);
        UserInputException e = assertThrows(UserInputException.class,
                () -> ModelFile.parse("m.json", JSON.writeValueAsString(root)));
        assertTrue(e.getMessage().startsWith("m.json: invalid model file"), e.getMessage());
        return e.problems();
    }

    private static ObjectNode layer(ObjectNode root, int i) {
        return (ObjectNode) root.get("layers").get(i);
    }

    @Test
    void unknownKeyGetsADidYouMeanHint() throws Exception {
        List<String> p = problems(r -> r.put("nmae", "x"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("$.nmae: unknown key (did you mean 'name'?)"), p.get(0));
        p = problems(r -> layer(r, 0).put("strides", 1));
        assertTrue(p.get(0).startsWith("$.layers[0].strides: unknown key (did you mean 'stride'?)"), p.get(0));
    }

    /**
     * An unknown key is refused at every level of the file that has a fixed set of keys: the root,
     * input, prunedFor, metadata, each layer kind, weights, each requant entry and pruning. Only the
     * free-form maps (metadata.accuracies and metadata.notes) take any key.
     */
    @Test
    void anUnknownKeyIsNamedAtEveryFixedLevel() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(ModelFile.toJson(sample()));
        List<String> levels = new java.util.ArrayList<>();
        collectObjects(root, "$", levels);
        assertTrue(levels.size() >= 11, "levels: " + levels);
        for (String level : levels) {
            ObjectNode copy = root.deepCopy();
            ObjectNode target = (ObjectNode) copy.at(pointer(level));
            target.put("zzUnknown", 1);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> ModelFile.parse("m.json", JSON.writeValueAsString(copy)), level);
            assertEquals(List.of(level + ".zzUnknown: unknown key"), e.problems().stream()
                    .map(p -> p.replaceAll(" \\(.*", "")).toList(), level);
        }
        for (String free : List.of("$.metadata.accuracies", "$.metadata.notes")) {
            ObjectNode copy = root.deepCopy();
            ((ObjectNode) copy.at(pointer(free))).put("zzAnything", 1);
            ModelFile.parse("m.json", JSON.writeValueAsString(copy));
        }
    }

    private static void collectObjects(com.fasterxml.jackson.databind.JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            if (!path.equals("$.metadata.accuracies") && !path.equals("$.metadata.notes")) {
                out.add(path);
            }
            node.fields().forEachRemaining(f -> collectObjects(f.getValue(), path + "." + f.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectObjects(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static String pointer(String path) {
        return path.substring(1).replace('.', '/').replaceAll("\\[(\\d+)]", "/$1");
    }

    /** conv1 of {@link #sample()} on its geometry has row tiles 0..1, column tiles 0..2, input channels 0..1. */
    @Test
    void prunedGroupIndicesAreCheckedAtTheirExactBounds() throws Exception {
        java.util.function.Function<String, List<String>> with = json -> {
            try {
                com.fasterxml.jackson.databind.JsonNode value = readTree(json.substring(json.indexOf('=') + 1));
                return problems(r -> ((ObjectNode) layer(r, 0).get("pruning")).set(json.substring(0, json.indexOf('=')), value));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(List.of("$.layers[0].pruning.crossbarBlocks[0]: row tile 2 is outside [0, 1]"),
                with.apply("crossbarBlocks=[[2, 0]]"));
        assertEquals(List.of("$.layers[0].pruning.crossbarBlocks[0]: column tile 3 is outside [0, 2]"),
                with.apply("crossbarBlocks=[[1, 3]]"));
        assertEquals(List.of("$.layers[0].pruning.crossbarBlocks[0]: row tile -1 is outside [0, 1]"),
                with.apply("crossbarBlocks=[[-1, 0]]"));
        assertEquals(List.of("$.layers[0].pruning.kernelGroups[0]: column tile 3 is outside [0, 2]"),
                with.apply("kernelGroups=[[3, 0]]"));
        assertEquals(List.of("$.layers[0].pruning.kernelGroups[0]: input channel 2 is outside [0, 1]"),
                with.apply("kernelGroups=[[0, 2]]"));
        // the last valid indices are accepted (these groups are zero: they lie in the pruned filter 2)
        ObjectNode root = (ObjectNode) JSON.readTree(ModelFile.toJson(sample()));
        ObjectNode pr = (ObjectNode) layer(root, 0).get("pruning");
        pr.set("crossbarBlocks", readTree("[[1, 2]]"));
        pr.set("kernelGroups", readTree("[[0, 1], [2, 1]]"));
        IntModel m = ModelFile.parse("m.json", JSON.writeValueAsString(root));
        assertEquals(List.of(new LayerPruning.BlockRef(1, 2)), ((Conv2d) m.layers().get(0)).pruning().crossbarBlocks());
    }

    @Test
    void valuesAtTheEdgesOfTheirRangesAreAccepted() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(ModelFile.toJson(sample()));
        // conv1's 4-bit weights at both ends of [-8, 7] (rows 1 and 2 of column 0 are not pruned)
        byte[] w = Base64.getDecoder().decode(layer(root, 0).get("weights").get("data").asText());
        w[1] = -8;
        w[2] = 7;
        ((ObjectNode) layer(root, 0).get("weights")).put("data", Base64.getEncoder().encodeToString(w));
        // accuracies of exactly 0 and 1
        ((ObjectNode) root.get("metadata").get("accuracies")).put("int-test", 0.0).put("float-test", 1.0);
        // pruned for 32-column arrays of 16-bit differential weights: 2 logical columns per array, so
        // conv1's column tiles are {0, 1} and {2}; a block and a kernel group in column tile 1 (column
        // 2, the pruned filter) are zero, so valid
        ((ObjectNode) root.get("prunedFor")).put("columns", 32).put("encoding", "differential");
        ObjectNode pr = (ObjectNode) layer(root, 0).get("pruning");
        pr.set("crossbarBlocks", readTree("[[0, 1]]"));
        pr.set("kernelGroups", readTree("[[0, 1], [1, 0]]"));
        IntModel m = ModelFile.parse("m.json", JSON.writeValueAsString(root));
        Conv2d conv = (Conv2d) m.layers().get(0);
        assertEquals(-8, conv.weight(1, 0));
        assertEquals(7, conv.weight(2, 0));
        assertEquals(0.0, m.metadata().accuracies().get("int-test"));
        assertEquals(1.0, m.metadata().accuracies().get("float-test"));
        assertEquals(List.of(new LayerPruning.KernelGroupRef(0, 1), new LayerPruning.KernelGroupRef(1, 0)),
                conv.pruning().kernelGroups());
    }

    @Test
    void aFilterPastTheLastColumnAndAShortSixteenBitArrayAreNamed() throws Exception {
        List<String> p = problems(r -> ((ObjectNode) layer(r, 0).get("pruning")).set("filters", JSON.createArrayNode().add(3)));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("$.layers[0].pruning.filters"), p.get(0));
        // fc's weights are 16-bit: 34 bytes are 17 weights
        p = problems(r -> ((ObjectNode) layer(r, 4).get("weights")).put("data", Base64.getEncoder().encodeToString(new byte[34])));
        assertEquals(List.of("$.layers[4].weights.data: 17 weights, expected 18"), p);
    }

    @Test
    void metadataOfFillsItsFields() {
        Metadata m = Metadata.of("lenet5", "fashion", "compressed", 7);
        assertEquals("lenet5", m.arch());
        assertEquals("fashion", m.dataset());
        assertEquals("compressed", m.kind());
        assertEquals(7, m.seed());
        assertTrue(m.accuracies().isEmpty() && m.notes().isEmpty());
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void unsupportedVersionAndWrongFormatAreNamed() throws Exception {
        assertEquals(List.of("$.version: version 2 is not supported (this xbarsim reads version 1)"),
                problems(r -> r.put("version", 2)));
        assertEquals(List.of("$.format: 'onnx' is not an xbarsim model (expected 'xbarsim-int-model')"),
                problems(r -> r.put("format", "onnx")));
    }

    @Test
    void anotherXbarsimFileGivenAsAModelIsNamedInOneProblem() {
        UserInputException report = assertThrows(UserInputException.class, () -> ModelFile.parse("report.json",
                "{\"format\": \"xbarsim-report\", \"version\": 2, \"model\": {}, \"config\": {}, \"inputs\": {}}"));
        assertEquals(List.of("$.format: 'xbarsim-report' is not an xbarsim model (expected 'xbarsim-int-model')"), report.problems());
        UserInputException training = assertThrows(UserInputException.class, () -> ModelFile.parse("lenet5-report.json",
                "{\"arch\": \"lenet5\", \"baseline\": {\"file\": \"lenet5-baseline.json\"}, \"layers\": [{\"name\": \"conv1\"}]}"));
        assertEquals(1, training.problems().size(), training.problems().toString());
        assertTrue(training.problems().get(0).startsWith("$: not an xbarsim model: it has neither 'format' nor 'input'"),
                training.problems().get(0));
    }

    @Test
    void wrongWeightCountIsNamed() throws Exception {
        List<String> p = problems(r -> ((ObjectNode) layer(r, 0).get("weights"))
                .put("data", Base64.getEncoder().encodeToString(new byte[23])));
        assertEquals(List.of("$.layers[0].weights.data: 23 weights, expected 24"), p);
        p = problems(r -> ((ArrayNode) layer(r, 4).get("bias")).add(1));
        assertEquals(List.of("$.layers[4].bias: 3 values, expected 2"), p);
    }

    @Test
    void weightOutOfRangeIsNamed() throws Exception {
        // conv1 declares 4-bit weights; 8 is outside [-8, 7]
        byte[] w = new byte[24];
        w[5] = 8;
        List<String> p = problems(r -> ((ObjectNode) layer(r, 0).get("weights"))
                .put("data", Base64.getEncoder().encodeToString(w)));
        assertEquals(List.of("$.layers[0].weights.data[5]: weight 8 is outside the signed 4-bit range [-8, 7]"), p);
    }

    @Test
    void badRequantIsNamed() throws Exception {
        List<String> p = problems(r -> ((ObjectNode) layer(r, 0).get("requant").get(1)).put("multiplier", 0));
        assertEquals(List.of("$.layers[0].requant[1].multiplier: 0 is outside [1, 2147483647]"), p);
        p = problems(r -> ((ObjectNode) layer(r, 4).get("requant").get(0)).put("shift", 63));
        assertEquals(List.of("$.layers[4].requant[0].shift: 63 is outside [0, 62]"), p);
        p = problems(r -> ((ArrayNode) layer(r, 0).get("requant")).remove(2));
        assertEquals(List.of("$.layers[0].requant: expected an array of 1 or 3 {multiplier, shift} entries"), p);
    }

    @Test
    void prunedGroupThatIsNotZeroIsNamed() throws Exception {
        // column tile 1 (column 2) is zero (filter 2), but column tile 0 channel 0 is not
        List<String> p = problems(r -> ((ArrayNode) layer(r, 0).get("pruning").get("kernelGroups")).addArray().add(0).add(0));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("$.layers[0].pruning.kernelGroups[1]: group is listed as pruned but weight (row 0, column 0) is "),
                p.get(0));
        p = problems(r -> ((ArrayNode) layer(r, 0).get("pruning").get("filters")).add(1));
        assertTrue(p.get(0).startsWith("$.layers[0].pruning.filters[1]: filter 1 is listed as pruned"), p.get(0));
        p = problems(r -> ((ArrayNode) layer(r, 0).get("pruning").get("crossbarBlocks")).addArray().add(0).add(0));
        assertTrue(p.get(0).startsWith("$.layers[0].pruning.crossbarBlocks[0]: block is listed as pruned"), p.get(0));
        p = problems(r -> r.putNull("prunedFor"));
        assertEquals(List.of("$.layers[0].pruning: lists pruned groups but $.prunedFor gives no crossbar geometry"), p);
    }

    @Test
    void shapeChainMismatchIsNamed() throws Exception {
        List<String> p = problems(r -> {
            layer(r, 4).put("inFeatures", 13);
            ((ObjectNode) layer(r, 4).get("weights")).put("data",
                    Base64.getEncoder().encodeToString(new byte[2 * 13 * 2]));
        });
        assertEquals(List.of("$.layers[4]: layer 'fc' expects a flat input of 13 values, got shape 9x1x1"), p);
        p = problems(r -> ((ArrayNode) r.get("input").get("shape")).set(0, 3));
        assertEquals(List.of("$.layers[0]: layer 'conv1' expects 2 input channels, got shape 3x3x3"), p);
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        List<String> p = problems(r -> {
            r.put("nmae", "x");
            ((ObjectNode) r.get("input")).put("bits", 0);
            layer(r, 4).put("activation", "sigmoid");
        });
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.contains("$.input.bits: 0 is outside [1, 16]"), p.toString());
        assertTrue(p.contains("$.layers[4].activation: unknown activation 'sigmoid' (known: relu, none)"), p.toString());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String bad = "{\n  \"format\": \"xbarsim-int-model\",\n  \"version\": 1,\n  \"name\" \"x\"\n}\n";
        UserInputException e = assertThrows(UserInputException.class, () -> ModelFile.parse("bad.json", bad));
        assertTrue(e.getMessage().startsWith("bad.json:4:10: not valid JSON: "), e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheLineOfTheBadByte() throws Exception {
        Path f = dir.resolve("latin1.json");
        byte[] head = "{\n  \"format\": \"xbarsim-int-model\",\n  \"name\": \"caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 4);
        bytes[head.length] = (byte) 0xE9; // é in Latin-1: not UTF-8
        bytes[head.length + 1] = '"';
        bytes[head.length + 2] = '}';
        bytes[head.length + 3] = '\n';
        Files.write(f, bytes);
        UserInputException e = assertThrows(UserInputException.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":3:") && e.getMessage().contains("not valid JSON: Invalid UTF-8"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("none.json");
        UserInputException e = assertThrows(UserInputException.class, () -> ModelFile.read(f));
        assertEquals(f + ": model file not found", e.getMessage());
        assertFalse(Files.exists(f));
    }
}
