package org.xbarsim.report;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a {@code compare} {@code report.json} holds (docs/report-format.md): the two
 * simulation reports whole, the ratios (baseline over compressed), the accuracy difference, per-layer
 * figures and power over time for the charts.
 *
 * @param format        always {@value #FORMAT}
 * @param version       format version, {@value #VERSION}
 * @param compressed    the compressed model's simulation report
 * @param baseline      the baseline's simulation report, same chip and images
 * @param ratios        baseline / compressed per metric key ({@link Comparison.Row#key()}); null when the compressed value is 0
 * @param accuracy      accuracy of both and the difference in points
 * @param layers        per weighted layer, in model order
 * @param powerOverTime total power over the run, per window, for both
 */
public record ComparisonReport(String format, int version, SimulationReport compressed, SimulationReport baseline,
                               SortedMap<String, Double> ratios, AccuracyGap accuracy, List<LayerFigures> layers,
                               PowerOverTime powerOverTime) {
    public static final String FORMAT = "xbarsim-compare";
    /** Version 2 (from 1): the two embedded reports are report version 3 (static energy by component). */
    public static final int VERSION = 2;

    public ComparisonReport {
        ratios = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(ratios));
        layers = List.copyOf(layers);
    }

    /** A report with the ratios of {@link Comparison#of}. */
    public static ComparisonReport of(SimulationReport compressed, SimulationReport baseline, TestSetAccuracy testSet,
                                      List<LayerFigures> layers, PowerOverTime power) {
        TreeMap<String, Double> ratios = new TreeMap<>();
        for (Comparison.Row r : Comparison.of(compressed, baseline).rows()) {
            ratios.put(r.key(), Double.isNaN(r.ratio()) ? null : r.ratio());
        }
        Double c = compressed.accuracy().top1();
        Double b = baseline.accuracy().top1();
        AccuracyGap gap = new AccuracyGap(compressed.accuracy().images(), c, b,
                c == null || b == null ? null : 100 * (c - b), testSet);
        return new ComparisonReport(FORMAT, VERSION, compressed, baseline, ratios, gap, layers, power);
    }

    /**
     * @param simulatedImages            images both models ran on the simulated chip
     * @param simulatedCompressedTop1    compressed model's top-1 on them (null without labels)
     * @param simulatedBaselineTop1      baseline's top-1 on them
     * @param simulatedDifferencePoints  compressed minus baseline, in percentage points
     * @param testSet                    golden-engine accuracy on the data set's test split, or null
     */
    public record AccuracyGap(int simulatedImages, Double simulatedCompressedTop1, Double simulatedBaselineTop1,
                              Double simulatedDifferencePoints, TestSetAccuracy testSet) {
    }

    /**
     * @param dataset          data set name
     * @param images           test images evaluated
     * @param compressedTop1   compressed model's top-1 (golden integer engine)
     * @param baselineTop1     baseline's top-1
     * @param differencePoints compressed minus baseline, in percentage points
     */
    public record TestSetAccuracy(String dataset, int images, double compressedTop1, double baselineTop1,
                                  double differencePoints) {
    }

    /**
     * @param layer                     layer name
     * @param compressedCrossbars       crossbars allocated to it in the compressed model
     * @param baselineCrossbars         in the baseline
     * @param compressedEstimateNj      the mapper's analytical dynamic energy per inference of the layer (not simulated)
     * @param baselineEstimateNj        the same for the baseline
     */
    public record LayerFigures(String layer, int compressedCrossbars, int baselineCrossbars, double compressedEstimateNj,
                               double baselineEstimateNj) {
    }

    /**
     * @param compressed total power (dynamic + static) per window of the compressed run
     * @param baseline   the same for the baseline run
     */
    public record PowerOverTime(List<PowerPoint> compressed, List<PowerPoint> baseline) {
        public PowerOverTime {
            compressed = List.copyOf(compressed);
            baseline = List.copyOf(baseline);
        }
    }

    /**
     * @param startUs window start, microseconds from the run's first cycle
     * @param mw      total power in the window, mW
     */
    public record PowerPoint(double startUs, double mw) {
    }
}
