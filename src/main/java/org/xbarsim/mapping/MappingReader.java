package org.xbarsim.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.JsonProblems;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;

/**
 * Reads a mapping file ({@link MappingJson}, version 2) back into the {@link Mapping} a simulator
 * wires from, for one model on one chip. The file is the plan: which crossbar of which tile holds
 * which rows and columns of which copy, and each layer's copy plan (pixel shares, input routes).
 * The cells are rebuilt from the model's weights and must equal the file's when it lists them.
 * Reading is strict: unknown keys, wrong types and contents that do not fit the model or the chip
 * (or contradict each other) are refused, every problem with its JSON path.
 */
public final class MappingReader extends JsonProblems {
    private final IntModel model;
    private final MappingTarget chip;

    private MappingReader(IntModel model, MappingTarget chip) {
        this.model = model;
        this.chip = chip;
    }

    /**
     * Parses {@code json} (the file {@code source}) as the mapping of {@code model} on a chip whose
     * mapping view is {@code chip} (its packing is taken from the file).
     *
     * @throws UserInputException listing every problem with its JSON path
     */
    public static Mapping parse(String source, String json, IntModel model, MappingTarget chip) {
        JsonNode root = org.xbarsim.io.StrictJson.readTree(source, json);
        MappingReader r = new MappingReader(model, chip);
        Mapping m = r.mapping(root);
        if (!r.problems.isEmpty() || m == null) {
            throw new UserInputException(source + ": mapping file refused for model '" + model.name() + "' (" + r.problems.size()
                    + " problem" + (r.problems.size() == 1 ? "" : "s") + ")", r.problems);
        }
        return m;
    }

