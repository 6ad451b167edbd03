package org.xbarsim.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.io.AtomicFiles;

/**
 * Reads and writes the versioned integer model file (docs/model-format.md). Reading checks
 * everything and reports every problem at once, each with its JSON path. Writing is atomic.
 */
public final class ModelFile {
    public static final String FORMAT = "xbarsim-int-model";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    // ------------------------------------------------------------------ writing

    public static void write(Path path, IntModel model) {
        String json = toJson(model);
        AtomicFiles.writeString(path, json);
    }

    public static String toJson(IntModel model) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", IntModel.FORMAT_VERSION);
        root.put("name", model.name());
        ObjectNode in = root.putObject("input");
        Shape s = model.input().shape();
        in.putArray("shape").add(s.channels()).add(s.height()).add(s.width());
        in.put("bits", model.input().bits());
        in.put("shift", model.input().shift());
        in.put("scaleLog2", model.input().scaleLog2());
        if (model.prunedFor() == null) {
            root.putNull("prunedFor");
        } else {
            CrossbarGeometry g = model.prunedFor();
            ObjectNode p = root.putObject("prunedFor");
            p.put("rows", g.rows());
            p.put("columns", g.columns());
            p.put("bitsPerCell", g.bitsPerCell());
            p.put("weightBits", g.weightBits());
            p.put("encoding", g.encoding().key());
        }
        Metadata m = model.metadata();
        ObjectNode meta = root.putObject("metadata");
        meta.put("arch", m.arch());
        meta.put("dataset", m.dataset());
        meta.put("kind", m.kind());
        meta.put("seed", m.seed());
        ObjectNode acc = meta.putObject("accuracies");
        m.accuracies().forEach(acc::put);
        ObjectNode notes = meta.putObject("notes");
        m.notes().forEach(notes::put);
        ArrayNode layers = root.putArray("layers");
        for (Layer l : model.layers()) {
            layers.add(layerToJson(l));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode layerToJson(Layer l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", l.kind());
        n.put("name", l.name());
        if (l instanceof Conv2d c) {
            n.put("inChannels", c.inChannels());
            n.put("outChannels", c.outChannels());
            n.putArray("kernel").add(c.kernelH()).add(c.kernelW());
            n.putArray("stride").add(c.strideH()).add(c.strideW());
            n.putArray("padding").add(c.padH()).add(c.padW());
            weightedToJson(n, c);
        } else if (l instanceof Dense d) {
            n.put("inFeatures", d.inFeatures());
            n.put("outFeatures", d.outFeatures());
            weightedToJson(n, d);
        } else if (l instanceof MaxPool2d p) {
            n.put("kernel", p.kernel());
            n.put("stride", p.stride());
        } else if (l instanceof AvgPool2d p) {
            n.put("kernel", p.kernel());
            n.put("stride", p.stride());
        }
        return n;
    }

    private static void weightedToJson(ObjectNode n, WeightedLayer w) {
        n.put("weightBits", w.weightBits());
        ObjectNode weights = n.putObject("weights");
        if (w.weightBits() <= 8) {
            byte[] b = new byte[w.weights().size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) w.weights().get(i);
            }
            weights.put("encoding", "int8-base64");
            weights.put("data", Base64.getEncoder().encodeToString(b));
        } else {
            ByteBuffer buf = ByteBuffer.allocate(2 * w.weights().size()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < w.weights().size(); i++) {
                buf.putShort((short) w.weights().get(i));
            }
            weights.put("encoding", "int16le-base64");
            weights.put("data", Base64.getEncoder().encodeToString(buf.array()));
        }
        ArrayNode bias = n.putArray("bias");
        for (int i = 0; i < w.bias().size(); i++) {
            bias.add(w.bias().get(i));
        }
        ArrayNode rq = n.putArray("requant");
        for (Requant r : w.requant()) {
            rq.addObject().put("multiplier", r.multiplier()).put("shift", r.shift());
        }
        n.put("activation", w.activation().key());
        n.put("outputBits", w.outputBits());
        ObjectNode pr = n.putObject("pruning");
        ArrayNode blocks = pr.putArray("crossbarBlocks");
        w.pruning().crossbarBlocks().forEach(b -> blocks.addArray().add(b.rowTile()).add(b.colTile()));
        ArrayNode groups = pr.putArray("kernelGroups");
        w.pruning().kernelGroups().forEach(g -> groups.addArray().add(g.colTile()).add(g.inputChannel()));
        ArrayNode filters = pr.putArray("filters");
        w.pruning().filters().forEach(filters::add);
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads and validates a model file.
     *
     * @throws UserInputException listing every problem with its JSON path, or naming why the file
     *                            cannot be read
     */
    public static IntModel read(Path path) {
        if (!Files.exists(path)) {
            throw new UserInputException(path + ": model file not found");
        }
        byte[] bytes = org.xbarsim.io.InputFiles.readBytes(path, "model file", org.xbarsim.io.InputFiles.MAX_MODEL_BYTES);
        return parse(path.toString(), bytes);
    }

    /** Parses model JSON; {@code source} names the file in messages. */
    public static IntModel parse(String source, String json) {
        return parse(source, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Parses model JSON encoded as UTF-8 (Jackson decodes it, so bytes that are not UTF-8 are
     * reported as invalid JSON at their line and column); {@code source} names the file in messages.
     */
    public static IntModel parse(String source, byte[] json) {
        // a well-formed file is read with its weights decoded straight from the bytes; anything else
        // (and a fast read the checks below fault) is read again by the strict reader, whose messages
        // are the file's problems as a user sees them
        JsonNode fast = ModelTree.read(json);
        Reader r = new Reader(source);
        IntModel m = fast == null ? null : r.model(fast);
        if (fast == null || !r.problems.isEmpty() || m == null) {
            fast = null; // not held while the second tree is read
            return parseStrictly(source, json);
        }
        return m;
    }

    /** {@link #parse(String, byte[])} with the strict reader alone (what a file the fast read gives up on gets). */
    static IntModel parseStrictly(String source, byte[] json) {
        Reader r = new Reader(source);
        IntModel m = r.model(org.xbarsim.io.StrictJson.readTree(source, json));
        if (!r.problems.isEmpty() || m == null) {
            throw new UserInputException(source + ": invalid model file (" + r.problems.size() + " problem"
                    + (r.problems.size() == 1 ? "" : "s") + ")", r.problems);
        }
        return m;
    }

    /** Walks the JSON tree, collecting problems instead of stopping at the first. */
    private static final class Reader extends JsonProblems {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        IntModel model(JsonNode root) {
            if (root == null || !root.isObject()) {
                problem("$", "expected a JSON object");
                return null;
            }
            // another file given as a model (a report, a mapping, a training report) is named as such in
            // one problem, not as one unknown key per field it has
            JsonNode f = root.get("format");
            if (f != null && f.isTextual() && !f.asText().equals(FORMAT)) {
                problem("$.format", "'" + f.asText() + "' is not an xbarsim model (expected '" + FORMAT + "')");
                return null;
            }
            if (f == null && !root.has("input")) {
                problem("$", "not an xbarsim model: it has neither 'format' nor 'input' (a model file begins with "
                        + "\"format\": \"" + FORMAT + "\"; train writes one per model and names them in its report)");
                return null;
            }
            keys(root, "$", "format", "version", "name", "input", "prunedFor", "metadata", "layers");
            text(root, "$", "format"); // a format that is not a string (another name was refused above)
            Long version = integer(root, "$", "version", 1, Integer.MAX_VALUE);
            if (version != null && version != IntModel.FORMAT_VERSION) {
                problem("$.version", "version " + version + " is not supported (this xbarsim reads version "
                        + IntModel.FORMAT_VERSION + ")");
                return null;
            }
            String name = text(root, "$", "name");
            InputSpec input = input(root.get("input"), "$.input");
            CrossbarGeometry geometry = geometry(root.get("prunedFor"), "$.prunedFor");
            Metadata meta = metadata(root.get("metadata"), "$.metadata");
            List<Layer> layers = new ArrayList<>();
            JsonNode ln = root.get("layers");
            if (ln == null || !ln.isArray() || ln.isEmpty()) {
                problem("$.layers", "expected a non-empty array of layers");
            } else {
                java.util.Set<String> names = new java.util.HashSet<>();
                for (int i = 0; i < ln.size(); i++) {
                    String p = "$.layers[" + i + "]";
                    Layer l = layer(ln.get(i), p, geometry);
                    if (l != null) {
                        if (!names.add(l.name())) {
                            problem(p + ".name", "duplicate layer name '" + l.name() + "'");
                        }
                        layers.add(l);
                    }
                }
            }
            if (!problems.isEmpty() || input == null || meta == null || name == null) {
                return null;
            }
            // shape chain
            Shape s = input.shape();
            for (int i = 0; i < layers.size(); i++) {
                try {
                    s = layers.get(i).outputShape(s);
                } catch (IllegalArgumentException e) {
                    problem("$.layers[" + i + "]", e.getMessage());
                    return null;
                }
            }
            if (!(layers.get(layers.size() - 1) instanceof WeightedLayer)) {
                problem("$.layers[" + (layers.size() - 1) + "]", "the last layer must be conv2d or dense (it gives the logits)");
                return null;
            }
            return new IntModel(name, input, layers, geometry, meta);
        }

        InputSpec input(JsonNode n, String p) {
            if (!object(n, p)) {
                return null;
            }
            keys(n, p, "shape", "bits", "shift", "scaleLog2");
            int[] shape = ints(n, p, "shape", 3, 1, 1 << 16);
            Long bits = integer(n, p, "bits", 1, 16);
            Long shift = integer(n, p, "shift", 0, 16);
            Long scale = integer(n, p, "scaleLog2", -64, 64);
            if (shape == null || bits == null || shift == null || scale == null) {
                return null;
            }
            return new InputSpec(new Shape(shape[0], shape[1], shape[2]), bits.intValue(), shift.intValue(), scale.intValue());
        }

        CrossbarGeometry geometry(JsonNode n, String p) {
            if (n == null || n.isNull()) {
                return null;
            }
            if (!object(n, p)) {
                return null;
            }
            keys(n, p, "rows", "columns", "bitsPerCell", "weightBits", "encoding");
            Long rows = integer(n, p, "rows", 1, 4096);
            Long cols = integer(n, p, "columns", 1, 4096);
            Long cell = integer(n, p, "bitsPerCell", 1, 8);
            Long wb = integer(n, p, "weightBits", 2, 16);
            String enc = text(n, p, "encoding");
            if (rows == null || cols == null || cell == null || wb == null || enc == null) {
                return null;
            }
            try {
                return new CrossbarGeometry(rows.intValue(), cols.intValue(), cell.intValue(), wb.intValue(),
                        SignedEncoding.fromKey(enc));
            } catch (IllegalArgumentException e) {
                problem(p, e.getMessage());
                return null;
            }
        }

        Metadata metadata(JsonNode n, String p) {
            if (!object(n, p)) {
                return null;
            }
            keys(n, p, "arch", "dataset", "kind", "seed", "accuracies", "notes");
            String arch = text(n, p, "arch");
            String dataset = text(n, p, "dataset");
            String kind = text(n, p, "kind");
            Long seed = integer(n, p, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            Map<String, Double> acc = new TreeMap<>();
            JsonNode a = n.get("accuracies");
            if (a != null && object(a, p + ".accuracies")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!e.getValue().isNumber() || e.getValue().asDouble() < 0 || e.getValue().asDouble() > 1) {
                        problem(p + ".accuracies." + e.getKey(), "expected a number in [0, 1]");
                    } else {
                        acc.put(e.getKey(), e.getValue().asDouble());
                    }
                }
            }
            Map<String, String> notes = new TreeMap<>();
            JsonNode nn = n.get("notes");
            if (nn != null && object(nn, p + ".notes")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = nn.fields(); it.hasNext(); ) {
                    var e = it.next();
                    notes.put(e.getKey(), e.getValue().asText());
                }
            }
            if (arch == null || dataset == null || kind == null || seed == null) {
                return null;
            }
            return new Metadata(arch, dataset, kind, seed, acc, notes);
        }

        Layer layer(JsonNode n, String p, CrossbarGeometry geometry) {
            if (!object(n, p)) {
                return null;
            }
            String kind = text(n, p, "kind");
            String name = text(n, p, "name");
            if (kind == null || name == null) {
                return null;
            }
            if (name.isBlank()) {
                problem(p + ".name", "must not be empty");
            }
            switch (kind) {
                case "conv2d" -> {
                    keys(n, p, "kind", "name", "inChannels", "outChannels", "kernel", "stride", "padding",
                            "weightBits", "weights", "bias", "requant", "activation", "outputBits", "pruning");
                    Long cin = integer(n, p, "inChannels", 1, 1 << 16);
                    Long cout = integer(n, p, "outChannels", 1, 1 << 16);
                    int[] k = ints(n, p, "kernel", 2, 1, 64);
                    int[] st = ints(n, p, "stride", 2, 1, 64);
                    int[] pad = ints(n, p, "padding", 2, 0, 64);
                    if (cin == null || cout == null || k == null || st == null || pad == null) {
                        return null;
                    }
                    int rows = (int) (cin * k[0] * k[1]);
                    Weighted w = weighted(n, p, rows, cout.intValue(), geometry, r -> r / (k[0] * k[1]),
                            (row, col) -> col * rows + row);
                    if (w == null) {
                        return null;
                    }
                    return new Conv2d(name, cin.intValue(), cout.intValue(), k[0], k[1], st[0], st[1], pad[0], pad[1],
                            w.bits, w.weights, w.bias, w.requant, w.activation, w.outputBits, w.pruning);
                }
                case "dense" -> {
                    keys(n, p, "kind", "name", "inFeatures", "outFeatures", "weightBits", "weights", "bias", "requant",
                            "activation", "outputBits", "pruning");
                    Long in = integer(n, p, "inFeatures", 1, 1 << 24);
                    Long out = integer(n, p, "outFeatures", 1, 1 << 16);
                    if (in == null || out == null) {
                        return null;
                    }
                    int rows = in.intValue();
                    Weighted w = weighted(n, p, rows, out.intValue(), geometry, r -> r, (row, col) -> col * rows + row);
                    if (w == null) {
                        return null;
                    }
                    return new Dense(name, rows, out.intValue(), w.bits, w.weights, w.bias, w.requant, w.activation,
                            w.outputBits, w.pruning);
                }
                case "maxpool2d", "avgpool2d" -> {
                    keys(n, p, "kind", "name", "kernel", "stride");
                    Long k = integer(n, p, "kernel", 1, 64);
                    Long st = integer(n, p, "stride", 1, 64);
                    if (k == null || st == null) {
                        return null;
                    }
                    return kind.equals("maxpool2d") ? new MaxPool2d(name, k.intValue(), st.intValue())
                            : new AvgPool2d(name, k.intValue(), st.intValue());
                }
                case "flatten" -> {
                    keys(n, p, "kind", "name");
                    return new Flatten(name);
                }
                default -> {
                    problem(p + ".kind", "unknown layer kind '" + kind + "' (known: conv2d, dense, maxpool2d, avgpool2d, flatten)");
                    return null;
                }
            }
        }

        private record Weighted(int bits, IntVector weights, IntVector bias, List<Requant> requant,
                                Activation activation, int outputBits, LayerPruning pruning) {
        }

        private interface RowChannel {
            int of(int row);
        }

        private interface Index {
            int of(int row, int col);
        }

        Weighted weighted(JsonNode n, String p, int rows, int cols, CrossbarGeometry geometry, RowChannel channel, Index index) {
            Long bits = integer(n, p, "weightBits", 2, 16);
            if (bits == null) {
                return null;
            }
            IntVector w = weights(n.get("weights"), p + ".weights", (long) rows * cols, bits.intValue());
            int[] bias = intArray(n.get("bias"), p + ".bias", cols, Integer.MIN_VALUE, Integer.MAX_VALUE);
            List<Requant> rq = requant(n.get("requant"), p + ".requant", cols);
            String act = text(n, p, "activation");
            Activation activation = null;
            if (act != null) {
                try {
                    activation = Activation.fromKey(act);
                } catch (IllegalArgumentException e) {
                    problem(p + ".activation", e.getMessage());
                }
            }
            Long outBits = integer(n, p, "outputBits", 1, 32);
            LayerPruning pruning = pruning(n.get("pruning"), p + ".pruning", rows, cols, geometry, channel);
            if (w == null || bias == null || rq == null || activation == null || outBits == null || pruning == null) {
                return null;
            }
            if (geometry != null && geometry.weightBits() < bits) {
                problem(p + ".weightBits", bits + " bits exceed the " + geometry.weightBits()
                        + "-bit weights of $.prunedFor");
            }
            checkPrunedZero(p + ".pruning", pruning, w, rows, cols, geometry, channel, index);
            return new Weighted(bits.intValue(), w, IntVector.wrap(bias), rq, activation,
                    outBits.intValue(), pruning);
        }

        IntVector weights(JsonNode n, String p, long expected, int bits) {
            if (!object(n, p)) {
                return null;
            }
            keys(n, p, "encoding", "data");
            String enc = text(n, p, "encoding");
            if (enc == null) {
                return null;
            }
            IntVector w;
            int storedBits = 32; // the widest value the encoding can hold
            switch (enc) {
                case "int8-base64", "int16le-base64" -> {
                    JsonNode decoded = n.get("data");
                    byte[] bytes;
                    if (decoded != null && decoded.isBinary()) { // decoded while read (ModelTree)
                        bytes = ((com.fasterxml.jackson.databind.node.BinaryNode) decoded).binaryValue();
                    } else {
                        String data = text(n, p, "data");
                        if (data == null) {
                            return null;
                        }
                        try {
                            bytes = Base64.getDecoder().decode(data);
                        } catch (IllegalArgumentException e) {
                            problem(p + ".data", "not valid base64: " + e.getMessage());
                            return null;
                        }
                    }
                    int width = enc.equals("int8-base64") ? 1 : 2;
                    if (bytes.length != expected * width) {
                        problem(p + ".data", (bytes.length / width) + " weights, expected " + expected);
                        return null;
                    }
                    // int8 weights keep their decoded bytes (IntVector.wrapInt8)
                    w = width == 1 ? IntVector.wrapInt8(bytes) : IntVector.wrap(widenInt16le(bytes));
                    storedBits = 8 * width;
                }
                case "array" -> {
                    int[] values = intArray(n.get("data"), p + ".data", expected, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    if (values == null) {
                        return null;
                    }
                    w = IntVector.wrap(values);
                }
                default -> {
                    problem(p + ".encoding", "unknown weight encoding '" + enc + "' (known: int8-base64, int16le-base64, array)");
                    return null;
                }
            }
            long lo = -(1L << (bits - 1));
            long hi = (1L << (bits - 1)) - 1;
            // 8-bit weights stored as int8 (or 16 as int16) are in range by their encoding: no pass over
            // millions of them (nor the JIT's compilation of one)
            int i = storedBits <= bits ? -1 : w.firstOutside(lo, hi);
            if (i >= 0) {
                problem(p + ".data[" + i + "]", "weight " + w.get(i) + " is outside the signed " + bits + "-bit range ["
                        + lo + ", " + hi + "]");
                return null;
            }
            return w;
        }

        // A loop over every weight (millions in a VGG-16) is a method of its own, as is the range check
        // (IntVector.firstOutside): the JIT then compiles these few lines, not the whole reader around
        // them (0.1 s of C2's time in a one-image VGG-16 simulate; docs/simulation.md, "Twelfth pass").
        // int8 weights need no such loop: their bytes are kept ("Fifteenth pass").

        private static int[] widenInt16le(byte[] bytes) {
            int[] w = new int[bytes.length / 2];
            for (int i = 0; i < w.length; i++) {
                w[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            return w;
        }

        List<Requant> requant(JsonNode n, String p, int cols) {
            if (n == null || !n.isArray() || (n.size() != 1 && n.size() != cols)) {
                problem(p, "expected an array of 1 or " + cols + " {multiplier, shift} entries");
                return null;
            }
            List<Requant> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                String q = p + "[" + i + "]";
                JsonNode e = n.get(i);
                if (!object(e, q)) {
                    return null;
                }
                keys(e, q, "multiplier", "shift");
                Long m = integer(e, q, "multiplier", 1, Requant.MAX_MULTIPLIER);
                Long s = integer(e, q, "shift", 0, 62);
                if (m == null || s == null) {
                    return null;
                }
                out.add(new Requant(m, s.intValue()));
            }
            return out;
        }

        LayerPruning pruning(JsonNode n, String p, int rows, int cols, CrossbarGeometry g, RowChannel channel) {
            if (n == null || n.isNull()) {
                return LayerPruning.NONE;
            }
            if (!object(n, p)) {
                return null;
            }
            keys(n, p, "crossbarBlocks", "kernelGroups", "filters");
            List<LayerPruning.BlockRef> blocks = new ArrayList<>();
            List<LayerPruning.KernelGroupRef> groups = new ArrayList<>();
            List<Integer> filters = new ArrayList<>();
            boolean any = false;
            for (String key : List.of("crossbarBlocks", "kernelGroups", "filters")) {
                JsonNode a = n.get(key);
                if (a != null && a.isArray() && !a.isEmpty()) {
                    any = true;
                }
            }
            if (any && g == null) {
                problem(p, "lists pruned groups but $.prunedFor gives no crossbar geometry");
                return null;
            }
            int rowTiles = g == null ? 0 : (rows + g.rows() - 1) / g.rows();
            int colTiles = g == null ? 0 : (cols + g.logicalColumnsPerCrossbar() - 1) / g.logicalColumnsPerCrossbar();
            int channels = channel.of(rows - 1) + 1;
            JsonNode b = n.get("crossbarBlocks");
            if (b != null) {
                int[][] pairs = pairs(b, p + ".crossbarBlocks", rowTiles, colTiles, "row tile", "column tile");
                if (pairs == null) {
                    return null;
                }
                for (int[] pr : pairs) {
                    blocks.add(new LayerPruning.BlockRef(pr[0], pr[1]));
                }
            }
            JsonNode k = n.get("kernelGroups");
            if (k != null) {
                int[][] pairs = pairs(k, p + ".kernelGroups", colTiles, channels, "column tile", "input channel");
                if (pairs == null) {
                    return null;
                }
                for (int[] pr : pairs) {
                    groups.add(new LayerPruning.KernelGroupRef(pr[0], pr[1]));
                }
            }
            JsonNode f = n.get("filters");
            if (f != null) {
                int[] fs = intArray(f, p + ".filters", -1, 0, cols - 1);
                if (fs == null) {
                    return null;
                }
                for (int v : fs) {
                    filters.add(v);
                }
            }
            return new LayerPruning(blocks, groups, filters);
        }

        int[][] pairs(JsonNode a, String p, int max0, int max1, String what0, String what1) {
            if (!a.isArray()) {
                problem(p, "expected an array of [" + what0 + ", " + what1 + "] pairs");
                return null;
            }
            int[][] out = new int[a.size()][];
            for (int i = 0; i < a.size(); i++) {
                JsonNode e = a.get(i);
                String q = p + "[" + i + "]";
                if (!e.isArray() || e.size() != 2 || !e.get(0).canConvertToInt() || !e.get(1).canConvertToInt()
                        || !e.get(0).isIntegralNumber() || !e.get(1).isIntegralNumber()) {
                    problem(q, "expected [" + what0 + ", " + what1 + "]");
                    return null;
                }
                int v0 = e.get(0).intValue();
                int v1 = e.get(1).intValue();
                if (v0 < 0 || v0 >= max0) {
                    problem(q, what0 + " " + v0 + " is outside [0, " + (max0 - 1) + "]");
                    return null;
                }
                if (v1 < 0 || v1 >= max1) {
                    problem(q, what1 + " " + v1 + " is outside [0, " + (max1 - 1) + "]");
                    return null;
                }
                out[i] = new int[] {v0, v1};
            }
            return out;
        }

        void checkPrunedZero(String p, LayerPruning pr, IntVector w, int rows, int cols, CrossbarGeometry g,
                             RowChannel channel, Index index) {
            if (g == null) {
                return;
            }
            int r = g.rows();
            int l = g.logicalColumnsPerCrossbar();
            for (int i = 0; i < pr.crossbarBlocks().size(); i++) {
                var b = pr.crossbarBlocks().get(i);
                for (int row = b.rowTile() * r; row < Math.min(rows, (b.rowTile() + 1) * r); row++) {
                    for (int col = b.colTile() * l; col < Math.min(cols, (b.colTile() + 1) * l); col++) {
                        if (w.get(index.of(row, col)) != 0) {
                            problem(p + ".crossbarBlocks[" + i + "]", "block is listed as pruned but weight (row "
                                    + row + ", column " + col + ") is " + w.get(index.of(row, col)));
                            return;
                        }
                    }
                }
            }
            for (int i = 0; i < pr.kernelGroups().size(); i++) {
                var k = pr.kernelGroups().get(i);
                for (int row = 0; row < rows; row++) {
                    if (channel.of(row) != k.inputChannel()) {
                        continue;
                    }
                    for (int col = k.colTile() * l; col < Math.min(cols, (k.colTile() + 1) * l); col++) {
                        if (w.get(index.of(row, col)) != 0) {
                            problem(p + ".kernelGroups[" + i + "]", "group is listed as pruned but weight (row "
                                    + row + ", column " + col + ") is " + w.get(index.of(row, col)));
                            return;
                        }
                    }
                }
            }
            for (int i = 0; i < pr.filters().size(); i++) {
                int col = pr.filters().get(i);
                for (int row = 0; row < rows; row++) {
                    if (w.get(index.of(row, col)) != 0) {
                        problem(p + ".filters[" + i + "]", "filter " + col + " is listed as pruned but weight (row "
                                + row + ") is " + w.get(index.of(row, col)));
                        return;
                    }
                }
            }
        }
    }
}
