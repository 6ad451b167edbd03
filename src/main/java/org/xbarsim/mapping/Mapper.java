package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Layer;
import org.xbarsim.model.WeightedLayer;

/**
 * Places an integer model on a chip's crossbars (pure code, deterministic).
 *
 * <p>For each weighted layer in model order, for each column tile (L logical columns, as in
 * {@link CrossbarGroups}), the live rows of that tile are packed in ascending order into
 * {@code ceil(live / R)} crossbars; tiles with no live row get no crossbar. Each weight of a
 * placed row is stored in {@code k} physical columns (see {@link CrossbarGeometry}):
 * <ul>
 *   <li>{@link SignedEncoding#DIFFERENTIAL}: for slice {@code s = 0..S-1} (least significant
 *       first), physical column {@code i*k + 2s} stores slice {@code s} of {@code max(w, 0)} and
 *       {@code i*k + 2s + 1} stores slice {@code s} of {@code max(-w, 0)};</li>
 *   <li>{@link SignedEncoding#OFFSET}: physical column {@code i*k + s} stores slice {@code s} of
 *       {@code w + 2^(bw-1)}, {@code bw} being the chip's weight bits.</li>
 * </ul>
 * Slice {@code s} is {@code (v >> (s*c)) & (2^c - 1)} for {@code c} bits per cell. With
 * {@link MappingTarget#flipColumns()}, each physical column whose levels sum to more than half their
 * maximum over the crossbar's used rows is then stored complemented and marked ({@link ColumnRole}).
 * Crossbars get global ids in that order and are given tile slots per {@link MappingTarget.TilePacking}.
 */
public final class Mapper {
    private Mapper() {
    }

