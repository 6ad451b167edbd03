package org.xbarsim.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Figures from one pass over a trace (built by {@link TraceSummarizer}): busy cycles and
 * utilization per component, action counts per (kind, action), counts per time window, and the
 * cycle span of each image. Energies and power come from an {@link ActionEnergy} table and are
 * summed in a fixed order (sorted keys, ascending windows), so they are the same bytes every run.
 */
public final class TraceSummary {
    private final TraceHeader header;
    private final long windowCycles;
    private final long records;
    private final long firstCycle;
    private final long endCycle;
    private final List<ComponentUsage> components;
    private final List<KindAction> pairs;
    private final long[] pairCounts;
    private final long[] pairRecords;
    private final long[] pairDurations;
    private final NavigableMap<Long, long[]> windows;
    private final List<ImageSpan> images;

    TraceSummary(TraceHeader header, long windowCycles, long records, long firstCycle, long endCycle,
                 List<ComponentUsage> components, List<KindAction> pairs, long[] pairCounts, long[] pairRecords,
                 long[] pairDurations, NavigableMap<Long, long[]> windows, List<ImageSpan> images) {
        this.header = header;
        this.windowCycles = windowCycles;
        this.records = records;
        this.firstCycle = firstCycle;
        this.endCycle = endCycle;
        this.components = List.copyOf(components);
        this.pairs = pairs;
        this.pairCounts = pairCounts;
        this.pairRecords = pairRecords;
        this.pairDurations = pairDurations;
        this.windows = windows;
        this.images = List.copyOf(images);
    }

    public TraceHeader header() {
        return header;
    }

    public long windowCycles() {
        return windowCycles;
    }

    public long records() {
        return records;
    }

    /** Earliest start cycle (0 for an empty trace). */
    public long firstCycle() {
        return firstCycle;
    }

    /** Latest end cycle (0 for an empty trace). */
    public long endCycle() {
        return endCycle;
    }

    /** {@code endCycle - firstCycle}: the simulated time the trace covers. */
    public long spanCycles() {
        return endCycle - firstCycle;
    }

    /** One entry per component of the header, in id order (components without records included). */
    public List<ComponentUsage> components() {
        return components;
    }

    /** Busy cycles over {@link #spanCycles()}, in [0, 1]; 0 for an empty trace. */
    public double utilization(ComponentUsage u) {
        return spanCycles() == 0 ? 0 : (double) u.busyCycles() / spanCycles();
    }

    /** Every (kind, action) pair the header allows, sorted. */
    public List<KindAction> kindActions() {
        return pairs;
    }

    /** Total unit actions per (kind, action), sorted; pairs with no records are left out. */
    public SortedMap<KindAction, Long> actionCounts() {
        TreeMap<KindAction, Long> m = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairRecords[i] > 0) {
                m.put(pairs.get(i), pairCounts[i]);
            }
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** Total unit actions of one (kind, action); 0 if none. */
    public long actionCount(String kind, String action) {
        int i = Collections.binarySearch(pairs, new KindAction(kind, action));
        return i < 0 ? 0 : pairCounts[i];
    }

    /** Number of records per (kind, action), sorted; pairs with no records are left out. */
    public SortedMap<KindAction, Long> recordCounts() {
        TreeMap<KindAction, Long> m = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairRecords[i] > 0) {
                m.put(pairs.get(i), pairRecords[i]);
            }
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** Sum of record durations per (kind, action) (overlaps counted each time), sorted. */
    public SortedMap<KindAction, Long> durationCycles() {
        TreeMap<KindAction, Long> m = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairRecords[i] > 0) {
                m.put(pairs.get(i), pairDurations[i]);
            }
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** Indices {@code w} of windows with at least one action; window {@code w} is cycles [w*W, (w+1)*W). */
    public List<Long> windowIndices() {
        return List.copyOf(windows.keySet());
    }

    /** Unit actions of one (kind, action) in window {@code w}; 0 if none. */
    public long windowCount(long w, String kind, String action) {
        long[] counts = windows.get(w);
        int i = Collections.binarySearch(pairs, new KindAction(kind, action));
        return counts == null || i < 0 ? 0 : counts[i];
    }

    /** The cycle span of every image seen, by image index (-1 for work tied to no image). */
    public List<ImageSpan> images() {
        return images;
    }

    /** Energy per (kind, action) in pJ, sorted; pairs with no records are left out. */
    public SortedMap<KindAction, Double> energyPj(ActionEnergy energy) {
        TreeMap<KindAction, Double> m = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairRecords[i] > 0) {
                KindAction k = pairs.get(i);
                m.put(k, pairCounts[i] * energy.picojoules(k));
            }
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** Energy per component kind in pJ, sorted by kind, summed over actions in name order. */
    public SortedMap<String, Double> energyByKindPj(ActionEnergy energy) {
        TreeMap<String, Double> m = new TreeMap<>();
        energyPj(energy).forEach((k, e) -> m.merge(k.kind(), e, Double::sum));
        return Collections.unmodifiableSortedMap(m);
    }

    /** Total energy in pJ, summed in (kind, action) order. */
    public double totalEnergyPj(ActionEnergy energy) {
        double sum = 0;
        for (double e : energyPj(energy).values()) {
            sum += e;
        }
        return sum;
    }

    /** Most windows {@link #powerByWindow} lists; choose a wider window for longer traces. */
    public static final long MAX_LISTED_WINDOWS = 10_000_000;

    /**
     * Energy and average power in each window from the first to the last window with activity
     * (empty windows in between are included with 0), at the header's clock.
     *
     * @throws IllegalArgumentException if that is more than {@link #MAX_LISTED_WINDOWS} windows
     */
    public List<WindowPower> powerByWindow(ActionEnergy energy) {
        return power(energy, true);
    }

    private List<WindowPower> power(ActionEnergy energy, boolean includeEmpty) {
        List<WindowPower> out = new ArrayList<>();
        if (windows.isEmpty()) {
            return out;
        }
        if (includeEmpty && windows.lastKey() - windows.firstKey() >= MAX_LISTED_WINDOWS) {
            throw new IllegalArgumentException("the trace spans " + (windows.lastKey() - windows.firstKey() + 1)
                    + " windows of " + windowCycles + " cycles, more than " + MAX_LISTED_WINDOWS + "; use wider windows");
        }
        double[] perAction = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            perAction[i] = energy.picojoules(pairs.get(i));
        }
        double windowNs = windowCycles / header.clockGhz();
        Iterable<Long> indices = includeEmpty
                ? java.util.stream.LongStream.rangeClosed(windows.firstKey(), windows.lastKey()).boxed()::iterator
                : windows.keySet();
        for (long w : indices) {
            long[] counts = windows.get(w);
            double e = 0;
            if (counts != null) {
                for (int i = 0; i < counts.length; i++) {
                    e += counts[i] * perAction[i];
                }
            }
            out.add(new WindowPower(w * windowCycles, windowCycles, e, e / windowNs));
        }
        return out;
    }

    /**
     * The window with the highest power (the earliest on a tie), or null for an empty trace. Only
     * windows with activity are visited, so any trace length is fine.
     */
    public WindowPower peakPower(ActionEnergy energy) {
        WindowPower best = null;
        for (WindowPower p : power(energy, false)) {
            if (best == null || p.powerMw() > best.powerMw()) {
                best = p;
            }
        }
        return best;
    }
}
