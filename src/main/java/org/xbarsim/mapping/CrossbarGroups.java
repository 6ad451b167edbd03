package org.xbarsim.mapping;

import java.util.Arrays;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.model.WeightedLayer;

/**
 * The crossbar-aligned structure of a weight matrix, shared by the training module (to prune and
 * count) and the mapper (to place). docs/design.md section 2 in code:
 *
 * <ul>
 *   <li>The matrix ({@code rows} inputs x {@code cols} logical output columns, im2col and
 *       channel-major) is cut into <b>column tiles</b> of {@code L = geometry.logicalColumnsPerCrossbar()}
 *       columns: tile {@code t} holds columns {@code [t*L, min(cols, (t+1)*L))}. Columns are never
 *       moved between tiles, so outputs need no realignment.</li>
 *   <li>Within a column tile, a row is <b>live</b> when any of its weights in that tile is non-zero.
 *       Live rows are packed, in ascending order, into {@code ceil(live / R)} crossbars; each
 *       crossbar's row list is fixed at mapping time (a static address list for the input buffer).
 *       Dead rows cost nothing.</li>
 *   <li>So a pruned kernel group (one input channel's {@code kh*kw} rows, zero for the whole tile),
 *       a pruned crossbar block ({@code R} rows of a tile) and a pruned filter (a zero column, which
 *       empties the tile when all its columns go) all reduce crossbar count by making rows dead.</li>
 * </ul>
 */
public final class CrossbarGroups {
    private CrossbarGroups() {
    }

    /** Which weights of a matrix are zero; adapters exist for integer layers and float masks. */
    public interface ZeroPattern {
        int rows();

        int cols();

        boolean isZero(int row, int col);
    }

    /** The zero pattern of an integer layer's weight matrix. */
    public static ZeroPattern of(WeightedLayer layer) {
        return new ZeroPattern() {
            @Override
            public int rows() {
                return layer.matrixRows();
            }

            @Override
            public int cols() {
                return layer.matrixCols();
            }

            @Override
            public boolean isZero(int row, int col) {
                return layer.weight(row, col) == 0;
            }
        };
    }

    public static int columnTiles(int cols, CrossbarGeometry g) {
        int l = g.logicalColumnsPerCrossbar();
        return (cols + l - 1) / l;
    }

    public static int rowTiles(int rows, CrossbarGeometry g) {
        return (rows + g.rows() - 1) / g.rows();
    }

    /** First logical column of column tile {@code tile}. */
    public static int firstColumn(int tile, CrossbarGeometry g) {
        return tile * g.logicalColumnsPerCrossbar();
    }

    /** One past the last logical column of column tile {@code tile}. */
    public static int endColumn(int tile, int cols, CrossbarGeometry g) {
        return Math.min(cols, (tile + 1) * g.logicalColumnsPerCrossbar());
    }

    /** Live rows of column tile {@code tile}, ascending. */
    public static int[] liveRows(ZeroPattern m, int tile, CrossbarGeometry g) {
        int from = firstColumn(tile, g);
        int to = endColumn(tile, m.cols(), g);
        int[] live = new int[m.rows()];
        int n = 0;
        for (int r = 0; r < m.rows(); r++) {
            for (int c = from; c < to; c++) {
                if (!m.isZero(r, c)) {
                    live[n++] = r;
                    break;
                }
            }
        }
        return Arrays.copyOf(live, n);
    }

    /** Crossbars that {@code liveRows} packed rows need: {@code ceil(liveRows / R)}. */
    public static int crossbarsForLiveRows(int liveRows, CrossbarGeometry g) {
        return (liveRows + g.rows() - 1) / g.rows();
    }

    /** Crossbars the matrix needs after crossbar-aligned compaction (sum over column tiles). */
    public static long compactedCrossbars(ZeroPattern m, CrossbarGeometry g) {
        long total = 0;
        for (int t = 0; t < columnTiles(m.cols(), g); t++) {
            total += crossbarsForLiveRows(liveRows(m, t, g).length, g);
        }
        return total;
    }

    /** Crossbars the matrix needs when nothing is compacted: row tiles x column tiles. */
    public static long denseCrossbars(int rows, int cols, CrossbarGeometry g) {
        return (long) rowTiles(rows, g) * columnTiles(cols, g);
    }
}
