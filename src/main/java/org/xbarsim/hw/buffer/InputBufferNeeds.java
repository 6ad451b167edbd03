package org.xbarsim.hw.buffer;

import org.xbarsim.hw.common.LayerPlan;

import java.util.List;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.mapping.CrossbarPlacement;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.Shape;

/**
 * The least a tile's input buffer must hold to make progress: for each layer the tile computes,
 * the inputs of one output pixel at once (a conv layer's largest window inside the image, a dense
 * layer's whole input vector). Necessary, not sufficient: inputs arrive in the producer's order, so
 * a conv layer usually needs a few rows more; a buffer between the two is found full when the
 * simulation gets there ({@link InputBufferFullException}).
 */
public final class InputBufferNeeds {
    private InputBufferNeeds() {
    }

    /** Bytes one output pixel of {@code plan} reads from the input buffer, and what they are. */
    public record Need(long bytes, String what) {
    }

    public static Need of(LayerPlan plan) {
        Shape in = plan.inShape();
        int bits = plan.inputBits();
        if (!(plan.layer() instanceof Conv2d c)) {
            long values = in.size();
            return new Need((values * bits + 7) / 8, "the whole input vector of layer '" + plan.name() + "' (" + values + " values of "
                    + bits + " bits)");
        }
        Shape out = plan.outShape();
        int rows = 0;
        for (int oy = 0; oy < out.height(); oy++) {
            rows = Math.max(rows, LayerInputModel.countInside(oy * c.strideH() - c.padH(), c.kernelH(), in.height()));
        }
        int cols = 0;
        for (int ox = 0; ox < out.width(); ox++) {
            cols = Math.max(cols, LayerInputModel.countInside(ox * c.strideW() - c.padW(), c.kernelW(), in.width()));
        }
        long values = (long) rows * cols * in.channels();
        return new Need((values * bits + 7) / 8, "one input window of layer '" + plan.name() + "' (" + rows + " x " + cols
                + " positions x " + in.channels() + " channels of " + bits + " bits)");
    }

    /**
     * @throws InputBufferFullException naming the first tile (in tile order) whose buffer cannot hold
     *                                  what one of its layers needs, and the size it needs
     */
    public static void check(List<LayerPlan> plans, Mapping mapping, BufferSpec buffer) {
        Need[] needs = new Need[plans.size()];
        for (LayerPlan p : plans) {
            needs[p.plan()] = of(p);
        }
        int worstTile = Integer.MAX_VALUE;
        Need worst = null;
        for (CrossbarPlacement c : mapping.crossbars()) {
            Need n = needs[planOf(plans, c.layerIndex())];
            if (n.bytes() > buffer.sizeBytes() && (c.tile() < worstTile || c.tile() == worstTile && n.bytes() > worst.bytes())) {
                worstTile = c.tile();
                worst = n;
            }
        }
        if (worst != null) {
            throw new InputBufferFullException("chip.tile.input-buffer.size-bytes = " + buffer.sizeBytes() + " is too small: tile "
                    + worstTile + "'s input buffer must hold " + worst.what() + " = " + worst.bytes() + " B at once");
        }
    }

    /**
     * The least a tile's output buffer must hold: the outputs of one pixel of the widest column tile
     * its output unit finishes (they are written at once).
     *
     * @throws InputBufferFullException naming the first tile whose output buffer is smaller, and the size it needs
     */
    public static void checkOutput(List<LayerPlan> plans, BufferSpec buffer) {
        int worstTile = Integer.MAX_VALUE;
        long worstBytes = 0;
        String worstLayer = null;
        for (LayerPlan p : plans) {
            for (int copy = 0; copy < p.replicas(); copy++) {
                for (int ct = 0; ct < p.columnTiles(); ct++) {
                    int tile = p.reducerByCopy()[copy][ct];
                    long bytes = ((long) p.columnsOf(ct) * p.layer().outputBits() + 7) / 8;
                    if (tile >= 0 && bytes > buffer.sizeBytes() && (tile < worstTile || tile == worstTile && bytes > worstBytes)) {
                        worstTile = tile;
                        worstBytes = bytes;
                        worstLayer = p.name();
                    }
                }
            }
        }
        if (worstLayer != null) {
            throw new InputBufferFullException("chip.tile.output-buffer.size-bytes = " + buffer.sizeBytes() + " is too small: tile "
                    + worstTile + "'s output buffer must hold the outputs of one pixel of layer '" + worstLayer + "' = " + worstBytes
                    + " B at once");
        }
    }

    private static int planOf(List<LayerPlan> plans, int layerIndex) {
        for (LayerPlan p : plans) {
            if (p.layerIndex() == layerIndex) {
                return p.plan();
            }
        }
        throw new IllegalArgumentException("no weighted layer at index " + layerIndex);
    }
}
