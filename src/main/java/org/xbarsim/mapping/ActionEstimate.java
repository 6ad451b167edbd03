package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.cost.ActionCounts;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.model.AvgPool2d;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.MaxPool2d;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;

/**
 * An ANALYTICAL count of the actions one inference performs on a mapping, per layer, for an energy
 * estimate before (or without) the cycle-level simulation. It counts what the data path must do,
 * not what a schedule makes it do (no stalls, no re-reads, no leakage: those need the simulator).
 *
 * <p>For a weighted layer with {@code P} output positions (conv: output height x width; dense: 1)
 * and inputs of {@code ba} bits streamed through {@code d}-bit DACs ({@code n = ceil(ba / d)}
 * crossbar reads per input vector), summing over its allocated crossbars:
 * <ul>
 *   <li>crossbar reads: {@code P * n * crossbars};</li>
 *   <li>DAC conversions: {@code P * n * used rows} (rows with no input are not driven);</li>
 *   <li>sample-and-hold samples and ADC conversions: {@code P * n * used physical columns};</li>
 *   <li>shift-add operations: one per converted column; one more per output of each crossbar per
 *       read that needs a correction proportional to {@code sum(inputs)}: with offset encoding
 *       every output (subtracting {@code offset * sum(inputs)}; flipped columns fold into that
 *       same per-output constant at no extra cost), otherwise each output with a flipped column
 *       ({@link CrossbarPlacement#correctedOutputs()}); plus
 *       {@code P * outputs} per extra crossbar of a column tile (adding the crossbars' partial sums);</li>
 *   <li>input buffer: {@code P * used rows * ceil(ba / 8)} bytes read (im2col re-reads included),
 *       the same bytes over the tile's bus, and the layer's input feature map written once;</li>
 *   <li>input registers: {@code P * ceil(used rows * ba / 8)} bytes read per crossbar;</li>
 *   <li>output buffer: the layer's outputs ({@code P * columns * ceil(bo / 8)} bytes) written once
 *       and read once; the same bytes cross one network hop to the next layer;</li>
 *   <li>activation: one operation per output; multiplier: one per output when the layer's scales
 *       are not powers of two.</li>
 * </ul>
 * A pooling layer costs one pooling operation per input element of each window.
 */
public final class ActionEstimate {
    private ActionEstimate() {
    }

    /** The counts of one model layer. */
    public record LayerActions(int layerIndex, String layerName, ActionCounts.Snapshot counts) {
    }

    /** Per-layer counts, in model order; only layers that do work appear. */
    public static List<LayerActions> perInference(IntModel model, Mapping mapping, Chip chip) {
        TileSpec tile = chip.tile();
        List<Shape> outs = model.shapes();
        List<LayerActions> result = new ArrayList<>();
        int activationBits = model.input().bits();
        int next = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            Shape in = model.inputShapeOf(i);
            Shape out = outs.get(i);
            ActionCounts c = new ActionCounts();
            if (layer instanceof WeightedLayer w) {
                LayerMapping lm = mapping.layers().get(next++);
                if (lm.layerIndex() != i) {
                    throw new IllegalArgumentException("mapping layer " + lm.layerName() + " is not model layer " + i);
                }
                long positions = layer instanceof Conv2d ? (long) out.height() * out.width() : 1;
                long reads = tile.dac().readsPerInput(activationBits);
                long inBytes = bytes(activationBits);
                long outBytes = bytes(w.outputBits());
                long vectors = positions * reads;
                c.add(ComponentKind.CROSSBAR, Action.READ, vectors * lm.crossbars().size()); // one copy computes each vector
                c.add(ComponentKind.DAC, Action.CONVERT, vectors * lm.usedRowsTotal());
                c.add(ComponentKind.SAMPLE_HOLD, Action.SAMPLE, vectors * lm.usedColumnsTotal());
                c.add(ComponentKind.ADC, Action.CONVERT, vectors * lm.usedColumnsTotal());
                long merges = 0;
                long corrections = 0;
                long registerBytes = 0;
                for (CrossbarPlacement x : lm.crossbars()) {
                    registerBytes += ((long) x.usedRows() * activationBits + 7) / 8;
                    if (x.pack() > 0) {
                        merges += x.outputColumns().size();
                    }
                    corrections += x.correctedOutputs();
                }
                c.add(ComponentKind.SHIFT_ADD, Action.OPERATE,
                        vectors * (lm.usedColumnsTotal() + corrections) + positions * merges);
                c.add(ComponentKind.INPUT_BUFFER, Action.WRITE, (long) in.size() * inBytes);
                c.add(ComponentKind.INPUT_BUFFER, Action.READ, positions * lm.usedRowsTotal() * inBytes);
                c.add(ComponentKind.BUS, Action.TRANSFER, positions * lm.usedRowsTotal() * inBytes);
                c.add(ComponentKind.REGISTER, Action.READ, positions * registerBytes);
                long outputs = positions * w.matrixCols();
                c.add(ComponentKind.OUTPUT_BUFFER, Action.WRITE, outputs * outBytes);
                c.add(ComponentKind.OUTPUT_BUFFER, Action.READ, outputs * outBytes);
                c.add(ComponentKind.NETWORK, Action.TRANSFER, outputs * outBytes);
                c.add(ComponentKind.ACTIVATION, Action.OPERATE, outputs);
                if (!w.isMultiplierFree()) {
                    c.add(ComponentKind.MULTIPLIER, Action.OPERATE, outputs);
                }
                activationBits = w.outputBits();
            } else if (layer instanceof MaxPool2d p) {
                c.add(ComponentKind.POOLING, Action.OPERATE, (long) out.size() * p.kernel() * p.kernel());
            } else if (layer instanceof AvgPool2d p) {
                c.add(ComponentKind.POOLING, Action.OPERATE, (long) out.size() * p.kernel() * p.kernel());
            }
            ActionCounts.Snapshot s = c.snapshot();
            if (!s.isEmpty()) {
                result.add(new LayerActions(i, layer.name(), s));
            }
        }
        return result;
    }

    /** Sum over layers. */
    public static ActionCounts.Snapshot total(List<LayerActions> layers) {
        ActionCounts c = new ActionCounts();
        for (LayerActions l : layers) {
            c.addAll(l.counts());
        }
        return c.snapshot();
    }

    private static long bytes(int bits) {
        return (bits + 7) / 8;
    }
}
