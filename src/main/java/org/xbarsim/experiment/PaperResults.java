package org.xbarsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.cost.Allocation;
import org.xbarsim.cost.CostModel;
import org.xbarsim.cost.FullActivity;
import org.xbarsim.cost.RunCost;
import org.xbarsim.report.ComparisonReport;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.SimulationReport;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * What {@code OUT/results.json} holds: every measured point, the main point's mean and spread over
 * seeds, the paper's row, and how near each reading of "computing power" comes to the paper's
 * ratio. Built only from the steps' output files, so the same steps give the same bytes.
 *
 * @param format   always {@value #FORMAT}
 * @param settings what the run trained and simulated
 * @param paper    the paper's headline row
 * @param points   every point, in run order
 * @param main     the main point over its seeds: per metric, mean, min and max
 * @param powerReadings ratios baseline / compressed of the main point's mean under each reading of
 *                 "computing power", nearest to the paper's first
 */
public record PaperResults(String format, ExperimentSettings settings, Paper paper, List<Point> points,
                           SortedMap<String, Spread> main, List<PowerReading> powerReadings) {
    public static final String FORMAT = "xbarsim-experiment-paper";

    /** The paper's VGG-16 on CIFAR-10 row (its Table). */
    public record Paper(String network, String dataset, double weightSparsity, double accuracyDifferencePoints,
                        double computingPowerRatio, double areaRatio) {
        static final Paper ROW = new Paper("VGG-16", "CIFAR-10", 0.8825, 0.43, 19.8, 18.8);
    }

    /** A metric over seeds. */
    public record Spread(int n, double mean, double min, double max) {
        static Spread of(List<Double> values) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new Spread(values.size(), sum / values.size(), min, max);
        }
    }

    /** One reading of "computing power": its ratio baseline / compressed, and its distance to the paper's. */
    public record PowerReading(String reading, double ratio, double log2DistanceToPaper) {
    }

    /**
     * One model's figures on the chip.
     *
     * @param crossbars                crossbars allocated on the chip (copies counted)
     * @param fullActivityComputeMw    compute power if every allocated crossbar were read back to back (cost model's
     *                                 full activity, leakage included)
     * @param fullActivityTotalMw      all allocated parts at full activity, off-chip links left out
     */
    public record Figures(long crossbars, long tilesUsed, double computeAreaMm2, double totalAreaMm2, double computePowerMw,
                          double totalPowerMw, double peakPowerMw, double fullActivityComputeMw, double fullActivityTotalMw,
                          double energyPerInferenceNj, double computeEnergyPerInferenceNj, long latencyCycles,
                          double imagesPerSecond, int simulatedImages, int bitExact) {
    }

    /**
     * Unstructured magnitude pruning of the baseline to the compressed model's sparsity (training
     * report), and what the index hardware would cost if each of its crossbars carried an index
     * unit (cost model: one per crossbar).
     */
    public record Unstructured(double weightSparsity, long crossbarsWithoutIndexHardware, double floatAccuracy,
                               double indexAreaMm2, double indexFullActivityMw) {
    }

    /**
     * A point: one compressed model against the seed's 8-bit baseline.
     *
     * @param kind      main, replicate, budget, bits, bits-chip or baseline-16
     * @param problem   why the point has no figures (a budget below what the pruning floors allow), or null
     */
    public record Point(String kind, int seed, String target, int weightBits, String problem, String trainStep,
                        String compareStep, Double baselineFloatAccuracy, Double baselineIntegerAccuracy,
                        Double compressedFloatAccuracy, Double compressedIntegerAccuracy, Double accuracyDifferencePoints,
                        Double weightSparsity, Long trainCrossbarsBaseline, Long trainCrossbarsCompressed,
                        Double crossbarSparsity, Unstructured unstructured, Figures baseline, Figures compressed,
                        SortedMap<String, Double> ratios) {

        static Point refused(String kind, int seed, String target, int bits, String problem) {
            return new Point(kind, seed, target, bits, problem, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, new TreeMap<>());
        }

        /**
         * The figures of a finished training step and comparison step.
         *
         * @param baselineStep the training step whose baseline the comparison used: the seed's main one, or
         *                     another baseline's (then {@code otherBaseline})
         * @param otherBaseline the baseline is not the one trained with the compressed model (a 16-bit one), so
         *                     its crossbars are counted from its own step, in its own bits
         */
        static Point measured(String kind, int seed, String target, int bits, Path trainStep, Path baselineStep,
                              boolean otherBaseline, Path compareStep, Path config) {
            ChipConfig cfg = ChipConfigLoader.load(config);
            JsonNode t = ReportJson.readTree(TrainOutputs.report(trainStep));
            ComparisonReport c = ReportJson.readComparison(CompareOutputs.report(compareStep));
            // the baseline compared with: the seed's 8-bit one (the main step's), or baseline-16's own
            JsonNode b = ReportJson.readTree(TrainOutputs.report(baselineStep)).path("baseline");
            JsonNode p = t.path("compressed");
            JsonNode u = t.path("unstructured");
            Figures fb = figures(c.baseline(), cfg.costModel());
            Figures fc = figures(c.compressed(), cfg.costModel());
            SortedMap<String, Double> ratios = new TreeMap<>();
            c.ratios().forEach((k, v) -> {
                if (v != null) {
                    ratios.put(k, v);
                }
            });
            ratios.put("full-activity-compute-power", fb.fullActivityComputeMw() / fc.fullActivityComputeMw());
            ratios.put("full-activity-total-power", fb.fullActivityTotalMw() / fc.fullActivityTotalMw());
            ratios.put("throughput-compressed-over-baseline", fc.imagesPerSecond() / fb.imagesPerSecond());
            long ub = (otherBaseline ? b : t.path("baseline")).path("crossbars").asLong();
            long uc = p.path("crossbars").asLong();
            Unstructured un = u.isMissingNode() ? null : unstructured(u, fb.tilesUsed(), cfg.costModel());
            double bInt = c.accuracy().testSet() != null ? c.accuracy().testSet().baselineTop1() : b.path("integerAccuracy").asDouble();
            return new Point(kind, seed, target, bits, null, trainStep.getFileName().toString(),
                    compareStep.getFileName().toString(), b.path("floatAccuracy").asDouble(), bInt,
                    p.path("floatAccuracy").asDouble(), p.path("integerAccuracy").asDouble(),
                    100 * (p.path("integerAccuracy").asDouble() - bInt), p.path("weightSparsity").asDouble(), ub, uc,
                    1 - uc / (double) ub, un, fb, fc, ratios);
        }

        private static Figures figures(SimulationReport r, CostModel cost) {
            SimulationReport.ComponentArea mult = r.area().byComponent().get(ComponentKind.MULTIPLIER.key());
            boolean multipliers = mult != null && mult.count() > 0;
            // the chip's off-chip links are left out: at full activity they would run at full rate for any model
            Allocation a = Allocation.of(cost.chip(), r.chip().tilesUsed(), r.chip().crossbarsAllocated(), multipliers, false)
                    .with(ComponentKind.IO_LINK, 0);
            RunCost full = FullActivity.price(cost, a);
            return new Figures(r.chip().crossbarsAllocated(), r.chip().tilesUsed(), r.area().computeMm2(), r.area().totalMm2(),
                    r.power().computeAverageMw(), r.power().totalAverageMw(), r.power().peakMw(), full.computeMw(),
                    full.averageMw(), r.energy().perInferenceNj(), r.energy().computePerInferenceNj(), r.latency().cycles(),
                    r.throughput().imagesPerSecond(), r.accuracy().images(), r.bitExactness() == null ? 0
                            : r.bitExactness().matching());
        }

        private static Unstructured unstructured(JsonNode u, long tiles, CostModel cost) {
            long crossbars = u.path("crossbars").asLong();
            long perTile = cost.chip().tile().crossbars();
            Allocation a = Allocation.of(cost.chip(), (crossbars + perTile - 1) / perTile, crossbars, true, true);
            double area = cost.area(a).get(ComponentKind.INDEX) / 1e6;
            double power = FullActivity.price(cost, a).powerMw().get(ComponentKind.INDEX);
            return new Unstructured(u.path("weightSparsity").asDouble(), crossbars, u.path("floatAccuracy").asDouble(), area,
                    power);
        }
    }

    static PaperResults of(ExperimentSettings settings, List<Point> points, Path out) {
        SortedMap<String, List<Double>> byMetric = new TreeMap<>();
        for (Point p : points) {
            if (!p.kind().equals("main") || p.problem() != null) {
                continue;
            }
            for (Map.Entry<String, Double> e : mainMetrics(p).entrySet()) {
                byMetric.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        SortedMap<String, Spread> main = new TreeMap<>();
        byMetric.forEach((k, v) -> main.put(k, Spread.of(v)));
        List<PowerReading> readings = powerReadings(main);
        for (Point p : points) {
            if (p.kind().equals("baseline-16") && p.problem() == null) {
                readings.addAll(wideBaselineReadings(p));
            }
        }
        readings.sort(Comparator.comparingDouble(PowerReading::log2DistanceToPaper).thenComparing(PowerReading::reading));
        return new PaperResults(FORMAT, settings, Paper.ROW, List.copyOf(points), main, List.copyOf(readings));
    }

    /** The two compute-power readings of seed 1's main model against the 16-bit baseline on its 16-bit chip. */
    private static List<PowerReading> wideBaselineReadings(Point p) {
        List<PowerReading> out = new ArrayList<>();
        Map.of("simulated average compute power, against a 16-bit baseline (seed 1)", "compute-power",
                "full-activity compute power, against a 16-bit baseline (seed 1)", "full-activity-compute-power")
                .forEach((name, key) -> {
                    Double v = p.ratios().get(key);
                    if (v != null) {
                        out.add(reading(name, v));
                    }
                });
        return out;
    }

    private static PowerReading reading(String name, double ratio) {
        return new PowerReading(name, ratio, Math.abs(Math.log(ratio / Paper.ROW.computingPowerRatio()) / Math.log(2)));
    }

    /** The metrics averaged over seeds: the accuracies, sparsities and every ratio. */
    private static SortedMap<String, Double> mainMetrics(Point p) {
        SortedMap<String, Double> m = new TreeMap<>();
        m.put("baseline-integer-accuracy", p.baselineIntegerAccuracy());
        m.put("compressed-integer-accuracy", p.compressedIntegerAccuracy());
        m.put("baseline-float-accuracy", p.baselineFloatAccuracy());
        m.put("compressed-float-accuracy", p.compressedFloatAccuracy());
        m.put("accuracy-difference-points", p.accuracyDifferencePoints());
        m.put("weight-sparsity", p.weightSparsity());
        m.put("crossbar-sparsity", p.crossbarSparsity());
        m.put("crossbars-baseline", (double) p.baseline().crossbars());
        m.put("crossbars-compressed", (double) p.compressed().crossbars());
        if (p.unstructured() != null) {
            m.put("unstructured-crossbars", (double) p.unstructured().crossbarsWithoutIndexHardware());
        }
        p.ratios().forEach((k, v) -> m.put("ratio-" + k, v));
        return m;
    }

    /** The readings of "computing power" a paper may mean, nearest to the paper's 19.8x first. */
    private static List<PowerReading> powerReadings(SortedMap<String, Spread> main) {
        Map<String, String> readings = Map.of(
                "simulated average compute power", "ratio-compute-power",
                "simulated average total power", "ratio-total-power",
                "simulated peak power", "ratio-peak-power",
                "full-activity compute power (every allocated crossbar busy)", "ratio-full-activity-compute-power",
                "full-activity total power", "ratio-full-activity-total-power",
                "compute energy per inference", "ratio-compute-energy-per-inference",
                "total energy per inference", "ratio-energy-per-inference");
        List<PowerReading> out = new ArrayList<>();
        readings.forEach((name, key) -> {
            Spread s = main.get(key);
            if (s != null) {
                out.add(reading(name, s.mean()));
            }
        });
        return out;
    }
}
