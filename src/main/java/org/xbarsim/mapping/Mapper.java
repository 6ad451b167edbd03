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
        for (int i = 0; i < outputs; i++) {
            outCols[i] = fromCol + i;
        }
        int width = outputs * k;
        int words = CellLevels.wordsFor(rows.length);
        // The levels go straight into the bit-planes the crossbar model reads (CellLevels): bit b of a
        // slice's value is bit b % c of the level in the column of slice b / c. Output by output: a weight
        // column is contiguous in the layer's weights (column-major); its rows on this crossbar are gathered
        // once (docs/simulation.md, "Twelfth pass" and "Sixteenth pass").
        long[] planes = new long[c * words * width];
        int[] column = new int[rows.length];
        long[] values = new long[rows.length];
        long[] acc = new long[8];
        int bits = slices * c;
        for (int i = 0; i < outputs; i++) {
            w.weights().gather((fromCol + i) * w.matrixRows(), rows, column);
            if (differential) {
                spreadBits(positiveParts(column, values), planes, words, width, i * k, 2, c, bits, acc);
                spreadBits(negativeParts(column, values), planes, words, width, i * k + 1, 2, c, bits, acc);
            } else {
                spreadBits(biased(column, offset, values), planes, words, width, i * k, 1, c, bits, acc);
            }
        }
        long[] flipped = target.flipColumns() ? flip(planes, rows.length, words, width, c, mask) : null;
        int per = target.crossbarsPerTile();
        return new CrossbarPlacement(Math.toIntExact(id), Math.toIntExact(id / per), (int) (id % per), layerIndex, w.name(),
                columnTile, pack, IntVector.wrap(rows), IntVector.wrap(outCols),
                new ColumnRoles(outputs, fromCol, slices, c, differential, flipped, mask), offset,
                CellLevels.ofPlanes(rows.length, width, c, planes));
    }

    // The loops over a column's rows are small methods of their own, which the JIT compiles soon and
    // cheaply (docs/simulation.md, "Twelfth pass").

    /** {@code max(w, 0)} of each weight, into {@code into}, which it returns. */
    private static long[] positiveParts(int[] column, long[] into) {
        for (int a = 0; a < column.length; a++) {
            into[a] = Math.max(column[a], 0);
        }
        return into;
    }

    /** {@code max(-w, 0)} of each weight, into {@code into}, which it returns. */
    private static long[] negativeParts(int[] column, long[] into) {
        for (int a = 0; a < column.length; a++) {
            into[a] = Math.max(-(long) column[a], 0);
        }
        return into;
    }

    /** {@code w + offset} of each weight, into {@code into}, which it returns. */
    private static long[] biased(int[] column, long offset, long[] into) {
        for (int a = 0; a < column.length; a++) {
            into[a] = column[a] + offset;
        }
        return into;
    }

    /**
     * Bits {@code [0, bits)} of {@code values} (one per used row, none negative) into the planes: bit
     * {@code b} of row {@code a}'s value is bit {@code b % c} of the level on row {@code a} in column
     * {@code column0 + (b / c) * step}. Eight rows at a time, a byte of each, through an 8 x 8 bit
     * transpose; every plane word it touches is written once, whole. {@code acc} is room for 8 words.
     */
    private static void spreadBits(long[] values, long[] planes, int words, int width, int column0, int step, int c, int bits,
            long[] acc) {
        int perPlane = words * width;
        int n = values.length;
        for (int wd = 0; wd < words; wd++) {
            int first = wd << 6;
            int end = Math.min(n, first + 64);
            for (int h = 0; 8 * h < bits; h++) {
                java.util.Arrays.fill(acc, 0);
                for (int a = first; a < end; a += 8) {
                    long x = 0;
                    for (int r = 0, m = Math.min(8, end - a); r < m; r++) {
                        x |= ((values[a + r] >>> (8 * h)) & 0xFFL) << (8 * r);
                    }
                    x = transpose8(x);
                    for (int b = 0; b < 8; b++) {
                        acc[b] |= ((x >>> (8 * b)) & 0xFFL) << (a - first);
                    }
                }
                for (int b = 0; b < 8 && 8 * h + b < bits; b++) {
                    int bit = 8 * h + b;
                    planes[(bit % c) * perPlane + wd * width + column0 + (bit / c) * step] = acc[b];
                }
            }
        }
    }

    /**
     * The 8 x 8 bit matrix in {@code x} transposed: bit {@code 8r + b} goes to bit {@code 8b + r}
     * (Hacker's Delight, 7-3: three rounds of swapping blocks across the diagonal).
     */
    static long transpose8(long x) {
        long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        return x ^ t ^ (t << 28);
    }

    /**
     * ISAAC's flipped columns: a column whose levels sum to more than half their maximum over the
     * used rows ({@code 2 * sum > rows * mask}) stores {@code mask - level} instead (each of its c
     * planes inverted on the used rows, as {@code mask = 2^c - 1}), so no column's stored levels sum
     * above {@code floor(rows * mask / 2)}. Returns the flipped columns as bits.
     */
    private static long[] flip(long[] planes, int rows, int words, int width, int c, int mask) {
        int perPlane = words * width;
        long last = (rows & 63) == 0 ? -1L : (1L << (rows & 63)) - 1; // the used rows of the last word
        long[] flipped = new long[(width + 63) >>> 6];
        for (int j = 0; j < width; j++) {
            long sum = 0;
            for (int q = 0; q < c; q++) {
                for (int wd = 0; wd < words; wd++) {
                    sum += (long) Long.bitCount(planes[q * perPlane + wd * width + j]) << q;
                }
            }
            if (2 * sum > (long) rows * mask) {
                flipped[j >>> 6] |= 1L << j;
                for (int q = 0; q < c; q++) {
                    for (int wd = 0; wd < words; wd++) {
                        planes[q * perPlane + wd * width + j] ^= wd == words - 1 ? last : -1L;
                    }
                }
            }
        }
        return flipped;
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
