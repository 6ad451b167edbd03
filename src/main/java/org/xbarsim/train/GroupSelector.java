package org.xbarsim.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.arch.CrossbarGeometry;

/**
 * Chooses which crossbar-aligned groups to zero ("zerorize") for a target; docs/training.md gives
 * the rules. A kernel group's score is its RMS weight relative to its layer's. For a crossbar
 * budget, the budget is shared among layers and each layer keeps, among "k whole column tiles of its
 * strongest filters + the kernel groups above a bisected threshold" candidates that fit its share,
 * the one with the most weight energy. For a sparsity target, one threshold removes kernel groups in
 * every layer. Floors keep every layer alive: at least {@link #MIN_FILTER_FRACTION} of its filters
 * and {@link #MIN_GROUP_FRACTION} of each tile's kernel groups (at least one of each).
 */
final class GroupSelector {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroupSelector.class);
    static final double MIN_FILTER_FRACTION = 0.10;
    static final double MIN_GROUP_FRACTION = 0.02;
    private static final int BISECTION_STEPS = 40;

    /** Greedy allocation: a layer's step is a twentieth of its unpruned crossbars (at least one). */
    private static final int GREEDY_STEPS_PER_LAYER = 20;
    /** How many steps ahead the greedy allocation looks past a step that gains nothing. */
    private static final int GREEDY_LOOKAHEAD = 3;

    private final Architecture arch;
    private final CrossbarGeometry geometry;
    private final BudgetAllocation allocation;
    private final java.util.function.Function<FloatParams, LayerCost> lossCost;
    /** Input units (kernel groups) every column tile keeps at least, when it has that many live ones. */
    private int minKeptUnits = 1;

    GroupSelector(Architecture arch, CrossbarGeometry geometry) {
        this(arch, geometry, BudgetAllocation.SQRT);
    }

    GroupSelector(Architecture arch, CrossbarGeometry geometry, BudgetAllocation allocation) {
        this(arch, geometry, allocation, null);
    }

    /**
     * @param lossCost for {@link BudgetAllocation#LOSS}: the cost of pruning one layer of the given
     *                 parameters (see {@link LayerCost})
     */
    GroupSelector(Architecture arch, CrossbarGeometry geometry, BudgetAllocation allocation,
                  java.util.function.Function<FloatParams, LayerCost> lossCost) {
        if (allocation == BudgetAllocation.LOSS && lossCost == null) {
            throw new IllegalArgumentException("loss allocation needs a loss probe");
        }
        this.arch = arch;
        this.geometry = geometry;
        this.allocation = allocation;
        this.lossCost = lossCost;
    }

    /**
     * Every column tile keeps at least {@code units} of its live input units (kernel groups), on top of
     * the {@link #MIN_GROUP_FRACTION} floor: a narrow layer (8 or 16 inputs) then keeps several inputs
     * where one shared threshold would leave it one. Returns this selector.
     */
    GroupSelector minKeptUnits(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("at least one unit, got " + units);
        }
        this.minKeptUnits = units;
        return this;
    }

    /** The result of one selection. */
    record Selection(List<GroupMask> masks, long crossbars, long keptWeights, long totalWeights) {
        double sparsity() {
            return 1.0 - (double) keptWeights / totalWeights;
        }
    }

    static long crossbars(List<GroupMask> masks, CrossbarGeometry g) {
        return masks.stream().mapToLong(m -> m.crossbars(g)).sum();
    }

    Selection unpruned() {
        List<GroupMask> masks = new ArrayList<>();
        arch.weighted().forEach(w -> masks.add(GroupMask.full(w, geometry)));
        return summarize(masks);
    }

    private Selection summarize(List<GroupMask> masks) {
        long kept = 0;
        long total = 0;
        for (GroupMask m : masks) {
            kept += m.keptWeights();
            total += m.layer.weightCount();
        }
        return new Selection(List.copyOf(masks), crossbars(masks, geometry), kept, total);
    }

    /** Masks for one threshold {@code tau} in every layer. */
    Selection select(FloatParams p, double tau) {
        double[] taus = new double[arch.weighted().size()];
        Arrays.fill(taus, tau);
        return select(p, taus);
    }

    /** Masks for threshold {@code taus[l]} in layer {@code l}. */
    Selection select(FloatParams p, double[] taus) {
        List<Architecture.Weighted> layers = arch.weighted();
        List<GroupMask> masks = new ArrayList<>();
        boolean[] dead = null;
        for (int li = 0; li < layers.size(); li++) {
            GroupMask m = selectLayer(layers.get(li), p.weightValues(li), dead, taus[li]);
            masks.add(m);
            dead = li + 1 < layers.size() ? deadUnitsOfNext(m, layers.get(li + 1)) : null;
        }
        return summarize(masks);
    }

    /** A pruned filter (zero weights and bias) outputs exactly zero: the next layer's rows for it are dead. */
    private static boolean[] deadUnitsOfNext(GroupMask m, Architecture.Weighted next) {
        int cout = m.layer.outChannels();
        int per = next.inChannels() / cout;
        boolean[] dead = new boolean[next.inChannels()];
        for (int co = 0; co < cout; co++) {
            if (!m.keptFilter[co]) {
                Arrays.fill(dead, co * per, (co + 1) * per, true);
            }
        }
        return dead;
    }

    /** Kernel groups of one layer kept at threshold {@code tau}, all filters kept (uniform and sparsity mode). */
    GroupMask selectLayer(Architecture.Weighted l, float[] w, boolean[] deadFromPrevious, double tau) {
        boolean[] all = new boolean[l.outChannels()];
        Arrays.fill(all, true);
        return layerMask(l, w, deadFromPrevious, all, tau);
    }

    /** The most pruning the floors allow in one layer. */
    GroupMask strongestLayer(Architecture.Weighted l, float[] w, boolean[] deadFromPrevious) {
        int keep = l.logits() ? l.outChannels() : Math.max(1, (int) Math.ceil(MIN_FILTER_FRACTION * l.outChannels()));
        return layerMask(l, w, deadFromPrevious, topFilters(l, w, keep), Double.MAX_VALUE);
    }

    /** The {@code keep} filters with the largest RMS weight (all of them in the logits layer). */
    static boolean[] topFilters(Architecture.Weighted l, float[] w, int keep) {
        int cout = l.outChannels();
        int per = l.matrixRows();
        boolean[] kept = new boolean[cout];
        if (l.logits() || keep >= cout) {
            Arrays.fill(kept, true);
            return kept;
        }
        double[] fs = new double[cout];
        for (int co = 0; co < cout; co++) {
            fs[co] = rms(w, co * per, (co + 1) * per);
        }
        keepAbove(fs, Double.MAX_VALUE, keep, kept, null);
        return kept;
    }

    /**
     * One layer's masks for a given set of kept filters: in the export layout they define, the
     * kernel groups scoring below {@code tau} go (floors apply).
     */
    GroupMask layerMask(Architecture.Weighted l, float[] w, boolean[] deadFromPrevious, boolean[] keptFilter,
                        double tau) {
        int cout = l.outChannels();
        int cin = l.inChannels();
        int rpu = l.rowsPerChannel();
        double layerRms = rms(w, 0, w.length) + 1e-12;
        boolean[] deadUnit = deadFromPrevious == null ? new boolean[cin] : deadFromPrevious;
        int tileCols = geometry.logicalColumnsPerCrossbar();
        int[] order = GroupMask.layoutOrder(keptFilter);
        int tiles = (cout + tileCols - 1) / tileCols;
        boolean[] keptGroup = new boolean[tiles * cin];
        for (int t = 0; t < tiles; t++) {
            double[] gs = new double[cin];
            boolean[] eligible = new boolean[cin];
            int liveUnits = 0;
            for (int ci = 0; ci < cin; ci++) {
                if (deadUnit[ci]) {
                    continue;
                }
                double sum = 0;
                int n = 0;
                for (int pos = t * tileCols; pos < Math.min(cout, (t + 1) * tileCols); pos++) {
                    int co = order[pos];
                    if (!keptFilter[co]) {
                        continue;
                    }
                    int base = (co * cin + ci) * rpu;
                    for (int r = 0; r < rpu; r++) {
                        sum += (double) w[base + r] * w[base + r];
                    }
                    n += rpu;
                }
                if (n > 0) {
                    eligible[ci] = true;
                    liveUnits++;
                    gs[ci] = Math.sqrt(sum / n) / layerRms;
                }
            }
            boolean[] kept = new boolean[cin];
            if (liveUnits > 0) {
                int floor = Math.max(Math.min(minKeptUnits, liveUnits), (int) Math.ceil(MIN_GROUP_FRACTION * liveUnits));
                keepAbove(gs, tau, floor, kept, eligible);
            }
            System.arraycopy(kept, 0, keptGroup, t * cin, cin);
        }
        return new GroupMask(l, keptFilter.clone(), deadUnit, keptGroup, tileCols);
    }

    /**
     * The groups of one layer that fit {@code share} crossbars and keep the most weight energy
     * ({@code sum w^2}): for each number of whole column tiles of filters to keep (the strongest
     * filters), the smallest kernel-group threshold that fits is found by bisection; the best of
     * these wins. Returns null when nothing fits.
     */
    GroupMask budgetLayer(Architecture.Weighted l, float[] w, boolean[] dead, long share) {
        int cout = l.outChannels();
        int lcols = geometry.logicalColumnsPerCrossbar();
        int tiles = (cout + lcols - 1) / lcols;
        int floor = Math.max(1, (int) Math.ceil(MIN_FILTER_FRACTION * cout));
        GroupMask best = null;
        double bestEnergy = -1;
        for (int k = l.logits() ? tiles : 1; k <= tiles; k++) {
            int keep = Math.max(floor, Math.min(cout, k * lcols));
            boolean[] kf = topFilters(l, w, keep);
            GroupMask m = layerMask(l, w, dead, kf, 0);
            if (m.crossbars(geometry) > share) {
                GroupMask most = layerMask(l, w, dead, kf, Double.MAX_VALUE);
                if (most.crossbars(geometry) > share) {
                    continue;
                }
                double lo = 0;
                double hi = upperTau(l);
                m = most;
                for (int i = 0; i < BISECTION_STEPS; i++) {
                    double mid = (lo + hi) / 2;
                    GroupMask x = layerMask(l, w, dead, kf, mid);
                    if (x.crossbars(geometry) <= share) {
                        hi = mid;
                        m = x;
                    } else {
                        lo = mid;
                    }
                }
            }
            double e = energy(w, m.weightMask());
            if (e > bestEnergy) {
                bestEnergy = e;
                best = m;
            }
        }
        return best;
    }

    /** {@code sum mask * w^2} ({@code mask == null}: all of it). */
    private static double energy(float[] w, float[] mask) {
        double e = 0;
        for (int i = 0; i < w.length; i++) {
            e += (mask == null ? 1 : mask[i]) * (double) w[i] * w[i];
        }
        return e;
    }

    private static double upperTau(Architecture.Weighted l) {
        return Math.sqrt(l.weightCount()) + 1;
    }

    /**
     * Marks in {@code kept} the entries scoring at least {@code tau}, and in any case the
     * {@code floor} best ones (ties broken by index). {@code eligible == null} means all.
     */
    private static void keepAbove(double[] score, double tau, int floor, boolean[] kept, boolean[] eligible) {
        Integer[] idx = new Integer[score.length];
        int n = 0;
        for (int i = 0; i < score.length; i++) {
            if (eligible == null || eligible[i]) {
                idx[n++] = i;
            }
        }
        Integer[] e = Arrays.copyOf(idx, n);
        Arrays.sort(e, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
        for (int k = 0; k < e.length; k++) {
            kept[e[k]] = k < floor || score[e[k]] >= tau;
        }
    }

    private static double rms(float[] w, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) w[i] * w[i];
        }
        return to > from ? Math.sqrt(s / (to - from)) : 0;
    }

    /** The most the floors allow: the strongest 10 % of filters and 2 % of kernel groups in every layer. */
    Selection strongest(FloatParams p) {
        List<Architecture.Weighted> layers = arch.weighted();
        List<GroupMask> masks = new ArrayList<>();
        boolean[] dead = null;
        for (int li = 0; li < layers.size(); li++) {
            GroupMask m = strongestLayer(layers.get(li), p.weightValues(li), dead);
            masks.add(m);
            dead = li + 1 < layers.size() ? deadUnitsOfNext(m, layers.get(li + 1)) : null;
        }
        return summarize(masks);
    }

    /**
     * A selection that needs at most {@code budget} crossbars, or null if none does. The budget is
     * shared out among layers by the allocation rule; the closed-form ones give
     * {@code B_l = max(least_l, ceil(c * D_l^e))} ({@code D_l}: the layer's unpruned crossbars; e = 1/2
     * for {@code sqrt}, 1 for {@code uniform}), with the largest {@code c} that fits, and what is left
     * over goes to the layers cut hardest ({@code D_l / B_l}); so big layers give up proportionally more,
     * and layers whose pruning would free nothing are left alone. Then, layer by layer in order
     * (a pruned filter frees rows of the next layer), the smallest threshold that meets the layer's
     * share is found by bisection.
     */
    Selection forBudget(FloatParams p, long budget) {
        Selection most = strongest(p);
        if (most.crossbars() > budget) {
            return null;
        }
        Selection none = unpruned();
        if (none.crossbars() <= budget) {
            return select(p, 0);
        }
        List<Architecture.Weighted> layers = arch.weighted();
        int n = layers.size();
        long[] dense = new long[n];
        long[] least = new long[n];
        for (int i = 0; i < n; i++) {
            dense[i] = none.masks().get(i).crossbars(geometry);
            least[i] = most.masks().get(i).crossbars(geometry);
        }
        long[] share = switch (allocation) {
            case SQRT, UNIFORM -> allocate(dense, least, budget, allocation.exponent());
            case ENERGY -> allocateGreedy(p, dense, least, budget, energyCost(p));
            case LOSS -> allocateGreedy(p, dense, least, budget, lossCost.apply(p));
        };
        LOG.debug("budget {} shared as {} ({} allocation)", budget, Arrays.toString(share), allocation.key());
        List<GroupMask> masks = new ArrayList<>();
        boolean[] dead = null;
        for (int li = 0; li < n; li++) {
            Architecture.Weighted l = layers.get(li);
            float[] w = p.weightValues(li);
            GroupMask best = budgetLayer(l, w, dead, share[li]);
            if (best == null) {
                best = strongestLayer(l, w, dead);
            }
            masks.add(best);
            dead = li + 1 < n ? deadUnitsOfNext(best, layers.get(li + 1)) : null;
        }
        Selection s = summarize(masks);
        return s.crossbars() <= budget ? s : most;
    }

    /**
     * Per-layer crossbar shares {@code max(least_l, ceil(c * D_l^exponent))} summing to at most
     * {@code budget}, with the largest {@code c} that fits; what is left goes to the layers cut hardest.
     */
    static long[] allocate(long[] dense, long[] least, long budget, double exponent) {
        int n = dense.length;
        double lo = 0;
        double hi = 0;
        for (long d : dense) {
            hi = Math.max(hi, Math.pow(d, exponent));
        }
        long[] best = shares(dense, least, 0, exponent);
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            long[] s = shares(dense, least, mid, exponent);
            if (Arrays.stream(s).sum() <= budget) {
                lo = mid;
                best = s;
            } else {
                hi = mid;
            }
        }
        long left = budget - Arrays.stream(best).sum();
        while (left > 0) {
            int pick = -1;
            for (int i = 0; i < n; i++) {
                if (best[i] < dense[i] && (pick < 0 || dense[i] * best[pick] > dense[pick] * best[i])) {
                    pick = i;
                }
            }
            if (pick < 0) {
                break;
            }
            best[pick]++;
            left--;
        }
        return best;
    }

    /**
     * What pruning one layer to a mask costs, smaller is better: for {@link BudgetAllocation#ENERGY}
     * the fraction of the layer's weight energy it removes, for {@link BudgetAllocation#LOSS} the
     * training loss of the network with only that layer pruned.
     */
    interface LayerCost {
        double cost(int layer, GroupMask mask);
    }

    /** The fraction of layer {@code i}'s weight energy ({@code sum w^2}) that {@code m} removes. */
    static LayerCost energyCost(FloatParams p) {
        // each layer's weights and total energy are read once, not once per share tried
        Map<Integer, float[]> weights = new HashMap<>();
        Map<Integer, Double> totals = new HashMap<>();
        return (i, m) -> {
            float[] w = weights.computeIfAbsent(i, p::weightValues);
            double total = totals.computeIfAbsent(i, k -> energy(w, null) + 1e-30);
            return 1 - energy(w, m.weightMask()) / total;
        };
    }

    /**
     * Greedy shares: starting from the least each layer can have, the next crossbars go to the layer
     * whose cost ({@link LayerCost}, of the mask {@link #budgetLayer} picks for a share) falls most per
     * crossbar, looking a few steps ahead past steps that gain nothing (a column tile or row block may
     * need more than one crossbar). Each layer is costed alone, as if the previous layer pruned no
     * filter.
     */
    long[] allocateGreedy(FloatParams p, long[] dense, long[] least, long budget, LayerCost cost) {
        List<Architecture.Weighted> layers = arch.weighted();
        int n = layers.size();
        List<Map<Long, Double>> curves = new ArrayList<>();
        float[][] w = new float[n][];
        for (int i = 0; i < n; i++) {
            w[i] = p.weightValues(i);
            curves.add(new HashMap<>());
        }
        long[] s = least.clone();
        long left = budget - Arrays.stream(s).sum();
        while (left > 0) {
            int pick = -1;
            long pickStep = 0;
            double pickGain = 1e-12;
            for (int i = 0; i < n; i++) {
                long unit = Math.max(1, dense[i] / GREEDY_STEPS_PER_LAYER);
                double now = costAt(curves.get(i), i, layers.get(i), w[i], s[i], cost);
                for (int k = 1; k <= GREEDY_LOOKAHEAD; k++) {
                    long step = Math.min(Math.min(left, dense[i] - s[i]), k * unit);
                    if (step <= 0) {
                        break;
                    }
                    double gain = (now - costAt(curves.get(i), i, layers.get(i), w[i], s[i] + step, cost)) / step;
                    if (gain > pickGain) {
                        pick = i;
                        pickStep = step;
                        pickGain = gain;
                    }
                    if (step < k * unit) {
                        break;
                    }
                }
            }
            if (pick < 0) {
                break;
            }
            s[pick] += pickStep;
            left -= pickStep;
        }
        return s;
    }

    private double costAt(Map<Long, Double> curve, int i, Architecture.Weighted l, float[] w, long share,
                          LayerCost cost) {
        return curve.computeIfAbsent(share, k -> {
            GroupMask m = budgetLayer(l, w, null, k);
            return cost.cost(i, m != null ? m : strongestLayer(l, w, null));
        });
    }

    private static long[] shares(long[] dense, long[] least, double c, double exponent) {
        long[] s = new long[dense.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.min(dense[i], Math.max(least[i], (long) Math.ceil(c * Math.pow(dense[i], exponent) - 1e-9)));
        }
        return s;
    }

    /** Smallest threshold whose selection reaches weight sparsity {@code target} (or the most it can). */
    Selection forSparsity(FloatParams p, double target) {
        return forSparsity(p, target, NO_LAYER_CAP);
    }

    /**
     * As {@link #forSparsity(FloatParams, double)}, but no layer's weight sparsity goes above
     * {@code layerCap} (1 = no cap): a layer stops at the highest threshold that keeps it under the
     * cap, and the shared threshold rises in the others until the target is reached (or cannot be).
     */
    Selection forSparsity(FloatParams p, double target, double layerCap) {
        List<Architecture.Weighted> layers = arch.weighted();
        double[] caps = new double[layers.size()];
        for (int li = 0; li < caps.length; li++) {
            if (layerCap >= NO_LAYER_CAP) {
                caps[li] = Double.MAX_VALUE; // no cap: no need to copy the layer's weights
                continue;
            }
            Architecture.Weighted l = layers.get(li);
            float[] w = p.weightValues(li);
            // every filter is kept in this mode, so no layer has dead inputs: the layers are independent
            caps[li] = layerCapTau(l, tau -> selectLayer(l, w, null, tau), layerCap);
        }
        return smallestThreshold(tau -> select(p, capped(caps, tau)), upperTau(p), target);
    }

    /** No per-layer sparsity cap. */
    static final double NO_LAYER_CAP = 1.0;

    /**
     * The largest threshold at which layer {@code l}'s mask stays at or under weight sparsity
     * {@code cap} (sparsity grows with the threshold); {@link Double#MAX_VALUE} without a cap.
     */
    private static double layerCapTau(Architecture.Weighted l, java.util.function.DoubleFunction<GroupMask> at,
                                      double cap) {
        if (cap >= NO_LAYER_CAP) {
            return Double.MAX_VALUE;
        }
        double lo = 0;
        double hi = upperTau(l);
        if (layerSparsity(l, at.apply(hi)) <= cap) {
            return Double.MAX_VALUE;
        }
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (layerSparsity(l, at.apply(mid)) <= cap) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double layerSparsity(Architecture.Weighted l, GroupMask m) {
        return 1.0 - (double) m.keptWeights() / l.weightCount();
    }

    private static double[] capped(double[] caps, double tau) {
        double[] t = new double[caps.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.min(tau, caps[i]);
        }
        return t;
    }

    /**
     * {@code s} pruned further, if needed, to weight sparsity {@code target}: in every layer the kernel
     * groups scoring below one shared threshold go too, the smallest threshold that reaches the target
     * (found by bisection), or the highest if none does. Filters are left as {@code s} chose them, and
     * pruning more groups never adds a crossbar, so a crossbar budget {@code s} meets still holds.
     */
    Selection atLeastSparsity(FloatParams p, Selection s, double target) {
        return atLeastSparsity(p, s, target, NO_LAYER_CAP);
    }

    /**
     * As {@link #atLeastSparsity(FloatParams, Selection, double)}, but the extra pruning takes no layer
     * above weight sparsity {@code layerCap} (a layer {@code s} already pruned further stays as it is).
     */
    Selection atLeastSparsity(FloatParams p, Selection s, double target, double layerCap) {
        if (s.sparsity() >= target) {
            return s;
        }
        double[] caps = new double[s.masks().size()];
        for (int li = 0; li < caps.length; li++) {
            if (layerCap >= NO_LAYER_CAP) {
                caps[li] = Double.MAX_VALUE; // no cap: no need to copy the layer's weights
                continue;
            }
            GroupMask m = s.masks().get(li);
            float[] w = p.weightValues(li);
            caps[li] = layerCapTau(m.layer, tau -> tightenedLayer(m, w, tau), layerCap);
        }
        return smallestThreshold(tau -> tightened(p, s, capped(caps, tau)), upperTau(p), target);
    }

    /**
     * Bisection on {@code [0, hi]} for the smallest threshold whose selection reaches sparsity
     * {@code target} (sparsity grows with the threshold); the selection at {@code hi} if none does.
     */
    private static Selection smallestThreshold(java.util.function.DoubleFunction<Selection> at, double hi,
                                               double target) {
        double lo = 0;
        Selection best = at.apply(hi);
        if (best.sparsity() < target) {
            return best;
        }
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            Selection s = at.apply(mid);
            if (s.sparsity() >= target) {
                hi = mid;
                best = s;
            } else {
                lo = mid;
            }
        }
        return best;
    }

    /** {@code s} with, in every layer {@code l}, the kernel groups scoring below {@code taus[l]} pruned as well. */
    private Selection tightened(FloatParams p, Selection s, double[] taus) {
        List<GroupMask> out = new ArrayList<>();
        for (int li = 0; li < s.masks().size(); li++) {
            out.add(tightenedLayer(s.masks().get(li), p.weightValues(li), taus[li]));
        }
        return summarize(out);
    }

    /** Mask {@code m} with the kernel groups scoring below {@code tau} pruned as well. */
    private GroupMask tightenedLayer(GroupMask m, float[] w, double tau) {
        // same filters and dead units, so the same export layout: the two group masks line up
        GroupMask t = layerMask(m.layer, w, m.deadUnit, m.keptFilter, tau);
        boolean[] kept = new boolean[m.keptGroup.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = m.keptGroup[i] && t.keptGroup[i];
        }
        return new GroupMask(m.layer, m.keptFilter, m.deadUnit, kept, m.tileColumns);
    }

    /** A threshold above every group score (scores are relative to the layer RMS, so bounded by sqrt(n)). */
    private double upperTau(FloatParams p) {
        double max = 1;
        for (Architecture.Weighted l : arch.weighted()) {
            max = Math.max(max, Math.sqrt(l.weightCount()));
        }
        return max + 1;
    }
}