    /** Crossbars each weighted layer needs on {@code geometry}, in model order, without placing anything. */
    public static List<LayerDemand> demand(IntModel model, CrossbarGeometry geometry) {
        List<LayerDemand> out = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof WeightedLayer w) {
                out.add(new LayerDemand(i, w.name(), CrossbarGroups.compactedCrossbars(CrossbarGroups.of(w), geometry)));
            }
        }
        return out;
    }

    /** Crossbars one layer needs. */
    public record LayerDemand(int layerIndex, String layerName, long crossbars) {
    }

    /**
     * Maps {@code model} onto {@code target}.
     *
     * @throws UserInputException when a layer's weights do not fit the chip's cells or the model
     *                            needs more crossbars than the chip has (listing every layer)
     */
    public static Mapping map(IntModel model, MappingTarget target) {
        return map(model, target, null);
    }

    /**
     * Maps {@code model} onto {@code target} with {@code replicas[n]} copies of weighted layer
     * {@code n}'s crossbars (weight duplication; null: one copy each). A layer's copies follow its
     * first copy in id order, copy by copy, each laid out like the first.
     *
     * @throws UserInputException as {@link #map(IntModel, MappingTarget)}, the copies counted
     */
    public static Mapping map(IntModel model, MappingTarget target, int[] replicas) {
        CrossbarGeometry g = target.geometry();
        List<String> signed = signedInputs(model);
        if (!signed.isEmpty()) {
            throw new UserInputException("model '" + model.name() + "' cannot run on the chip:", signed);
        }
        checkWeights(model, g);
        List<Layer> layers = model.layers();
        // Plan first (live rows per column tile) so a model that does not fit fails before any cell is built.
        List<int[][]> plans = new ArrayList<>();
        List<WeightedLayer> weighted = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof WeightedLayer w) {
                CrossbarGroups.ZeroPattern zp = CrossbarGroups.of(w);
                int tiles = CrossbarGroups.columnTiles(w.matrixCols(), g);
                int[][] live = new int[tiles][];
                for (int t = 0; t < tiles; t++) {
                    live[t] = CrossbarGroups.liveRows(zp, t, g);
                }
                plans.add(live);
                weighted.add(w);
                indices.add(i);
            }
        }
        int[] copies = replicas == null ? ones(weighted.size()) : replicas.clone();
        if (copies.length != weighted.size()) {
            throw new IllegalArgumentException(copies.length + " replication factors for " + weighted.size() + " weighted layers");
        }
        long[] firstSlot = assignSlots(model, target, weighted, plans, copies);

        List<LayerMapping> out = new ArrayList<>();
        for (int n = 0; n < weighted.size(); n++) {
            LayerMapping lm = mapLayer(indices.get(n), weighted.get(n), plans.get(n), firstSlot[n], target, copies[n]);
            out.add(lm.withCopyPlan(CopyShares.plan(model, lm.layerIndex(), copies[n], lm::tilesOfCopy)));
        }
        return new Mapping(model.name(), target, out);
    }

    /**
     * One line per weighted layer whose input would be signed: a hidden layer with activation
     * {@code none} feeding it. The chip drives crossbar rows with unsigned bit-planes (its DACs have
     * no sign), so such a model is refused before anything is placed or simulated.
     */
    public static List<String> signedInputs(IntModel model) {
        List<String> problems = new ArrayList<>();
        WeightedLayer previous = null;
        for (Layer l : model.layers()) {
            if (!(l instanceof WeightedLayer w)) {
                continue;
            }
            if (previous != null && previous.activation() != org.xbarsim.model.Activation.RELU) {
                problems.add("layer '" + previous.name() + "' has activation " + previous.activation().key() + " (signed "
                        + previous.outputBits() + "-bit outputs) and feeds weighted layer '" + w.name() + "': the chip drives"
                        + " crossbar rows with unsigned inputs only (give '" + previous.name() + "' activation relu; only the"
                        + " last layer may be signed)");
            }
            previous = w;
        }
        return problems;
    }

    private static void checkWeights(IntModel model, CrossbarGeometry g) {
        List<String> problems = new ArrayList<>();
        for (WeightedLayer w : model.weightedLayers()) {
            if (w.weightBits() > g.weightBits()) {
                problems.add("layer '" + w.name() + "': " + w.weightBits() + "-bit weights exceed the chip's "
                        + g.weightBits() + "-bit weights");
                continue;
            }
            if (g.encoding() == SignedEncoding.DIFFERENTIAL) {
                int most = -(1 << (g.weightBits() - 1));
                int cols = w.matrixCols();
                search:
                for (int c = 0; c < cols; c++) {
                    for (int r = 0; r < w.matrixRows(); r++) {
                        if (w.weight(r, c) == most) {
                            problems.add("layer '" + w.name() + "': weight " + most + " at matrix (row " + r + ", column "
                                    + c + ") needs " + g.weightBits() + " magnitude bits, but a differential pair stores "
                                    + g.magnitudeBits() + " (quantize weights symmetrically, or use offset encoding)");
                            break search;
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UserInputException("model '" + model.name() + "' cannot be stored in "
                    + describe(g) + " cells:", problems);
        }
    }

    /** First global crossbar slot of each weighted layer; throws when the chip is too small. */
    /**
     * First crossbar slot of each layer needing {@code needed[n]} slots (every copy), and as last
     * entry the first free slot: layers follow each other, each on a fresh tile with
     * {@link MappingTarget.TilePacking#LAYER_PER_TILE}.
     */
    static long[] firstSlots(long[] needed, MappingTarget target) {
        long[] first = new long[needed.length + 1];
        long next = 0;
        for (int n = 0; n < needed.length; n++) {
            if (target.packing() == MappingTarget.TilePacking.LAYER_PER_TILE && needed[n] > 0) {
                long per = target.crossbarsPerTile();
                next = (next + per - 1) / per * per;
            }
            first[n] = next;
            next += needed[n];
        }
        first[needed.length] = next;
        return first;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    private static long[] assignSlots(IntModel model, MappingTarget target, List<WeightedLayer> weighted, List<int[][]> plans,
            int[] copies) {
        CrossbarGeometry g = target.geometry();
        long[] first = new long[weighted.size()];
        long[] needed = new long[weighted.size()];
        long next = 0;
        for (int n = 0; n < weighted.size(); n++) {
            if (copies[n] < 1) {
                throw new UserInputException("layer '" + weighted.get(n).name() + "': " + copies[n] + " copies: must be >= 1");
            }
            for (int[] live : plans.get(n)) {
                needed[n] += CrossbarGroups.crossbarsForLiveRows(live.length, g);
            }
            needed[n] *= copies[n];
        }
        long[] starts = firstSlots(needed, target);
        System.arraycopy(starts, 0, first, 0, first.length);
        next = starts[starts.length - 1];
        long available = target.totalCrossbars();
        if (next > available) {
            List<String> lines = new ArrayList<>();
            long cumulative = 0;
            for (int n = 0; n < weighted.size(); n++) {
                long before = first[n];
                cumulative = first[n] + needed[n];
                String state = cumulative <= available ? "fits"
                        : before >= available ? "no crossbar left"
                        : "only " + (available - before) + " left";
                lines.add(String.format(java.util.Locale.ROOT, "layer '%s': needs %d crossbars%s, %d available after earlier layers (%s)",
                        weighted.get(n).name(), needed[n], copies[n] == 1 ? "" : " (" + copies[n] + " copies)",
                        Math.max(0, available - before), state));
            }
            lines.add("total: needs " + next + " crossbar slots, the chip has " + available + " ("
                    + target.tiles() + " tiles x " + target.crossbarsPerTile() + " crossbars"
                    + (target.packing() == MappingTarget.TilePacking.LAYER_PER_TILE ? ", each layer starting on a fresh tile" : "")
                    + ")");
            throw new UserInputException("model '" + model.name() + "' does not fit the chip (" + describe(g) + "):", lines);
        }
        return first;
    }

    private static String describe(CrossbarGeometry g) {
        return g.rows() + "x" + g.columns() + " crossbars, " + g.bitsPerCell() + "-bit cells, " + g.weightBits()
                + "-bit " + g.encoding().key() + " weights";
    }

    private static LayerMapping mapLayer(int layerIndex, WeightedLayer w, int[][] live, long firstSlot, MappingTarget target,
            int copies) {
        CrossbarGeometry g = target.geometry();
        List<int[]> tileAndPack = new ArrayList<>();
        for (int t = 0; t < live.length; t++) {
            int packs = CrossbarGroups.crossbarsForLiveRows(live[t].length, g);
            for (int p = 0; p < packs; p++) {
                tileAndPack.add(new int[] {t, p});
            }
        }
        // The crossbars' cells are independent: built in parallel (the common pool), kept in id order.
        List<CrossbarPlacement> crossbars = java.util.stream.IntStream.range(0, tileAndPack.size()).parallel().mapToObj(n -> {
            int t = tileAndPack.get(n)[0];
            int p = tileAndPack.get(n)[1];
            int r0 = p * g.rows();
            int r1 = Math.min(live[t].length, r0 + g.rows());
            int[] rows = java.util.Arrays.copyOfRange(live[t], r0, r1);
            return place(w, layerIndex, t, p, rows, CrossbarGroups.firstColumn(t, g), CrossbarGroups.endColumn(t, w.matrixCols(), g),
                    firstSlot + n, target);
        }).toList();
        long id = firstSlot + crossbars.size();
        List<CrossbarPlacement> replicaCrossbars = new ArrayList<>();
        int per = target.crossbarsPerTile();
        for (int r = 1; r < copies; r++) {
            for (CrossbarPlacement c : crossbars) {
                replicaCrossbars.add(c.copy(r, Math.toIntExact(id), Math.toIntExact(id / per), (int) (id % per)));
                id++;
            }
        }
        return new LayerMapping(layerIndex, w.name(), w.kind(), w.matrixRows(), w.matrixCols(), w.weightBits(),
                w.isMultiplierFree(), CrossbarGroups.rowTiles(w.matrixRows(), g), CrossbarGroups.columnTiles(w.matrixCols(), g),
                CrossbarGroups.denseCrossbars(w.matrixRows(), w.matrixCols(), g), crossbars, unstructured(w, g), replicaCrossbars, null);
    }

    /** Crossbar {@code id} of the first copy holding {@code rows} of columns [fromCol, toCol), cells built from the weights. */
    static CrossbarPlacement place(WeightedLayer w, int layerIndex, int columnTile, int pack, int[] rows,
                                           int fromCol, int toCol, long id, MappingTarget target) {
        CrossbarGeometry g = target.geometry();
        int outputs = toCol - fromCol;
        int k = g.physicalColumnsPerLogical();
        int slices = g.slicesPerWeight();
        int c = g.bitsPerCell();
        int mask = (1 << c) - 1;
        boolean differential = g.encoding() == SignedEncoding.DIFFERENTIAL;
        long offset = differential ? 0 : 1L << (g.weightBits() - 1);

        int[] outCols = new int[outputs];
        List<ColumnRole> roles = new ArrayList<>(outputs * k);
        for (int i = 0; i < outputs; i++) {
            outCols[i] = fromCol + i;
            for (int s = 0; s < slices; s++) {
                if (differential) {
                    roles.add(new ColumnRole(i, fromCol + i, s, s * c, Polarity.POSITIVE));
                    roles.add(new ColumnRole(i, fromCol + i, s, s * c, Polarity.NEGATIVE));
                } else {
                    roles.add(new ColumnRole(i, fromCol + i, s, s * c, Polarity.BIASED));
                }
            }
        }
        int width = outputs * k;
        byte[] cells = new byte[rows.length * width];
        // Output by output: a weight column is contiguous in the layer's weights (column-major), a cell
        // row is short. The crossbar's rows of the column are gathered once, and the loops over them are
        // small methods of their own, which the JIT compiles soon and cheaply (docs/simulation.md,
        // "Twelfth pass").
        int[] column = new int[rows.length];
        for (int i = 0; i < outputs; i++) {
            w.weights().gather((fromCol + i) * w.matrixRows(), rows, column);
            if (differential) {
                differentialCells(cells, column, width, i * k, slices, c, mask);
            } else {
                biasedCells(cells, column, width, i * k, slices, c, mask, offset);
            }
        }
        if (target.flipColumns()) {
            flip(cells, rows.length, width, mask, roles);
        }
        int per = target.crossbarsPerTile();
        return new CrossbarPlacement(Math.toIntExact(id), Math.toIntExact(id / per), (int) (id % per), layerIndex, w.name(),
                columnTile, pack, IntVector.wrap(rows), IntVector.wrap(outCols), roles, offset,
                CellLevels.wrap(rows.length, width, c, cells));
    }

    /** One output's cells from its weights on the crossbar's rows, differential: slice s of |weight| in the positive or the negative column. */
    private static void differentialCells(byte[] cells, int[] column, int width, int at0, int slices, int c, int mask) {
        for (int a = 0; a < column.length; a++) {
            int wv = column[a];
            int pos = wv > 0 ? wv : 0;
            int neg = wv < 0 ? -wv : 0;
            int at = a * width + at0;
            for (int s = 0; s < slices; s++) {
                cells[at + 2 * s] = (byte) ((pos >> (s * c)) & mask);
                cells[at + 2 * s + 1] = (byte) ((neg >> (s * c)) & mask);
            }
        }
    }

    /** One output's cells from its weights on the crossbar's rows, offset encoding: slice s of weight + offset. */
    private static void biasedCells(byte[] cells, int[] column, int width, int at0, int slices, int c, int mask, long offset) {
        for (int a = 0; a < column.length; a++) {
            long u = column[a] + offset;
            int at = a * width + at0;
            for (int s = 0; s < slices; s++) {
                cells[at + s] = (byte) ((u >> (s * c)) & mask);
            }
        }
    }

    /**
     * ISAAC's flipped columns: a column whose levels sum to more than half their maximum over the
     * used rows ({@code 2 * sum > rows * mask}) stores {@code mask - level} instead and is marked, so
     * no column's stored levels sum above {@code floor(rows * mask / 2)}.
     */
    private static void flip(byte[] cells, int rows, int width, int mask, List<ColumnRole> roles) {
        // int sums, a row at a time, which the JIT vectorizes: rows x 255 fits an int (CrossbarGeometry
        // allows at most 4,096 rows)
        int[] sums = new int[width];
        for (int a = 0; a < rows; a++) {
            addRow(sums, cells, a * width);
        }
        byte[] flips = new byte[width]; // mask for a flipped column: mask - level == level ^ mask, as mask = 2^c - 1
        boolean any = false;
        for (int j = 0; j < width; j++) {
            if (2L * sums[j] > (long) rows * mask) {
                flips[j] = (byte) mask;
                any = true;
                ColumnRole r = roles.get(j);
                roles.set(j, new ColumnRole(r.outputIndex(), r.logicalColumn(), r.slice(), r.shift(), r.polarity(), mask));
            }
        }
        if (any) {
            for (int a = 0; a < rows; a++) {
                xorRow(cells, a * width, flips);
            }
        }
    }

    private static void addRow(int[] sums, byte[] cells, int base) {
        for (int j = 0; j < sums.length; j++) {
            sums[j] += cells[base + j] & 0xFF;
        }
    }

    private static void xorRow(byte[] cells, int base, byte[] flips) {
        for (int j = 0; j < flips.length; j++) {
            cells[base + j] ^= flips[j];
        }
    }

    /** Per-column index hardware: a column tile needs ceil(max non-zeros of its columns / R) crossbars. */
    static UnstructuredEstimate unstructured(WeightedLayer w, CrossbarGeometry g) {
        long crossbars = 0;
        long nonZero = 0;
        int tiles = CrossbarGroups.columnTiles(w.matrixCols(), g);
        for (int t = 0; t < tiles; t++) {
            int most = 0;
            for (int col = CrossbarGroups.firstColumn(t, g); col < CrossbarGroups.endColumn(t, w.matrixCols(), g); col++) {
                // a column is contiguous in the layer's weights (column-major)
                int nz = w.weights().countNonZero(col * w.matrixRows(), (col + 1) * w.matrixRows());
                nonZero += nz;
                most = Math.max(most, nz);
            }
            crossbars += CrossbarGroups.crossbarsForLiveRows(most, g);
        }
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, w.matrixRows() - 1)));
        return new UnstructuredEstimate(crossbars, nonZero, indexBits);
    }
}
