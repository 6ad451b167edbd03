package org.xbarsim.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.Dense;
import org.xbarsim.model.Flatten;
import org.xbarsim.model.InputSpec;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Layer;
import org.xbarsim.model.LayerPruning;
import org.xbarsim.model.MaxPool2d;
import org.xbarsim.model.Metadata;
import org.xbarsim.model.Requant;

/**
 * Turns trained float parameters into the integer model file's records.
 *
 * <ul>
 *   <li>{@link #powerOfTwo}: the compressed model. Weights are the power-of-two codes that
 *       fine-tuning saw; every requantization is a shift ({@code multiplier 1}); filters are
 *       reordered so that pruned ones fill the last column tiles; the removed groups are listed.</li>
 *   <li>{@link #baseline}: the unpruned model quantized the usual way: per-output-channel weight
 *       scales and calibrated activation scales, so each output path needs a multiplier
 *       ({@code M = s_in * s_w / s_out} as an integer multiplier and a shift).</li>
 * </ul>
 * Inputs are the raw bytes at scale {@code 2^-8} in both. Logits are signed 16-bit.
 */
final class IntegerExport {
    static final int ACTIVATION_BITS = 8;
    static final int LOGIT_BITS = 16;
    /** Largest logit magnitude the calibration data may reach (headroom below 2^15). */
    static final double LOGIT_TARGET = 1 << 14;
    static final int INPUT_SCALE_LOG2 = -8;
    /** Bits of precision of a baseline multiplier: it lies in [2^22, 2^23). */
    static final int MULTIPLIER_BITS = 23;

    private IntegerExport() {
    }

    /**
     * @param masks       the pruning masks (export layout)
     * @param actLog2     power-of-two activation scale of every non-logits weighted layer
     * @param maxAbsLogit largest float logit magnitude on the calibration images
     */
    static IntModel powerOfTwo(String name, Architecture arch, FloatParams p, List<GroupMask> masks, int[] actLog2,
                               double maxAbsLogit, CrossbarGeometry g, int weightBits, Metadata meta) {
        List<Layer> layers = new ArrayList<>();
        int inLog2 = INPUT_SCALE_LOG2;
        int[] prevOrder = null;
        for (Architecture.Spec s : arch.layers()) {
            if (!(s instanceof Architecture.Weighted l)) {
                layers.add(unweighted(s));
                continue;
            }
            GroupMask m = masks.get(l.index());
            INDArray w = p.weights.get(l.index());
            int e = PowerOfTwo.weightScaleLog2(w, weightBits);
            float[] codes = PowerOfTwo.codes(w, e, weightBits).dup('c').data().asFloat();
            int[] inMap = inputMap(l, prevOrder);
            int[] q = permute(l, codes, m.order, inMap);
            int[] kept = permute(l, m.weightMask(), m.order, inMap);
            int accLog2 = inLog2 + e;
            float[] b = p.biasValues(l.index());
            int[] bias = new int[l.outChannels()];
            for (int pos = 0; pos < bias.length; pos++) {
                bias[pos] = toInt32(Math.round(b[m.order[pos]] * Math.pow(2, -accLog2)));
            }
            int outLog2 = l.logits()
                    ? Math.max(accLog2, PowerOfTwo.scaleLog2(maxAbsLogit, LOGIT_TARGET))
                    : Math.max(accLog2, actLog2[l.index()]);
            List<Requant> rq = List.of(Requant.shiftOnly(outLog2 - accLog2));
            LayerPruning pruning = pruning(l, m, inMap, kept, g);
            layers.add(weighted(l, q, bias, rq, weightBits, pruning));
            inLog2 = outLog2;
            prevOrder = m.order;
        }
        InputSpec input = new InputSpec(arch.input(), 8, 0, INPUT_SCALE_LOG2);
        return new IntModel(name, input, layers, g, meta);
    }

    /**
     * @param actMax      largest activation of every non-logits weighted layer on the calibration images
     * @param maxAbsLogit largest logit magnitude on the calibration images
     */
    static IntModel baseline(String name, Architecture arch, FloatParams p, double[] actMax, double maxAbsLogit,
                             int weightBits, Metadata meta) {
        List<Layer> layers = new ArrayList<>();
        double inScale = Math.pow(2, INPUT_SCALE_LOG2);
        double qmax = (1 << (weightBits - 1)) - 1;
        for (Architecture.Spec s : arch.layers()) {
            if (!(s instanceof Architecture.Weighted l)) {
                layers.add(unweighted(s));
                continue;
            }
            float[] w = p.weightValues(l.index());
            float[] b = p.biasValues(l.index());
            int per = l.matrixRows();
            int[] q = new int[w.length];
            int[] bias = new int[l.outChannels()];
            double outScale = l.logits() ? maxAbsLogit / LOGIT_TARGET : actMax[l.index()] / ((1 << ACTIVATION_BITS) - 1);
            if (!(outScale > 0)) {
                outScale = 1;
            }
            List<Requant> rq = new ArrayList<>();
            for (int co = 0; co < l.outChannels(); co++) {
                double max = 0;
                for (int i = co * per; i < (co + 1) * per; i++) {
                    max = Math.max(max, Math.abs(w[i]));
                }
                double sw = max > 0 ? max / qmax : 1;
                for (int i = co * per; i < (co + 1) * per; i++) {
                    q[i] = (int) Math.max(-qmax, Math.min(qmax, Math.round(w[i] / sw)));
                }
                bias[co] = toInt32(Math.round(b[co] / (inScale * sw)));
                rq.add(multiplierFor(inScale * sw / outScale));
            }
            layers.add(weighted(l, q, bias, rq, weightBits, LayerPruning.NONE));
            inScale = outScale;
        }
        InputSpec input = new InputSpec(arch.input(), 8, 0, INPUT_SCALE_LOG2);
        return new IntModel(name, input, layers, null, meta);
    }

