package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.arch.UnitSpec;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.MaxPool2d;
import org.xbarsim.model.Shape;
import org.xbarsim.model.AvgPool2d;
import org.xbarsim.model.WeightedLayer;

/**
 * How fast the mapped chip can take images, from the mapping and the chip's timing alone: the
 * busiest resource per image bounds the interval between images.
 * <ul>
 *   <li><b>Stages</b> (one per weighted layer): one matrix-vector product on a crossbar streams
 *       {@code reads = ceil(inputBits / dacBits)} reads; the array and its ADCs work as a two-stage
 *       pipeline, so products on one crossbar are
 *       {@code mvm = reads x max(readLatency, min(columnsPerAdc, usedColumns) x adcLatency)} cycles
 *       apart. A copy's crossbars work in parallel and the copies share the output pixels
 *       (the mapping's copy plan, or {@link CopyShares} for a planned replication):
 *       {@code cyclesPerImage = (most pixels of one copy) x mvm}.</li>
 *   <li><b>Tiles</b>: per image, the input buffer's read port (one read per pixel and distinct row
 *       list: {@code bytes / bandwidth + latency}), the output unit (per pixel and column tile:
 *       activation and multiplier passes; per pooled pixel: pooling passes) and the output buffer's
 *       port (per pooled pixel: one write and one read per destination tile).</li>
 *   <li><b>Routers</b>: per image, the bytes each router injects and ejects (inputs from the host,
 *       partial sums to another tile, activations to the next layer's tiles, logits to the host) over
 *       the link bandwidth.</li>
 * </ul>
 * <ul>
 *   <li><b>Shift-add</b>: per image and tile, each product's operations
 *       ({@link CrossbarPlacement#shiftAddOperations}) shared by the tile's units.</li>
 * </ul>
 * Hop latencies are not in the estimate (they delay an image, they do not occupy a resource).
 *
 * @param stages     one per weighted layer, in model order
 * @param resources  tile and router loads, cycles per image, by name (e.g. "tile 3 output unit")
 * @param bottleneck the busiest stage or resource
 */
public record PipelineEstimate(List<Stage> stages, java.util.SortedMap<String, Double> resources, String bottleneck) {
    public PipelineEstimate {
        stages = List.copyOf(stages);
        resources = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    }

    /**
     * One stage.
     *
     * @param layerName     the weighted layer
     * @param positions     output positions per image
     * @param mvmCycles     cycles between two products on its slowest crossbar (0: no crossbar, constant outputs)
     * @param copyCrossbars crossbars of one copy of its weights
     * @param replicas      copies of its weights
     * @param windows       {@link CopyShares#windows} of the layer: how copies may share its pixels
     * @param largestShare  most output pixels one copy computes, as the mapping's copy plan says (-1:
     *                      as {@link CopyShares} would share them)
     */
    public record Stage(String layerName, int positions, long mvmCycles, int copyCrossbars, int replicas, int[] windows,
            int largestShare) {
        public Stage(String layerName, int positions, long mvmCycles, int copyCrossbars, int replicas, int[] windows) {
            this(layerName, positions, mvmCycles, copyCrossbars, replicas, windows, -1);
        }

        /** Cycles per image with the work shared by the copies. */
        public double cyclesPerImage() {
            return largestShare >= 0 ? (double) largestShare * mvmCycles : cyclesPerImage(replicas);
        }

        /** Cycles per image with {@code r} copies. */
        public double cyclesPerImage(int r) {
            return (double) CopyShares.largestShare(windows, r) * mvmCycles;
        }

        /** The most copies that can share the layer: one per window. */
        public int maxReplicas() {
            return windows[windows.length - 1];
        }
    }

    /** Where copy {@code copy}'s crossbar {@code k} (in the first copy's order) of weighted layer {@code n} sits. */
    interface Layout {
        int tile(int n, int copy, int k);
    }

    /**
     * The estimate of {@code mapping} as placed and shared: pixel owners and input routes come from
     * each layer's copy plan (so a hand-edited mapping file is estimated as it is simulated), from
     * {@link CopyShares} for a layer without one.
     */
    public static PipelineEstimate of(IntModel model, Mapping mapping, Chip chip) {
        return build(model, mapping, chip, mapping.replicas(), (n, c, k) -> mapping.layers().get(n).copy(c).get(k).tile(), true);
    }

