package org.xbarsim.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.mapping.CrossbarGroups;

/**
 * Which crossbar-aligned groups of one weighted layer are kept. Three kinds of group (docs/design.md
 * section 2): whole filters (output columns), kernel groups (one input unit's rows for one column
 * tile; a unit is an input channel of a convolution, an input of a dense layer) and, as a
 * consequence, crossbar blocks.
 *
 * <p>Column tiles follow the <em>export layout</em>: kept filters first (in their original order),
 * pruned filters last, so pruned filters fill whole column tiles that need no crossbar. Reordering
 * output channels (and the next layer's inputs alike) does not change what the network computes.
 */
final class GroupMask {
    final Architecture.Weighted layer;
    final boolean[] keptFilter;     // [cout], original order
    final boolean[] deadUnit;       // [units]: input units fed by a pruned filter of the previous layer
    final int[] order;              // export position -> original filter
    final boolean[] keptGroup;      // [tile * units + unit], tiles in export layout
    final int tiles;
    final int tileColumns;

    GroupMask(Architecture.Weighted layer, boolean[] keptFilter, boolean[] deadUnit, boolean[] keptGroup, int tileColumns) {
        this.layer = layer;
        this.keptFilter = keptFilter;
        this.deadUnit = deadUnit;
        this.tileColumns = tileColumns;
        this.order = layoutOrder(keptFilter);
        this.tiles = (layer.outChannels() + tileColumns - 1) / tileColumns;
        this.keptGroup = keptGroup;
    }

    /** Everything kept. */
    static GroupMask full(Architecture.Weighted layer, CrossbarGeometry g) {
        int l = g.logicalColumnsPerCrossbar();
        int tiles = (layer.outChannels() + l - 1) / l;
        boolean[] f = new boolean[layer.outChannels()];
        Arrays.fill(f, true);
        boolean[] k = new boolean[tiles * layer.inChannels()];
        Arrays.fill(k, true);
        return new GroupMask(layer, f, new boolean[layer.inChannels()], k, l);
    }

    static int[] layoutOrder(boolean[] keptFilter) {
        int[] o = new int[keptFilter.length];
        int n = 0;
        for (int i = 0; i < keptFilter.length; i++) {
            if (keptFilter[i]) {
                o[n++] = i;
            }
        }
        for (int i = 0; i < keptFilter.length; i++) {
            if (!keptFilter[i]) {
                o[n++] = i;
            }
        }
        return o;
    }

    int units() {
        return layer.inChannels();
    }

    /** Export position of each original filter. */
    int[] positionOf() {
        int[] p = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            p[order[i]] = i;
        }
        return p;
    }

    int keptFilters() {
        int n = 0;
        for (boolean b : keptFilter) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Whether weight (filter {@code co} original index, unit {@code ci}) is kept. */
    boolean kept(int co, int ci, int[] pos) {
        return keptFilter[co] && !deadUnit[ci] && keptGroup[(pos[co] / tileColumns) * units() + ci];
    }

    /** 1/0 mask over the flat weights ({@code (co * cin + ci) * rowsPerUnit + r}). */
    float[] weightMask() {
        int cin = units();
        int rpu = layer.rowsPerChannel();
        float[] m = new float[layer.weightCount()];
        int[] pos = positionOf();
        for (int co = 0; co < layer.outChannels(); co++) {
            for (int ci = 0; ci < cin; ci++) {
                if (kept(co, ci, pos)) {
                    Arrays.fill(m, (co * cin + ci) * rpu, (co * cin + ci + 1) * rpu, 1f);
                }
            }
        }
        return m;
    }

    float[] biasMask() {
        float[] m = new float[keptFilter.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = keptFilter[i] ? 1f : 0f;
        }
        return m;
    }

    /** Zero pattern of the masked matrix in the export layout (rows = im2col rows, columns = export positions). */
    CrossbarGroups.ZeroPattern pattern() {
        int[] pos = positionOf();
        int rpu = layer.rowsPerChannel();
        int rows = layer.matrixRows();
        boolean[] zero = new boolean[rows * layer.outChannels()];
        for (int co = 0; co < layer.outChannels(); co++) {
            for (int ci = 0; ci < units(); ci++) {
                if (!kept(co, ci, pos)) {
                    for (int r = 0; r < rpu; r++) {
                        zero[(ci * rpu + r) * layer.outChannels() + pos[co]] = true;
                    }
                }
            }
        }
        int cols = layer.outChannels();
        return new CrossbarGroups.ZeroPattern() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public int cols() {
                return cols;
            }

            @Override
            public boolean isZero(int row, int col) {
                return zero[row * cols + col];
            }
        };
    }

    long crossbars(CrossbarGeometry g) {
        return CrossbarGroups.compactedCrossbars(pattern(), g);
    }

    long keptWeights() {
        float[] m = weightMask();
        long n = 0;
        for (float v : m) {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }

    /** Pruned kernel groups (export layout, tiles holding at least one kept filter), as (tile, unit). */
    List<int[]> prunedKernelGroups() {
        List<int[]> out = new ArrayList<>();
        int kept = keptFilters();
        int liveTiles = (kept + tileColumns - 1) / tileColumns;
        for (int t = 0; t < liveTiles; t++) {
            for (int ci = 0; ci < units(); ci++) {
                if (deadUnit[ci] || !keptGroup[t * units() + ci]) {
                    out.add(new int[] {t, ci});
                }
            }
        }
        return out;
    }

    /** Kernel groups in tiles holding at least one kept filter (the denominator of kernel-group sparsity). */
    long kernelGroupsInLiveTiles() {
        int kept = keptFilters();
        return (long) ((kept + tileColumns - 1) / tileColumns) * units();
    }
}
