package org.xbarsim.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;

/**
 * The mapping as JSON (keys documented in docs/mapping.md). Keys are written in a fixed order and
 * numbers come from integer counts or their exact ratios, so the same mapping gives the same bytes.
 * Building the tree does no I/O; the caller writes it (atomically).
 */
public final class MappingJson {
    public static final String FORMAT = "xbarsim-mapping";
    public static final int VERSION = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MappingJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The mapping as a JSON tree.
     *
     * @param withCells also write each crossbar's cell levels (base64, row-major, one byte per cell)
     */
    public static ObjectNode tree(Mapping m, boolean withCells) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("model", m.modelName());
        root.set("target", target(m.target()));
        ObjectNode totals = root.putObject("totals");
        totals.put("denseCrossbars", m.denseCrossbars());
        totals.put("allocatedCrossbars", m.allocatedCrossbars());
        totals.put("unstructuredCrossbars", m.unstructuredCrossbars());
        totals.put("tilesUsed", m.tilesUsed().size());
        totals.put("usedCells", m.usedCells());
        totals.put("allocatedCells", m.allocatedCells());
        totals.put("utilization", ratio(m.usedCells(), m.allocatedCells()));
        ArrayNode layers = root.putArray("layers");
        CrossbarGeometry g = m.geometry();
        long cellsPerCrossbar = (long) g.rows() * g.columns();
        for (LayerMapping l : m.layers()) {
            ObjectNode n = layers.addObject();
            n.put("index", l.layerIndex());
            n.put("name", l.layerName());
            n.put("kind", l.kind());
            n.put("matrixRows", l.matrixRows());
            n.put("matrixCols", l.matrixCols());
            n.put("weightBits", l.weightBits());
            n.put("multiplierFree", l.multiplierFree());
            n.put("rowTiles", l.rowTiles());
            n.put("columnTiles", l.columnTiles());
            n.put("denseCrossbars", l.denseCrossbars());
            n.put("allocatedCrossbars", l.allocatedCrossbars());
            n.put("replicas", l.replicas());
            ArrayNode reducers = n.putArray("reducerTiles");
            for (int r = 0; r < l.replicas(); r++) {
                ArrayNode byTile = reducers.addArray();
                for (int t = 0; t < l.columnTiles(); t++) {
                    byTile.add(l.reducerTile(r, t));
                }
            }
            ArrayNode tiles = n.putArray("tiles");
            l.tiles().forEach(tiles::add);
            if (l.copyPlan() != null) {
                n.set("copyPlan", copyPlan(l.copyPlan()));
            }
            n.put("usedCells", l.usedCells());
            n.put("allocatedCells", l.allocatedCrossbars() * cellsPerCrossbar);
            n.put("utilization", ratio(l.usedCells(), l.allocatedCrossbars() * cellsPerCrossbar));
            ObjectNode u = n.putObject("unstructured");
            u.put("crossbars", l.unstructured().crossbars());
            u.put("nonZeroWeights", l.unstructured().nonZeroWeights());
            u.put("indexBits", l.unstructured().indexBits());
            ArrayNode xs = n.putArray("crossbars");
            for (CrossbarPlacement c : l.allCrossbars()) {
                ObjectNode x = xs.addObject();
                x.put("id", c.id());
                x.put("replica", c.replica());
                x.put("tile", c.tile());
                x.put("slot", c.slot());
                x.put("columnTile", c.columnTile());
                x.put("pack", c.pack());
                x.put("offset", c.offset());
                ArrayNode rows = x.putArray("inputRows");
                for (int a = 0; a < c.usedRows(); a++) {
                    rows.add(c.inputRows().get(a));
                }
                ArrayNode cols = x.putArray("outputColumns");
                for (int i = 0; i < c.outputColumns().size(); i++) {
                    cols.add(c.outputColumns().get(i));
                }
                if (m.target().flipColumns()) {
                    ArrayNode flipped = x.putArray("flippedColumns");
                    for (int j = 0; j < c.usedColumns(); j++) {
                        if (c.columns().get(j).flipped()) {
                            flipped.add(j);
                        }
                    }
                }
                if (withCells) {
                    x.put("cells", Base64.getEncoder().encodeToString(c.cells().toBytes()));
                }
            }
        }
        return root;
    }

    private static ObjectNode copyPlan(CopyPlan p) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode pixels = n.putArray("pixelCopy");
        for (int c : p.pixelCopy()) {
            pixels.add(c);
        }
        ArrayNode finals = n.putArray("finalCopy");
        for (int c : p.finalCopy()) {
            finals.add(c);
        }
        if (p.inputRoutes() == null) {
            n.putNull("inputRoutes");
        } else {
            ArrayNode routes = n.putArray("inputRoutes");
            for (int[] r : p.inputRoutes()) {
                ArrayNode tiles = routes.addArray();
                for (int t : r) {
                    tiles.add(t);
                }
            }
        }
        return n;
    }

    /** The pipeline estimate: per stage copies and cycles per image, the interval and the bottleneck. */
    public static ObjectNode pipeline(PipelineEstimate p) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode stages = n.putArray("stages");
        for (PipelineEstimate.Stage st : p.stages()) {
            ObjectNode x = stages.addObject();
            x.put("layer", st.layerName());
            x.put("replicas", st.replicas());
            x.put("positions", st.positions());
            x.put("mvmCycles", st.mvmCycles());
            x.put("cyclesPerImage", st.cyclesPerImage());
        }
        ObjectNode res = n.putObject("resources");
        p.resources().forEach(res::put);
        n.put("intervalCycles", p.intervalCycles());
        n.put("bottleneck", p.bottleneck());
        return n;
    }

    public static String toJson(Mapping m, boolean withCells) {
        return write(tree(m, withCells));
    }

    public static String write(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the mapping", e);
        }
    }

    private static ObjectNode target(MappingTarget t) {
        CrossbarGeometry g = t.geometry();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("rows", g.rows());
        n.put("columns", g.columns());
        n.put("bitsPerCell", g.bitsPerCell());
        n.put("weightBits", g.weightBits());
        n.put("encoding", g.encoding().key());
        n.put("slicesPerWeight", g.slicesPerWeight());
        n.put("physicalColumnsPerLogical", g.physicalColumnsPerLogical());
        n.put("logicalColumnsPerCrossbar", g.logicalColumnsPerCrossbar());
        n.put("tiles", t.tiles());
        n.put("crossbarsPerTile", t.crossbarsPerTile());
        n.put("packing", t.packing().key());
        n.put("flipColumns", t.flipColumns());
        ArrayNode layout = n.putArray("columnLayout");
        for (int s = 0; s < g.slicesPerWeight(); s++) {
            if (g.encoding() == SignedEncoding.DIFFERENTIAL) {
                layout.add(role(s, g, Polarity.POSITIVE));
                layout.add(role(s, g, Polarity.NEGATIVE));
            } else {
                layout.add(role(s, g, Polarity.BIASED));
            }
        }
        return n;
    }

    private static ObjectNode role(int slice, CrossbarGeometry g, Polarity p) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("slice", slice);
        r.put("shift", slice * g.bitsPerCell());
        r.put("polarity", p.key());
        return r;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