    private Mapping mapping(JsonNode root) {
        if (root == null || !root.isObject()) {
            problem("$", "expected a JSON object");
            return null;
        }
        keys(root, "$", "format", "version", "model", "target", "totals", "layers", "pipeline", "cost", "baseline",
                "baselineOverModel");
        String format = text(root, "$", "format");
        if (format != null && !format.equals(MappingJson.FORMAT)) {
            problem("$.format", "'" + format + "' is not an xbarsim mapping (expected '" + MappingJson.FORMAT + "')");
            return null;
        }
        Long version = integer(root, "$", "version", 1, Integer.MAX_VALUE);
        if (version != null && version != MappingJson.VERSION) {
            problem("$.version", "version " + version + " cannot be simulated (this xbarsim reads version " + MappingJson.VERSION
                    + (version < MappingJson.VERSION ? ", which adds each layer's copyPlan: run map --out again" : "") + ")");
            return null;
        }
        String name = text(root, "$", "model");
        if (name != null && !name.equals(model.name())) {
            problem("$.model", "the mapping is of model '" + name + "', the model file holds '" + model.name() + "'");
        }
        MappingTarget target = target(root.get("target"));
        for (String info : List.of("totals", "pipeline", "cost", "baseline", "baselineOverModel")) {
            JsonNode n = root.get(info);
            if (n != null && !n.isObject()) {
                problem("$." + info, "expected an object");
            }
        }
        if (!problems.isEmpty() || target == null) {
            return null;
        }
        List<WeightedLayer> weighted = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            if (model.layers().get(i) instanceof WeightedLayer w) {
                weighted.add(w);
                indices.add(i);
            }
        }
        JsonNode ln = root.get("layers");
        if (ln == null || !ln.isArray()) {
            problem("$.layers", ln == null ? "is missing" : "expected an array");
            return null;
        }
        if (ln.size() != weighted.size()) {
            problem("$.layers", ln.size() + " layers, the model has " + weighted.size() + " weighted layers");
            return null;
        }
        List<LayerMapping> layers = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<Long> slots = new HashSet<>();
        for (int n = 0; n < weighted.size(); n++) {
            LayerMapping lm = layer(ln.get(n), "$.layers[" + n + "]", indices.get(n), weighted.get(n), target, ids, slots);
            if (lm != null) {
                layers.add(lm);
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        Mapping m = new Mapping(model.name(), target, layers);
        try {
            for (String p : ReadBack.verify(m, model)) {
                problem("$.layers", "the crossbars do not hold the model's weights: " + p);
            }
        } catch (IllegalStateException e) {
            problem("$.layers", e.getMessage());
        }
        JsonNode totals = root.get("totals");
        if (totals != null && totals.has("allocatedCrossbars")) {
            same(totals, "$.totals", "allocatedCrossbars", m.allocatedCrossbars());
        }
        return problems.isEmpty() ? m : null;
    }

    private MappingTarget target(JsonNode n) {
        String p = "$.target";
        if (!object(n, p)) {
            return null;
        }
        keys(n, p, "rows", "columns", "bitsPerCell", "weightBits", "encoding", "slicesPerWeight", "physicalColumnsPerLogical",
                "logicalColumnsPerCrossbar", "tiles", "crossbarsPerTile", "packing", "flipColumns", "columnLayout");
        String packing = text(n, p, "packing");
        MappingTarget.TilePacking tp = null;
        for (MappingTarget.TilePacking t : MappingTarget.TilePacking.values()) {
            if (t.key().equals(packing)) {
                tp = t;
            }
        }
        if (packing != null && tp == null) {
            problem(p + ".packing", "unknown packing '" + packing + "' (known: shared, layer-per-tile)");
        }
        // every other key must say what the chip of the config says
        JsonNode expected = MappingJson.tree(new Mapping(model.name(), chip, List.of()), false).get("target");
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("packing")) {
                continue;
            }
            JsonNode v = n.get(key);
            JsonNode want = expected.get(key);
            if (v == null) {
                problem(p + "." + key, "is missing");
            } else if (!v.equals(want)) {
                problem(p + "." + key, v + " in the mapping, but the chip of the config has " + want
                        + " (the mapping was made for another chip: map the model on this config)");
            }
        }
        return tp == null ? null : new MappingTarget(chip.geometry(), chip.tiles(), chip.crossbarsPerTile(), tp, chip.flipColumns());
    }

    private LayerMapping layer(JsonNode n, String p, int index, WeightedLayer w, MappingTarget target, Set<Integer> ids,
            Set<Long> slots) {
        if (!object(n, p)) {
            return null;
        }
        keys(n, p, "index", "name", "kind", "matrixRows", "matrixCols", "weightBits", "multiplierFree", "rowTiles", "columnTiles",
                "denseCrossbars", "allocatedCrossbars", "replicas", "reducerTiles", "tiles", "copyPlan", "usedCells",
                "allocatedCells", "utilization", "unstructured", "crossbars");
        int before = problems.size();
        same(n, p, "index", index);
        JsonNode name = n.get("name");
        if (name == null || !name.isTextual() || !name.asText().equals(w.name())) {
            problem(p + ".name", name == null ? "is missing"
                    : name + " in the mapping, the model's weighted layer at index " + index + " is '" + w.name() + "'");
        }
        JsonNode kind = n.get("kind");
        if (kind == null || !kind.isTextual() || !kind.asText().equals(w.kind())) {
            problem(p + ".kind", kind == null ? "is missing" : kind + " in the mapping, '" + w.name() + "' is " + w.kind());
        }
        same(n, p, "matrixRows", w.matrixRows());
        same(n, p, "matrixCols", w.matrixCols());
        if (problems.size() > before) {
            return null; // the rest would only repeat that the layer is another one
        }
        Long replicas = integer(n, p, "replicas", 1, Integer.MAX_VALUE);
        JsonNode xs = n.get("crossbars");
        if (xs == null || !xs.isArray()) {
            problem(p + ".crossbars", xs == null ? "is missing" : "expected an array");
            return null;
        }
        if (replicas == null) {
            return null;
        }
        CrossbarGeometry g = target.geometry();
        int columnTiles = CrossbarGroups.columnTiles(w.matrixCols(), g);
        List<CrossbarPlacement> first = new ArrayList<>();
        List<CrossbarPlacement> copies = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            CrossbarPlacement c = crossbar(xs.get(i), p + ".crossbars[" + i + "]", index, w, target, replicas.intValue(),
                    columnTiles, ids, slots);
            if (c == null) {
                continue;
            }
            if (c.replica() == 0) {
                if (!copies.isEmpty()) {
                    problem(p + ".crossbars[" + i + "]", "a crossbar of the first copy after the other copies' crossbars");
                }
                first.add(c);
            } else {
                CrossbarPlacement o = first.isEmpty() ? null : first.get(copies.size() % first.size());
                if (o != null && !o.inputRows().equals(c.inputRows())) {
                    problem(p + ".crossbars[" + i + "].inputRows", "copy " + c.replica() + " must hold the rows of crossbar "
                            + o.id() + " of the first copy");
                }
                copies.add(c);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        LayerMapping lm;
        try {
            lm = new LayerMapping(index, w.name(), w.kind(), w.matrixRows(), w.matrixCols(), w.weightBits(), w.isMultiplierFree(),
                    CrossbarGroups.rowTiles(w.matrixRows(), g), columnTiles,
                    CrossbarGroups.denseCrossbars(w.matrixRows(), w.matrixCols(), g), first, Mapper.unstructured(w, g), copies, null);
        } catch (IllegalArgumentException e) {
            problem(p + ".crossbars", e.getMessage());
            return null;
        }
        if (lm.replicas() != replicas) {
            problem(p + ".replicas", replicas + ", but the crossbars hold " + lm.replicas() + " copies");
            return null;
        }
        same(n, p, "allocatedCrossbars", lm.allocatedCrossbars());
        JsonNode reducers = n.get("reducerTiles");
        if (reducers == null || !reducers.isArray()) {
            problem(p + ".reducerTiles", reducers == null ? "is missing" : "expected an array per copy");
        } else {
            JsonNode want = MappingJson.mapper().valueToTree(reducerTiles(lm));
            if (!reducers.equals(want)) {
                problem(p + ".reducerTiles", reducers + " does not name, per copy and column tile, the tile of the copy's first"
                        + " crossbar of that column tile: " + want);
            }
        }
        JsonNode tiles = n.get("tiles");
        if (tiles == null || !tiles.equals(MappingJson.mapper().valueToTree(lm.tiles()))) {
            problem(p + ".tiles", tiles == null ? "is missing" : tiles + " are not the tiles of the layer's crossbars: " + lm.tiles());
        }
        CopyPlan plan = copyPlan(n.get("copyPlan"), p + ".copyPlan", lm);
        return plan == null ? null : lm.withCopyPlan(plan);
    }

    private static int[][] reducerTiles(LayerMapping lm) {
        int[][] r = new int[lm.replicas()][lm.columnTiles()];
        for (int c = 0; c < lm.replicas(); c++) {
            for (int t = 0; t < lm.columnTiles(); t++) {
                r[c][t] = lm.reducerTile(c, t);
            }
        }
        return r;
    }

    private CrossbarPlacement crossbar(JsonNode n, String p, int index, WeightedLayer w, MappingTarget target, int replicas,
            int columnTiles, Set<Integer> ids, Set<Long> slots) {
        if (!object(n, p)) {
            return null;
        }
        keys(n, p, "id", "replica", "tile", "slot", "columnTile", "pack", "offset", "inputRows", "outputColumns", "flippedColumns",
                "cells");
        CrossbarGeometry g = target.geometry();
        Long id = integer(n, p, "id", 0, Integer.MAX_VALUE);
        Long replica = integer(n, p, "replica", 0, replicas - 1);
        Long tile = integer(n, p, "tile", 0, target.tiles() - 1);
        Long slot = integer(n, p, "slot", 0, target.crossbarsPerTile() - 1);
        Long columnTile = integer(n, p, "columnTile", 0, columnTiles - 1);
        Long pack = integer(n, p, "pack", 0, Integer.MAX_VALUE);
        int[] rows = intArray(n.get("inputRows"), p + ".inputRows", 0, w.matrixRows() - 1);
        int[] cols = intArray(n.get("outputColumns"), p + ".outputColumns", 0, w.matrixCols() - 1);
        JsonNode flippedNode = n.get("flippedColumns");
        int[] flipped = null;
        if (target.flipColumns()) {
            flipped = intArray(flippedNode, p + ".flippedColumns", 0, Integer.MAX_VALUE);
        } else if (flippedNode != null) {
            problem(p + ".flippedColumns", "the chip does not flip columns (target.flipColumns is false)");
        }
        if (id == null || replica == null || tile == null || slot == null || columnTile == null || pack == null || rows == null
                || cols == null || (target.flipColumns() && flipped == null)) {
            return null;
        }
        if (!ids.add(id.intValue())) {
            problem(p + ".id", "crossbar id " + id + " is used twice");
        }
        if (!slots.add(tile * target.crossbarsPerTile() + slot)) {
            problem(p + ".slot", "tile " + tile + ", slot " + slot + " holds two crossbars");
        }
        if (rows.length == 0 || rows.length > g.rows()) {
            problem(p + ".inputRows", rows.length + " rows: a crossbar holds 1 to " + g.rows());
            return null;
        }
        for (int a = 1; a < rows.length; a++) {
            if (rows[a] <= rows[a - 1]) {
                problem(p + ".inputRows[" + a + "]", "rows must be ascending and distinct");
                return null;
            }
        }
        int from = CrossbarGroups.firstColumn(columnTile.intValue(), g);
        int to = CrossbarGroups.endColumn(columnTile.intValue(), w.matrixCols(), g);
        int[] wantCols = new int[to - from];
        Arrays.setAll(wantCols, i -> from + i);
        if (!Arrays.equals(cols, wantCols)) {
            problem(p + ".outputColumns", "column tile " + columnTile + " serves columns " + from + ".." + (to - 1) + ", all of them");
            return null;
        }
        CrossbarPlacement c = Mapper.place(w, index, columnTile.intValue(), pack.intValue(), rows, from, to, id, target)
                .copy(replica.intValue(), id.intValue(), tile.intValue(), slot.intValue());
        same(n, p, "offset", c.offset());
        if (flipped != null) {
            int[] want = new int[c.flippedColumns()];
            int k = 0;
            for (int j = 0; j < c.usedColumns(); j++) {
                if (c.columns().get(j).flipped()) {
                    want[k++] = j;
                }
            }
            if (!Arrays.equals(flipped, want)) {
                problem(p + ".flippedColumns", "the chip's flip rule stores columns " + Arrays.toString(want)
                        + " of these weights complemented, the mapping says " + Arrays.toString(flipped));
            }
        }
        JsonNode cells = n.get("cells");
        if (cells != null) {
            byte[] levels = null;
            try {
                levels = cells.isTextual() ? Base64.getDecoder().decode(cells.asText()) : null;
            } catch (IllegalArgumentException e) {
                levels = null;
            }
            if (levels == null) {
                problem(p + ".cells", "expected base64 text");
            } else if (!Arrays.equals(levels, c.cells().toBytes())) {
                problem(p + ".cells", "the cell levels differ from the model's weights on these rows and columns");
            }
        }
        return c;
    }

    private CopyPlan copyPlan(JsonNode n, String p, LayerMapping lm) {
        if (!object(n, p)) {
            return null;
        }
        keys(n, p, "pixelCopy", "finalCopy", "inputRoutes");
        int li = lm.layerIndex();
        Shape out = model.shapes().get(li);
        int pixels = out.height() * out.width();
        int finals = CopyShares.finalPixels(model, li);
        int copies = lm.replicas();
        int[] pixelCopy = intArray(n.get("pixelCopy"), p + ".pixelCopy", 0, copies - 1);
        int[] finalCopy = intArray(n.get("finalCopy"), p + ".finalCopy", 0, copies - 1);
        if (pixelCopy == null || finalCopy == null) {
            return null;
        }
        if (pixelCopy.length != pixels) {
            problem(p + ".pixelCopy", pixelCopy.length + " values, the layer has " + pixels + " output pixels");
            return null;
        }
        if (finalCopy.length != finals) {
            problem(p + ".finalCopy", finalCopy.length + " values, the layer has " + finals + " pixels after pooling");
            return null;
        }
        // a window (one pixel after pooling) is pooled by one output unit: one copy computes all of it
        int[] windows = CopyShares.windows(model, li);
        int count = windows[windows.length - 1];
        int[] windowCopy = new int[count];
        Arrays.fill(windowCopy, -1);
        for (int px = 0; px < pixels; px++) {
            int wdw = windows[px];
            if (windowCopy[wdw] >= 0 && windowCopy[wdw] != pixelCopy[px]) {
                problem(p + ".pixelCopy[" + px + "]", "copy " + pixelCopy[px] + ", but copy " + windowCopy[wdw]
                        + " computes other pixels of the same pooling window");
                return null;
            }
            windowCopy[wdw] = pixelCopy[px];
        }
        for (int f = 0; f < finals; f++) {
            int want = count == finals ? windowCopy[f] : 0;
            if (finalCopy[f] != want) {
                problem(p + ".finalCopy[" + f + "]", "copy " + finalCopy[f] + ", but copy " + want + " computes that pixel's window");
                return null;
            }
        }
        boolean[] busy = new boolean[copies];
        for (int c : pixelCopy) {
            busy[c] = true;
        }
        for (int c = 0; c < copies; c++) {
            if (!busy[c]) {
                problem(p + ".pixelCopy", "copy " + c + " computes no pixel");
                return null;
            }
        }
        JsonNode rn = n.get("inputRoutes");
        boolean routed = copies > 1 && model.layers().get(li) instanceof Conv2d;
        if (rn == null) {
            problem(p + ".inputRoutes", "is missing (null when every tile of the layer receives every input)");
            return null;
        }
        if (!routed) {
            if (!rn.isNull()) {
                problem(p + ".inputRoutes", "must be null: " + (copies == 1 ? "with one copy" : "for a dense layer")
                        + " every tile of the layer receives every input");
                return null;
            }
            return new CopyPlan(pixelCopy, finalCopy, null);
        }
        if (!rn.isArray()) {
            problem(p + ".inputRoutes", "expected an array of tile lists, one per input position");
            return null;
        }
        Shape in = model.inputShapeOf(li);
        if (rn.size() != in.height() * in.width()) {
            problem(p + ".inputRoutes", rn.size() + " positions, the layer's input has " + in.height() * in.width());
            return null;
        }
        int[][] need = CopyShares.inputRoutes(model, li, pixelCopy, copies, lm::tilesOfCopy);
        int[][] routes = new int[rn.size()][];
        List<Integer> layerTiles = lm.tiles();
        for (int i = 0; i < routes.length; i++) {
            String q = p + ".inputRoutes[" + i + "]";
            routes[i] = intArray(rn.get(i), q, 0, Integer.MAX_VALUE);
            if (routes[i] == null) {
                return null;
            }
            for (int a = 0; a < routes[i].length; a++) {
                if (!layerTiles.contains(routes[i][a]) || (a > 0 && routes[i][a] <= routes[i][a - 1])) {
                    problem(q, "tiles must be ascending, distinct and among the layer's tiles " + layerTiles);
                    return null;
                }
            }
            for (int t : need[i]) {
                if (Arrays.binarySearch(routes[i], t) < 0) {
                    problem(q, "tile " + t + " computes a pixel that reads input position " + i + " but does not receive it");
                    return null;
                }
            }
        }
        return new CopyPlan(pixelCopy, finalCopy, routes);
    }

    /** The integer {@code key} must equal {@code want} (what the model, chip or crossbars give). */
    private void same(JsonNode n, String p, String key, long want) {
        Long v = integer(n, p, key, Long.MIN_VALUE, Long.MAX_VALUE);
        if (v != null && v != want) {
            problem(p + "." + key, v + " in the mapping, " + want + " from the model, the chip and the crossbars");
        }
    }

    private int[] intArray(JsonNode a, String p, long lo, long hi) {
        return intArray(a, p, -1, lo, hi);
    }
}