    /** {@code M ~= multiplier * 2^-shift} with the multiplier in [2^22, 2^23) where possible. */
    static Requant multiplierFor(double m) {
        if (!(m > 0)) {
            return Requant.shiftOnly(0);
        }
        int k = (int) Math.floor(Math.log(m) / Math.log(2));
        int shift = Math.max(0, Math.min(62, MULTIPLIER_BITS - 1 - k));
        long mult = Math.round(m * Math.pow(2, shift));
        mult = Math.max(1, Math.min(Requant.MAX_MULTIPLIER, mult));
        return new Requant(mult, shift);
    }

    private static int toInt32(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    private static Layer unweighted(Architecture.Spec s) {
        if (s instanceof Architecture.Pool p) {
            return new MaxPool2d(p.name(), 2, 2);
        }
        return new Flatten(s.name());
    }

    private static Layer weighted(Architecture.Weighted l, int[] w, int[] bias, List<Requant> rq, int bits,
                                  LayerPruning pruning) {
        Activation act = l.logits() ? Activation.NONE : Activation.RELU;
        int outBits = l.logits() ? LOGIT_BITS : ACTIVATION_BITS;
        if (l.isConv()) {
            return new Conv2d(l.name(), l.inChannels(), l.outChannels(), l.kernel(), l.kernel(), 1, 1, l.pad(), l.pad(),
                    bits, IntVector.wrap(w), IntVector.wrap(bias), rq, act, outBits, pruning);
        }
        return new Dense(l.name(), l.inChannels(), l.outChannels(), bits, IntVector.wrap(w), IntVector.wrap(bias), rq, act,
                outBits, pruning);
    }

    /** Export input unit -> original input unit, following the previous layer's filter order. */
    static int[] inputMap(Architecture.Weighted l, int[] prevOrder) {
        int units = l.inChannels();
        int[] map = new int[units];
        if (prevOrder == null) {
            for (int i = 0; i < units; i++) {
                map[i] = i;
            }
            return map;
        }
        int per = units / prevOrder.length;
        for (int u = 0; u < units; u++) {
            map[u] = prevOrder[u / per] * per + u % per;
        }
        return map;
    }

    private static int[] permute(Architecture.Weighted l, float[] flat, int[] outOrder, int[] inMap) {
        int cin = l.inChannels();
        int rpu = l.rowsPerChannel();
        int[] out = new int[flat.length];
        for (int pos = 0; pos < l.outChannels(); pos++) {
            int co = outOrder[pos];
            for (int u = 0; u < cin; u++) {
                int src = (co * cin + inMap[u]) * rpu;
                int dst = (pos * cin + u) * rpu;
                for (int r = 0; r < rpu; r++) {
                    out[dst + r] = Math.round(flat[src + r]);
                }
            }
        }
        return out;
    }

    /**
     * The removed groups in the export layout: filters at the end (not for logits), kernel groups of
     * the tiles that still hold a filter, and the crossbar blocks of those tiles that are all pruned.
     */
    private static LayerPruning pruning(Architecture.Weighted l, GroupMask m, int[] inMap, int[] kept,
                                        CrossbarGeometry g) {
        int keptFilters = m.keptFilters();
        List<Integer> filters = new ArrayList<>();
        for (int pos = keptFilters; pos < l.outChannels(); pos++) {
            filters.add(pos);
        }
        int[] exportUnit = new int[inMap.length];
        for (int u = 0; u < inMap.length; u++) {
            exportUnit[inMap[u]] = u;
        }
        List<LayerPruning.KernelGroupRef> groups = new ArrayList<>();
        for (int[] tg : m.prunedKernelGroups()) {
            groups.add(new LayerPruning.KernelGroupRef(tg[0], exportUnit[tg[1]]));
        }
        groups.sort(Comparator.comparingInt(LayerPruning.KernelGroupRef::colTile)
                .thenComparingInt(LayerPruning.KernelGroupRef::inputChannel));
        List<LayerPruning.BlockRef> blocks = new ArrayList<>();
        int rows = l.matrixRows();
        int lcols = g.logicalColumnsPerCrossbar();
        int liveTiles = (keptFilters + lcols - 1) / lcols;
        int rowTiles = (rows + g.rows() - 1) / g.rows();
        for (int t = 0; t < liveTiles; t++) {
            for (int rt = 0; rt < rowTiles; rt++) {
                boolean allPruned = true;
                for (int c = t * lcols; c < Math.min(l.outChannels(), (t + 1) * lcols) && allPruned; c++) {
                    for (int r = rt * g.rows(); r < Math.min(rows, (rt + 1) * g.rows()); r++) {
                        if (kept[c * rows + r] != 0) {
                            allPruned = false;
                            break;
                        }
                    }
                }
                if (allPruned) {
                    blocks.add(new LayerPruning.BlockRef(rt, t));
                }
            }
        }
        return new LayerPruning(blocks, groups, filters);
    }
}
