package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.MaxPool2d;
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
 *       ({@link CopyShares}): {@code cyclesPerImage = (most pixels of one copy) x mvm}.</li>
 *   <li><b>Tiles</b>: per image, the input buffer's read port (one read per pixel and distinct row
 *       list: {@code bytes / bandwidth + latency}) and the output unit (per pixel and column tile:
 *       activation and multiplier passes; per pooled pixel: pooling passes, one output-buffer write
 *       and one read per destination tile).</li>
 *   <li><b>Routers</b>: per image, the bytes each router injects and ejects (inputs from the host,
 *       partial sums to another tile, activations to the next layer's tiles, logits to the host) over
 *       the link bandwidth.</li>
 * </ul>
 * Shift-add units and hop latencies are not in the estimate.
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
     */
    public record Stage(String layerName, int positions, long mvmCycles, int copyCrossbars, int replicas, int[] windows) {
        /** Cycles per image with the work shared by the copies. */
        public double cyclesPerImage() {
            return cyclesPerImage(replicas);
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

    /** The estimate of {@code mapping} as placed. */
    public static PipelineEstimate of(IntModel model, Mapping mapping, Chip chip) {
        return build(model, mapping, chip, mapping.replicas(), (n, c, k) -> mapping.layers().get(n).copy(c).get(k).tile());
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
                + (long) c * single.layers().get(n).crossbars().size() + k) / per));
    }

    private static PipelineEstimate build(IntModel model, Mapping mapping, Chip chip, int[] copies, Layout layout) {
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
            stages.add(new Stage(lm.layerName(), positions, mvm, xs.size(), copies[n], windows));
            int[] owner = CopyShares.owners(windows, copies[n]);
            int[] pixelsOf = new int[copies[n]];
            for (int o : owner) {
                pixelsOf[o]++;
            }
            int finals = finalPixels(model, lm.layerIndex());
            List<Integer> nextTiles = n + 1 < weighted.size() ? tilesOf(n + 1, copies[n + 1], mapping, layout) : List.of();
            for (int c = 0; c < copies[n]; c++) {
                double share = (double) pixelsOf[c] / positions; // of the image's pixels
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
                    int destinations = n + 1 < weighted.size() ? (copies[n + 1] > 1 ? 1 : nextTiles.size()) : 1;
                    double perFinal = (poolOps == 0 ? 0 : ceil(poolOps, tile.pooling().count()) * tile.pooling().latencyCycles())
                            + ob.transferCycles(outBytes) * (1.0 + destinations);
                    load.merge("tile " + reducer + " output unit", perPixel * pixelsOf[c] + perFinal * finals * share, Double::sum);
                    for (int t : contributors) {
                        if (t != reducer) {
                            long bytes = 4L * cols * pixelsOf[c];
                            router(load, chip, t, bytes, true);
                            router(load, chip, reducer, bytes, false);
                        }
                    }
                    // activations to the next layer's tiles (one copy: all of them; several: about one each)
                    double sent = outBytes * finals * share;
                    if (nextTiles.isEmpty()) {
                        router(load, chip, reducer, sent, true);
                        router(load, chip, -1, sent, false);
                    } else if (copies[n + 1] > 1) {
                        router(load, chip, reducer, sent, true);
                        for (int t : nextTiles) {
                            if (t != reducer) {
                                router(load, chip, t, sent / nextTiles.size(), false);
                            }
                        }
                    } else {
                        for (int t : nextTiles) {
                            if (t != reducer) {
                                router(load, chip, reducer, sent, true);
                                router(load, chip, t, sent, false);
                            }
                        }
                    }
                }
            }
            if (n == 0) {
                long imageBytes = ((long) model.input().shape().size() * bits + 7) / 8;
                for (int t : tilesOf(0, copies[0], mapping, layout)) {
                    router(load, chip, -1, imageBytes, true);
                    router(load, chip, t, imageBytes, false);
                }
            }
            bits = w.outputBits();
        }
        load.replaceAll((k, v) -> k.startsWith("router") ? Math.ceil(v / link) : v);
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

    private static void router(TreeMap<String, Double> load, Chip chip, int tile, double bytes, boolean inject) {
        int r = tile < 0 ? 0 : chip.network().routerOf(tile);
        load.merge("router " + r + (inject ? " injection" : " ejection"), bytes, Double::sum);
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
