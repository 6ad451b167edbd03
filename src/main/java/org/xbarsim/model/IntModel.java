package org.xbarsim.model;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.arch.CrossbarGeometry;

/**
 * An integer-only network: what training writes, and what the golden engine, the mapper and the
 * simulator read. Plain ints; see docs/model-format.md.
 *
 * @param name      model name
 * @param input     input quantization and shape
 * @param layers    layers in execution order
 * @param prunedFor the crossbar geometry the pruning was aligned to, or {@code null} if unpruned
 * @param metadata  provenance and measured accuracies
 */
public record IntModel(String name, InputSpec input, List<Layer> layers, CrossbarGeometry prunedFor, Metadata metadata) {
    public static final int FORMAT_VERSION = 1;

    public IntModel {
        layers = List.copyOf(layers);
    }

    /** Output shape of every layer, in order; throws IllegalArgumentException on the first mismatch. */
    public List<Shape> shapes() {
        List<Shape> out = new ArrayList<>(layers.size());
        Shape s = input.shape();
        for (Layer l : layers) {
            s = l.outputShape(s);
            out.add(s);
        }
        return out;
    }

    /** Input shape of layer {@code index}. */
    public Shape inputShapeOf(int index) {
        return index == 0 ? input.shape() : shapes().get(index - 1);
    }

    public Shape outputShape() {
        List<Shape> s = shapes();
        return s.isEmpty() ? input.shape() : s.get(s.size() - 1);
    }

    public List<WeightedLayer> weightedLayers() {
        List<WeightedLayer> w = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof WeightedLayer wl) {
                w.add(wl);
            }
        }
        return w;
    }

    /** True when no weighted layer needs a digital multiplier. */
    public boolean isMultiplierFree() {
        return weightedLayers().stream().allMatch(WeightedLayer::isMultiplierFree);
    }

    public long weightCount() {
        return weightedLayers().stream().mapToLong(l -> l.weights().size()).sum();
    }

    public long zeroWeightCount() {
        return weightedLayers().stream().mapToLong(l -> l.weights().countZeros()).sum();
    }
}
