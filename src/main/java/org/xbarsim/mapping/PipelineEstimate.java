package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.WeightedLayer;

/**
 * How fast each weighted layer (a pipeline stage) can take images, from the mapping and the
 * crossbar and ADC timing alone. One matrix-vector product on a crossbar streams
 * {@code reads = ceil(inputBits / dacBits)} reads; the array and its ADCs work as a two-stage
 * pipeline, so back-to-back products on one crossbar are
 * {@code mvm = reads x max(readLatency, min(columnsPerAdc, usedColumns) x adcLatency)} cycles apart.
 * The crossbars of a copy work in parallel and the copies share the output pixels
 * ({@link CopyShares}), so a stage needs
 * {@code cyclesPerImage = (most pixels of one copy) x max(mvm over the copy's crossbars)} cycles per
 * image (a conv layer has H x W output pixels, a dense layer 1), and a pipeline of stages takes
 * one image per {@code interval = max(cyclesPerImage)}: the slowest stage is the bottleneck. Tile
 * resources shared by crossbars (input-buffer port, shift-add units, output unit, network) are not
 * in the estimate; the simulation shows when they matter.
 *
 * @param stages     one per weighted layer, in model order
 * @param bottleneck index of the slowest stage (the first one on a tie)
 */
public record PipelineEstimate(List<Stage> stages, int bottleneck) {
    public PipelineEstimate {
        stages = List.copyOf(stages);
    }

    /**
     * One stage.
     *
     * @param layerName    the weighted layer
     * @param positions    output positions per image
     * @param mvmCycles    cycles between two products on its slowest crossbar (0: no crossbar, constant outputs)
     * @param copyCrossbars crossbars of one copy of its weights
     * @param replicas     copies of its weights
     * @param windows      {@link CopyShares#windows} of the layer: how copies may share its pixels
     */
    public record Stage(String layerName, int positions, long mvmCycles, int copyCrossbars, int replicas, int[] windows) {
        /** Cycles per image with the work shared by the copies. */
        public double cyclesPerImage() {
            return cyclesPerImage(replicas);
        }

        /** Cycles per image with {@code r} copies. */
        public double cyclesPerImage(int r) {
            return (double) CopyShares.largestShare(windows, r) * mvmCycles;
        }

        /** The most copies that can share the layer: one per window. */
        public int maxReplicas() {
            return windows[windows.length - 1];
        }
    }

    /** The estimate of {@code mapping} on tiles of {@code tile}, with the mapping's copies of each layer. */
    public static PipelineEstimate of(IntModel model, Mapping mapping, TileSpec tile) {
        return of(model, mapping, tile, mapping.replicas());
    }

    /** As {@link #of(IntModel, Mapping, TileSpec)} with {@code replicas} copies of each layer instead. */
    public static PipelineEstimate of(IntModel model, Mapping mapping, TileSpec tile, int[] replicas) {
        List<WeightedLayer> weighted = model.weightedLayers();
        if (weighted.size() != mapping.layers().size() || replicas.length != weighted.size()) {
            throw new IllegalArgumentException(weighted.size() + " weighted layers, " + mapping.layers().size() + " mapped, "
                    + replicas.length + " replication factors");
        }
        List<Stage> stages = new ArrayList<>();
        int bits = model.input().bits();
        for (int n = 0; n < weighted.size(); n++) {
            WeightedLayer w = weighted.get(n);
            LayerMapping lm = mapping.layers().get(n);
            int positions = 1;
            if (w instanceof Conv2d c) {
                var out = c.outputShape(model.inputShapeOf(lm.layerIndex()));
                positions = out.height() * out.width();
            }
            int reads = (bits + tile.dac().bits() - 1) / tile.dac().bits();
            long mvm = 0;
            for (CrossbarPlacement x : lm.crossbars()) {
                long adc = Math.min(tile.adc().columnsPerAdc(), x.usedColumns()) * tile.adc().latencyCycles();
                mvm = Math.max(mvm, reads * Math.max(tile.crossbar().readLatencyCycles(), adc));
            }
            stages.add(new Stage(lm.layerName(), positions, mvm, lm.crossbars().size(), replicas[n],
                    CopyShares.windows(model, lm.layerIndex())));
            bits = w.outputBits();
        }
        return new PipelineEstimate(stages, slowest(stages));
    }

    private static int slowest(List<Stage> stages) {
        int b = 0;
        for (int i = 1; i < stages.size(); i++) {
            if (stages.get(i).cyclesPerImage() > stages.get(b).cyclesPerImage()) {
                b = i;
            }
        }
        return b;
    }

    /** One line: the copies of each replicated layer, the predicted interval and the bottleneck stage. */
    public String describe() {
        List<String> copies = new ArrayList<>();
        for (Stage st : stages) {
            if (st.replicas() > 1) {
                copies.add(st.layerName() + " x" + st.replicas());
            }
        }
        return String.format(java.util.Locale.ROOT, "replication: %s; predicted interval between images %.0f cycles,"
                + " bottleneck stage '%s'", copies.isEmpty() ? "none" : String.join(", ", copies), intervalCycles(),
                stages.get(bottleneck).layerName());
    }

    /** Predicted cycles between images: the bottleneck stage's cycles per image. */
    public double intervalCycles() {
        return stages.get(bottleneck).cyclesPerImage();
    }
}
