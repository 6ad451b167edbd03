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

    /** Masks for threshold {@code tau} on the current weights. */
    Selection select(FloatParams p, double tau) {
        List<Architecture.Weighted> layers = arch.weighted();
        List<GroupMask> masks = new ArrayList<>();
        boolean[] deadFromPrevious = null;
        for (int li = 0; li < layers.size(); li++) {
            Architecture.Weighted l = layers.get(li);
            float[] w = p.weightValues(li);
            int cout = l.outChannels();
            int cin = l.inChannels();
            int rpu = l.rowsPerChannel();
            double layerRms = rms(w, 0, w.length) + 1e-12;
            boolean[] deadUnit = deadFromPrevious == null ? new boolean[cin] : deadFromPrevious;
            // filters
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
            GroupMask m = new GroupMask(l, keptFilter, deadUnit, keptGroup, tileCols);
            masks.add(m);
            // a pruned filter (zero weights and bias) outputs exactly zero: the next layer's rows for it are dead
            if (li + 1 < layers.size()) {
                Architecture.Weighted next = layers.get(li + 1);
                int per = next.inChannels() / cout;
                boolean[] dead = new boolean[next.inChannels()];
                for (int co = 0; co < cout; co++) {
                    if (!keptFilter[co]) {
                        Arrays.fill(dead, co * per, (co + 1) * per, true);
                    }
                }
                deadFromPrevious = dead;
            }
        }
        return summarize(masks);
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

    /** Smallest threshold whose selection needs at most {@code budget} crossbars, or null if none does. */
    Selection forBudget(FloatParams p, long budget) {
        Selection most = strongest(p);
        if (most.crossbars() > budget) {
            return null;
        }
        Selection none = select(p, 0);
        if (none.crossbars() <= budget) {
            return none;
        }
        double lo = 0;
        double hi = upperTau(p);
        Selection best = select(p, hi);
        if (best.crossbars() > budget) {
            return most;
        }
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            Selection s = select(p, mid);
            if (s.crossbars() <= budget) {
                hi = mid;
                best = s;
            } else {
                lo = mid;
            }
        }
        return best;
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
