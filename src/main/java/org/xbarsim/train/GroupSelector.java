package org.xbarsim.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbarsim.arch.CrossbarGeometry;

/**
 * Chooses which crossbar-aligned groups to zero ("zerorize") for a target. Every group is scored by
 * its root-mean-square weight relative to its layer's ({@code rms(group) / rms(layer)}); for a
 * threshold {@code tau}, filters scoring below it go first (not in the logits layer), then, in the
 * resulting export layout, kernel groups scoring below it. Floors keep every layer alive: at least
 * {@link #MIN_FILTER_FRACTION} of its filters and {@link #MIN_GROUP_FRACTION} of each tile's kernel
 * groups (at least one of each), the strongest ones. The threshold that just meets a crossbar
 * budget or a sparsity is found by bisection.
 */
final class GroupSelector {
    static final double MIN_FILTER_FRACTION = 0.10;
    static final double MIN_GROUP_FRACTION = 0.02;
    private static final int BISECTION_STEPS = 40;

    private final Architecture arch;
    private final CrossbarGeometry geometry;

    GroupSelector(Architecture arch, CrossbarGeometry geometry) {
        this.arch = arch;
        this.geometry = geometry;
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

    /** The groups of one layer kept at threshold {@code tau}, given its dead input units. */
    GroupMask selectLayer(Architecture.Weighted l, float[] w, boolean[] deadFromPrevious, double tau) {
        int cout = l.outChannels();
        int cin = l.inChannels();
        int rpu = l.rowsPerChannel();
        double layerRms = rms(w, 0, w.length) + 1e-12;
        boolean[] deadUnit = deadFromPrevious == null ? new boolean[cin] : deadFromPrevious;
        boolean[] keptFilter = new boolean[cout];
        Arrays.fill(keptFilter, true);
        if (!l.logits()) {
            double[] fs = new double[cout];
            for (int co = 0; co < cout; co++) {
                fs[co] = rms(w, co * cin * rpu, (co + 1) * cin * rpu) / layerRms;
            }
            keepAbove(fs, tau, Math.max(1, (int) Math.ceil(MIN_FILTER_FRACTION * cout)), keptFilter, null);
        }
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
                int floor = Math.max(1, (int) Math.ceil(MIN_GROUP_FRACTION * liveUnits));
                keepAbove(gs, tau, floor, kept, eligible);
            }
            System.arraycopy(kept, 0, keptGroup, t * cin, cin);
        }
        return new GroupMask(l, keptFilter, deadUnit, keptGroup, tileCols);
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

    /** The most any threshold can prune: everything above the floors. */
    Selection strongest(FloatParams p) {
        return select(p, Double.MAX_VALUE);
    }

    /**
     * A selection that needs at most {@code budget} crossbars, or null if none does. The budget is
     * shared out among layers as {@code B_l = max(least_l, ceil(c * sqrt(D_l)))} ({@code D_l}: the
     * layer's unpruned crossbars), with the largest {@code c} that fits, and what is left over goes
     * to the layers cut hardest ({@code D_l / B_l}); so big layers give up proportionally more,
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
        long[] share = allocate(dense, least, budget);
        List<GroupMask> masks = new ArrayList<>();
        boolean[] dead = null;
        double top = upperTau(p);
        for (int li = 0; li < n; li++) {
            Architecture.Weighted l = layers.get(li);
            float[] w = p.weightValues(li);
            GroupMask best = selectLayer(l, w, dead, 0);
            if (best.crossbars(geometry) > share[li]) {
                double lo = 0;
                double hi = top;
                best = selectLayer(l, w, dead, hi);
                for (int i = 0; i < BISECTION_STEPS; i++) {
                    double mid = (lo + hi) / 2;
                    GroupMask m = selectLayer(l, w, dead, mid);
                    if (m.crossbars(geometry) <= share[li]) {
                        hi = mid;
                        best = m;
                    } else {
                        lo = mid;
                    }
                }
            }
            masks.add(best);
            dead = li + 1 < n ? deadUnitsOfNext(best, layers.get(li + 1)) : null;
        }
        Selection s = summarize(masks);
        return s.crossbars() <= budget ? s : most;
    }

    /** Per-layer crossbar shares summing to at most {@code budget} (see {@link #forBudget}). */
    static long[] allocate(long[] dense, long[] least, long budget) {
        int n = dense.length;
        double lo = 0;
        double hi = 0;
        for (long d : dense) {
            hi = Math.max(hi, Math.sqrt(d));
        }
        long[] best = shares(dense, least, 0);
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            long[] s = shares(dense, least, mid);
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

    private static long[] shares(long[] dense, long[] least, double c) {
        long[] s = new long[dense.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.min(dense[i], Math.max(least[i], (long) Math.ceil(c * Math.sqrt(dense[i]) - 1e-9)));
        }
        return s;
    }

    /** Smallest threshold whose selection reaches weight sparsity {@code target} (or the most it can). */
    Selection forSparsity(FloatParams p, double target) {
        double lo = 0;
        double hi = upperTau(p);
        Selection best = select(p, hi);
        if (best.sparsity() < target) {
            return best;
        }
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            Selection s = select(p, mid);
            if (s.sparsity() >= target) {
                hi = mid;
                best = s;
            } else {
                lo = mid;
            }
        }
        return best;
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
