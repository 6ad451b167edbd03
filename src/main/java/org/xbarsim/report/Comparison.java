package org.xbarsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compressed model against its unpruned baseline, metric by metric, from two simulation
 * reports. The ratio is {@code baseline / compressed}, so "19.8x" reads as "the compressed model
 * needs 19.8 times less" for costs; for accuracy the difference in points is given. Latency and the
 * interval between images are in cycles when both chips have one clock, else in nanoseconds.
 */
public record Comparison(String compressedModel, String baselineModel, String chip, List<Row> rows) {
    public Comparison {
        rows = List.copyOf(rows);
    }

    /**
     * @param key        the metric's key in {@code ratios} of a compare report.json (kebab-case)
     * @param metric     what is compared
     * @param unit       its unit
     * @param baseline   the baseline's value
     * @param compressed the compressed model's value
     */
    public record Row(String key, String metric, String unit, double baseline, double compressed) {
        /** baseline / compressed, or NaN when the compressed value is zero. */
        public double ratio() {
            return compressed == 0 ? Double.NaN : baseline / compressed;
        }
    }

    public static Comparison of(SimulationReport compressed, SimulationReport baseline) {
        List<Row> r = new ArrayList<>();
        r.add(new Row("crossbars", "crossbars", "count", baseline.chip().crossbarsAllocated(), compressed.chip().crossbarsAllocated()));
        r.add(new Row("tiles-used", "tiles used", "count", baseline.chip().tilesUsed(), compressed.chip().tilesUsed()));
        r.add(new Row("compute-area", "compute area", "mm2", baseline.area().computeMm2(), compressed.area().computeMm2()));
        r.add(new Row("total-area", "total area", "mm2", baseline.area().totalMm2(), compressed.area().totalMm2()));
        r.add(new Row("compute-power", "compute power (average), simulated", "mW", baseline.power().computeAverageMw(),
                compressed.power().computeAverageMw()));
        r.add(new Row("total-power", "total power (average), simulated", "mW", baseline.power().totalAverageMw(), compressed.power().totalAverageMw()));
        r.add(new Row("peak-power", "peak power, simulated", "mW", baseline.power().peakMw(), compressed.power().peakMw()));
        r.add(new Row("compute-energy-per-inference", "compute energy / inference, simulated", "nJ", baseline.energy().computePerInferenceNj(),
                compressed.energy().computePerInferenceNj()));
        r.add(new Row("energy-per-inference", "total energy / inference, simulated", "nJ", baseline.energy().perInferenceNj(), compressed.energy().perInferenceNj()));
        if (baseline.chip().clockGhz() == compressed.chip().clockGhz()) {
            r.add(new Row("latency", "latency, one image, simulated", "cycles", baseline.latency().cycles(), compressed.latency().cycles()));
            r.add(new Row("cycles-between-images", "cycles between images, simulated", "cycles",
                    baseline.throughput().cyclesBetweenImages(), compressed.throughput().cyclesBetweenImages()));
        } else { // chips of different clocks (--baseline-config): a cycle is not the same time on both
            r.add(new Row("latency", "latency, one image, simulated", "ns", baseline.latency().ns(), compressed.latency().ns()));
            r.add(new Row("cycles-between-images", "time between images, simulated", "ns", nanosBetweenImages(baseline),
                    nanosBetweenImages(compressed)));
        }
        return new Comparison(compressed.model().name(), baseline.model().name(), compressed.config().name(), r);
    }

    /** "2 of 2": the simulated images whose logits equal the golden engine's. */
    static String bitExact(SimulationReport r) {
        return r.bitExactness().matching() + " of " + r.bitExactness().imagesCompared();
    }

    private static double nanosBetweenImages(SimulationReport r) {
        return r.throughput().cyclesBetweenImages() / r.chip().clockGhz();
    }

    /**
     * A plain-text table for terminals; accuracies are appended when both reports have them. Every
     * row says what it is: counts and areas come from the mapping, the rest from the simulation;
     * "compute" is the crossbars and their converters and shift-adds, "total" adds buffers, network
     * and the rest (docs/cost-model.md).
     */
    public static String render(SimulationReport compressed, SimulationReport baseline) {
        Comparison c = of(compressed, baseline);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-38s %8s %14s %14s %10s%n", "metric", "unit", "baseline", "compressed",
                "base/comp"));
        for (Row row : c.rows()) {
            s.append(String.format(Locale.ROOT, "%-38s %8s %14s %14s %9sx%n", row.metric(), row.unit(),
                    num(row.baseline()), num(row.compressed()), Double.isNaN(row.ratio()) ? "n/a" : String.format(Locale.ROOT,
                            "%.2f", row.ratio())));
        }
        Double ab = baseline.accuracy().top1();
        Double ac = compressed.accuracy().top1();
        if (ab != null && ac != null) {
            s.append(String.format(Locale.ROOT, "%-38s %8s %13.2f%% %13.2f%% %+9.2f points%n", "accuracy, simulated images",
                    "top-1", 100 * ab, 100 * ac, 100 * (ac - ab)));
        }
        // beside the simulated accuracy, which a clipping ADC lowers: how many images matched the golden engine
        s.append(String.format(Locale.ROOT, "%-38s %8s %14s %14s%n", "bit-exact vs golden engine", "images",
                bitExact(baseline), bitExact(compressed)));
        return s.toString();
    }

    /** As {@link #render(SimulationReport, SimulationReport)}, plus the test-set accuracies when the report has them. */
    public static String render(ComparisonReport report) {
        StringBuilder s = new StringBuilder(render(report.compressed(), report.baseline()));
        ComparisonReport.TestSetAccuracy t = report.accuracy().testSet();
        if (t != null) {
            s.append(String.format(Locale.ROOT, "%-38s %8s %13.2f%% %13.2f%% %+9.2f points%n",
                    "accuracy, " + t.images() + " test images", "top-1", 100 * t.baselineTop1(), 100 * t.compressedTop1(),
                    t.differencePoints()));
        }
        return s.toString();
    }

    /** "FILE", or "FILE (compressed), FILE (baseline)" when the baseline ran on another chip ({@code compare --baseline-config}). */
    static String configFiles(SimulationReport compressed, SimulationReport baseline, String quote) {
        String c = quote + compressed.config().file() + quote;
        if (compressed.config().sha256().equals(baseline.config().sha256())) {
            return c;
        }
        return c + " (compressed), " + quote + baseline.config().file() + quote + " (baseline)";
    }

    /**
     * A whole number as it is; others with 4 significant digits, but one decimal from 9,999.5 up (which
     * {@code %.4g} rounds to 10,000 and writes "1.000e+04", as "1.173e+04" beside a whole "4366").
     */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        if (Math.abs(v) >= 9999.5 && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