    /**
     * The estimate of {@code single} (one copy of each layer) with {@code copies[n]} copies of layer
     * {@code n}, placed as {@link Mapper#map(IntModel, MappingTarget, int[])} would place them.
     */
    public static PipelineEstimate planned(IntModel model, Mapping single, Chip chip, int[] copies) {
        int layers = single.layers().size();
        long[] needed = new long[layers];
        for (int n = 0; n < layers; n++) {
            needed[n] = (long) single.layers().get(n).crossbars().size() * copies[n];
        }
        long[] first = Mapper.firstSlots(needed, single.target());
        int per = single.target().crossbarsPerTile();
        return build(model, single, chip, copies, (n, c, k) -> (int) ((first[n]
                + (long) c * single.layers().get(n).crossbars().size() + k) / per), false);
    }

    /** Layer {@code n}'s copy plan when the estimate follows the mapping's plans and the layer has one, else null. */
    private static CopyPlan planOf(Mapping mapping, int n, boolean fromMapping) {
        return fromMapping ? mapping.layers().get(n).copyPlan() : null;
    }

    private static PipelineEstimate build(IntModel model, Mapping mapping, Chip chip, int[] copies, Layout layout,
            boolean fromMapping) {
        TileSpec tile = chip.tile();
        List<WeightedLayer> weighted = model.weightedLayers();
        if (weighted.size() != mapping.layers().size() || copies.length != weighted.size()) {
            throw new IllegalArgumentException(weighted.size() + " weighted layers, " + mapping.layers().size() + " mapped, "
                    + copies.length + " replication factors");
        }
        TreeMap<String, Double> load = new TreeMap<>();
        List<Stage> stages = new ArrayList<>();
        int bits = model.input().bits();
        long link = chip.network().linkBandwidthBytesPerCycle();
        long meshLink = chip.network().meshLinkBandwidthBytesPerCycle();
        for (int n = 0; n < weighted.size(); n++) {
            WeightedLayer w = weighted.get(n);
            LayerMapping lm = mapping.layers().get(n);
            List<CrossbarPlacement> xs = lm.crossbars();
            int[] windows = CopyShares.windows(model, lm.layerIndex());
            int positions = windows.length - 1;
            int reads = (bits + tile.dac().bits() - 1) / tile.dac().bits();
            long mvm = 0;
            for (CrossbarPlacement x : xs) {
                long adc = Math.min(tile.adc().columnsPerAdc(), x.usedColumns()) * tile.adc().latencyCycles();
                mvm = Math.max(mvm, reads * Math.max(tile.crossbar().readLatencyCycles(), adc));
            }
            CopyPlan plan = planOf(mapping, n, fromMapping);
            int[] owner = plan != null ? plan.pixelCopy() : CopyShares.owners(windows, copies[n]);
            int[] pixelsOf = new int[copies[n]];
            for (int o : owner) {
                pixelsOf[o]++;
            }
            int largest = java.util.Arrays.stream(pixelsOf).max().orElse(0);
            stages.add(new Stage(lm.layerName(), positions, mvm, xs.size(), copies[n], windows, plan != null ? largest : -1));
            int finals = finalPixels(model, lm.layerIndex());
            List<Integer> nextTiles = n + 1 < weighted.size() ? tilesOf(n + 1, copies[n + 1], mapping, layout) : List.of();
            // who finishes each pixel left after pooling, and which tiles read it (-1: the host)
            int[] finalOwner = plan != null ? plan.finalCopy() : CopyShares.finalOwners(windows, finals, copies[n]);
            int next = n + 1;
            CopyPlan nextPlan = next < weighted.size() ? planOf(mapping, next, fromMapping) : null;
            int[][] nextRoutes = nextPlan != null ? nextPlan.inputRoutes() : next < weighted.size()
                    ? CopyShares.inputRoutes(model, mapping.layers().get(next).layerIndex(), copies[next],
                            r -> copyTiles(next, r, mapping, layout)) : null;
            int[] everyNext = next < weighted.size() ? nextTiles.stream().mapToInt(Integer::intValue).toArray() : new int[] {-1};
            int[] finalsOf = new int[copies[n]];
            List<TreeMap<Integer, Long>> sendsOf = new ArrayList<>(); // per copy: pixels sent to each tile
            for (int c = 0; c < copies[n]; c++) {
                sendsOf.add(new TreeMap<>());
            }
            for (int f = 0; f < finals; f++) {
                finalsOf[finalOwner[f]]++;
                for (int t : nextRoutes != null ? nextRoutes[f] : everyNext) {
                    sendsOf.get(finalOwner[f]).merge(t, 1L, Long::sum);
                }
            }
            for (int c = 0; c < copies[n]; c++) {
                // input buffer: one read per pixel and distinct row list, per tile
                TreeMap<Integer, TreeSet<String>> rowLists = new TreeMap<>();
                TreeMap<Integer, Long> readCycles = new TreeMap<>();
                for (int k = 0; k < xs.size(); k++) {
                    int t = layout.tile(n, c, k);
                    if (rowLists.computeIfAbsent(t, x -> new TreeSet<>()).add(xs.get(k).inputRows().toString())) {
                        long bytes = ((long) xs.get(k).usedRows() * bits + 7) / 8;
                        readCycles.merge(t, tile.inputBuffer().transferCycles(bytes), Long::sum);
                    }
                }
                int mine = pixelsOf[c];
                readCycles.forEach((t, cyc) -> load.merge("tile " + t + " input buffer", (double) cyc * mine, Double::sum));
                // shift-add: the tile's units take each product's operations together, one product at a time
                UnitSpec sa = tile.shiftAdd();
                for (int k = 0; k < xs.size(); k++) {
                    long ops = xs.get(k).shiftAddOperations(reads);
                    load.merge("tile " + layout.tile(n, c, k) + " shift-add", (double) ceil(ops, sa.count()) * sa.latencyCycles() * mine,
                            Double::sum);
                }
                // output unit and network, per column tile
                for (int ct = 0; ct < lm.columnTiles(); ct++) {
                    int reducer = -1;
                    TreeSet<Integer> contributors = new TreeSet<>();
                    for (int k = 0; k < xs.size(); k++) {
                        if (xs.get(k).columnTile() == ct) {
                            int t = layout.tile(n, c, k);
                            reducer = reducer < 0 ? t : reducer;
                            contributors.add(t);
                        }
                    }
                    if (reducer < 0) {
                        continue;
                    }
                    int first = ct * mapping.geometry().logicalColumnsPerCrossbar();
                    int cols = Math.min(w.matrixCols(), first + mapping.geometry().logicalColumnsPerCrossbar()) - first;
                    int multiplies = 0;
                    for (int col = first; col < first + cols; col++) {
                        multiplies += w.requantFor(col).isPowerOfTwo() ? 0 : 1;
                    }
                    double perPixel = ceil(cols, tile.activation().count()) * tile.activation().latencyCycles()
                            + (multiplies == 0 ? 0 : ceil(multiplies, Math.max(1, tile.multiplier().count()))
                            * tile.multiplier().latencyCycles());
                    long outBytes = ((long) cols * w.outputBits() + 7) / 8;
                    long poolOps = poolOperations(model, lm.layerIndex(), cols);
                    BufferSpec ob = tile.outputBuffer();
                    double unit = perPixel * pixelsOf[c] + (poolOps == 0 ? 0 : ceil(poolOps, tile.pooling().count())
                            * tile.pooling().latencyCycles()) * finalsOf[c];
                    load.merge("tile " + reducer + " output unit", unit, Double::sum);
                    // the output buffer's port: one write per pooled pixel, one read per destination
                    double buffer = ob.transferCycles(outBytes) * (finalsOf[c] + sendsOf.get(c).values().stream().mapToLong(v -> v).sum());
                    load.merge("tile " + reducer + " output buffer", buffer, Double::sum);
                    for (int t : contributors) {
                        if (t != reducer) {
                            flow(load, chip, t, reducer, 4L * cols * pixelsOf[c]);
                        }
                    }
                    // activations to the tiles that read them, one output-buffer read each
                    for (var e : sendsOf.get(c).entrySet()) {
                        if (e.getKey() != reducer) {
                            flow(load, chip, reducer, e.getKey(), (double) outBytes * e.getValue());
                        }
                    }
                }
            }
            if (n == 0) {
                Shape in = model.input().shape();
                int[][] routes = plan != null ? plan.inputRoutes()
                        : CopyShares.inputRoutes(model, lm.layerIndex(), copies[0], r -> copyTiles(0, r, mapping, layout));
                int[] all = tilesOf(0, copies[0], mapping, layout).stream().mapToInt(Integer::intValue).toArray();
                TreeMap<Integer, Long> read = new TreeMap<>(); // input positions each first-layer tile gets
                for (int pos = 0; pos < in.height() * in.width(); pos++) {
                    for (int t : routes == null ? all : routes[pos]) {
                        read.merge(t, 1L, Long::sum);
                    }
                }
                int b = bits;
                read.forEach((t, count) -> flow(load, chip, -1, t, (count * in.channels() * b + 7) / 8));
            }
            bits = w.outputBits();
        }
        load.replaceAll((k, v) -> k.startsWith("router") ? Math.ceil(v / link) : k.startsWith("link") ? Math.ceil(v / meshLink) : v);
        String bottleneck = stages.get(0).layerName();
        double worst = stages.get(0).cyclesPerImage();
        for (Stage st : stages) {
            if (st.cyclesPerImage() > worst) {
                worst = st.cyclesPerImage();
                bottleneck = st.layerName();
            }
        }
        for (var e : load.entrySet()) {
            if (e.getValue() > worst) {
                worst = e.getValue();
                bottleneck = e.getKey();
            }
        }
        return new PipelineEstimate(stages, load, bottleneck);
    }

