package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.xbarsim.arch.CrossbarGeometry;

/**
 * A whole model placed on a chip: one {@link LayerMapping} per weighted layer, in model order.
 * Crossbar ids are global and follow allocation order (layer, column tile, pack); each crossbar's
 * tile and slot follow from its id and {@link MappingTarget.TilePacking}.
 *
 * @param modelName the model's name
 * @param target    the chip it was mapped to
 * @param layers    weighted layers, in model order
 */
public record Mapping(String modelName, MappingTarget target, List<LayerMapping> layers) {
    public Mapping {
        layers = List.copyOf(layers);
    }

    public CrossbarGeometry geometry() {
        return target.geometry();
    }

    /** Every allocated crossbar (every copy of every layer), by id. */
    public List<CrossbarPlacement> crossbars() {
        List<CrossbarPlacement> all = new ArrayList<>();
        for (LayerMapping l : layers) {
            all.addAll(l.allCrossbars());
        }
        return all;
    }

    /** Copies of each layer's weights, in layer order (all 1 without duplication). */
    public int[] replicas() {
        return layers.stream().mapToInt(LayerMapping::replicas).toArray();
    }

    public long allocatedCrossbars() {
        return layers.stream().mapToLong(LayerMapping::allocatedCrossbars).sum();
    }

    public long denseCrossbars() {
        return layers.stream().mapToLong(LayerMapping::denseCrossbars).sum();
    }

    public long unstructuredCrossbars() {
        return layers.stream().mapToLong(l -> l.unstructured().crossbars()).sum();
    }

    /** Tiles holding at least one crossbar, ascending. */
    public List<Integer> tilesUsed() {
        TreeSet<Integer> t = new TreeSet<>();
        for (LayerMapping l : layers) {
            t.addAll(l.tiles());
        }
        return List.copyOf(t);
    }

    public long usedCells() {
        return layers.stream().mapToLong(LayerMapping::usedCells).sum();
    }

    /** Cells of all allocated crossbars: crossbars x R x C. */
    public long allocatedCells() {
        CrossbarGeometry g = geometry();
        return allocatedCrossbars() * g.rows() * g.columns();
    }

    /** The layer mapping of model layer {@code layerIndex} (index in {@code IntModel.layers()}), or null. */
    public LayerMapping forLayer(int layerIndex) {
        for (LayerMapping l : layers) {
            if (l.layerIndex() == layerIndex) {
                return l;
            }
        }
        return null;
    }

    /** The layer mapping of layer {@code name}, or null. */
    public LayerMapping layer(String name) {
        for (LayerMapping l : layers) {
            if (l.layerName().equals(name)) {
                return l;
            }
        }
        return null;
    }
}