    /** {@code bytes} per image from tile {@code from} to tile {@code to} (-1: the host) through their routers and the mesh links between. */
    private static void flow(TreeMap<String, Double> load, Chip chip, int from, int to, double bytes) {
        var net = chip.network();
        load.merge("router " + net.routerOf(from) + " injection", bytes, Double::sum);
        for (int link : net.route(from, to, chip.tiles())) {
            load.merge(net.linkName(link, chip.tiles()), bytes, Double::sum);
        }
        load.merge("router " + net.routerOf(to) + " ejection", bytes, Double::sum);
    }

    /** The tiles of copy {@code copy} of weighted layer {@code n}, ascending. */
    private static int[] copyTiles(int n, int copy, Mapping mapping, Layout layout) {
        TreeSet<Integer> t = new TreeSet<>();
        for (int k = 0; k < mapping.layers().get(n).crossbars().size(); k++) {
            t.add(layout.tile(n, copy, k));
        }
        return t.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> tilesOf(int n, int copies, Mapping mapping, Layout layout) {
        TreeSet<Integer> t = new TreeSet<>();
        int k = mapping.layers().get(n).crossbars().size();
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < k; i++) {
                t.add(layout.tile(n, c, i));
            }
        }
        return List.copyOf(t);
    }

    /** Pixels per channel after the layer's pooling. */
    private static int finalPixels(IntModel model, int layerIndex) {
        var s = model.shapes().get(layerIndex);
        for (Layer op : CopyShares.postOps(model, layerIndex)) {
            if (op instanceof MaxPool2d || op instanceof AvgPool2d) {
                s = op.outputShape(s);
            }
        }
        return s.height() * s.width();
    }

    /** Pooling operations per pooled pixel of {@code channels} channels (one per element read, every stage). */
    private static long poolOperations(IntModel model, int layerIndex, int channels) {
        long ops = 0;
        for (Layer op : CopyShares.postOps(model, layerIndex)) {
            int k = op instanceof MaxPool2d p ? p.kernel() : op instanceof AvgPool2d p ? p.kernel() : 0;
            if (k > 0) {
                ops = ops * k * k + (long) channels * k * k; // the earlier stages run k*k times per pixel of this one
            }
        }
        return ops;
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Predicted cycles between images: the busiest stage's or resource's cycles per image. */
    public double intervalCycles() {
        double worst = 0;
        for (Stage st : stages) {
            worst = Math.max(worst, st.cyclesPerImage());
        }
        for (double v : resources.values()) {
            worst = Math.max(worst, v);
        }
        return worst;
    }

    /** The busiest tile or router resource, cycles per image (0 when none is loaded). */
    public double busiestResourceCycles() {
        return resources.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** One line: the copies of each replicated layer, the predicted interval and the bottleneck. */
    public String describe() {
        List<String> copies = new ArrayList<>();
        for (Stage st : stages) {
            if (st.replicas() > 1) {
                copies.add(st.layerName() + " x" + st.replicas());
            }
        }
        return String.format(java.util.Locale.ROOT, "replication: %s; predicted interval between images %.0f cycles,"
                + " bottleneck '%s'", copies.isEmpty() ? "none" : String.join(", ", copies), intervalCycles(), bottleneck);
    }
}
