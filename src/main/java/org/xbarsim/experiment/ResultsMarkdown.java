package org.xbarsim.experiment;

import java.util.Locale;
import java.util.function.Function;
import org.xbarsim.experiment.PaperResults.Figures;
import org.xbarsim.experiment.PaperResults.Point;
import org.xbarsim.experiment.PaperResults.Spread;

/** {@code OUT/results.md}: the results as tables, the paper's row beside ours. */
final class ResultsMarkdown {
    private ResultsMarkdown() {
    }

    static String render(PaperResults r) {
        StringBuilder s = new StringBuilder();
        ExperimentSettings o = r.settings();
        s.append("# experiment paper: VGG-16 pruned for crossbars, against its unpruned baseline\n\n");
        s.append(String.format(Locale.ROOT, "VGG-16 at width %s on %s (%s training images, %s test images), %d + %d float "
                        + "epochs for the baseline, %d pruning (%d zerorize steps) + %d fine-tuning epochs for each compressed "
                        + "model (pruned from the baseline; %s; %s; %s; %s); chip %s, %d simulated test images per model. Ratios are "
                        + "baseline / compressed (higher = the compressed model needs less), throughput compressed / baseline.%n%n",
                trim(o.width()), o.dataset(), o.trainLimit() == 0 ? "all" : Integer.toString(o.trainLimit()),
                o.testLimit() == 0 ? "all" : Integer.toString(o.testLimit()), o.pretrainEpochs(), o.baselineExtraEpochs(),
                o.pruneEpochs(), o.zerorizeSteps(), o.qatEpochs(),
                o.maxLayerSparsity() < 1 ? "no layer above " + pct(o.maxLayerSparsity()) + " sparsity" : "no per-layer cap",
 o.batchNorm() ? "batch norm in float training, folded before quantization" : "no batch norm",
                o.distillAlpha() > 0 ? "distilled from the baseline, alpha " + trim(o.distillAlpha()) : "no distillation",
                (o.rescalePruned() ? "kept weights rescaled at zerorize steps" : "no rescaling") + ", at least "
                        + o.minKeptUnits() + " input(s) kept per column tile",
                o.chipConfig(), o.images()));
        paperTable(r, s);
        seedTable(r, s);
        pointTable(r, s);
        readings(r, s);
        unstructured(r, s);
        return s.toString();
    }

    private static void paperTable(PaperResults r, StringBuilder s) {
        PaperResults.Paper p = r.paper();
        s.append("## Beside the paper\n\n");
        s.append("| figure | paper (").append(p.network()).append(", ").append(p.dataset())
                .append(") | ours, main point, mean (min..max) over seeds |\n|---|---:|---:|\n");
        s.append("| weight sparsity | ").append(pct(p.weightSparsity())).append(" | ")
                .append(spread(r, "weight-sparsity", ResultsMarkdown::pct)).append(" |\n");
        s.append("| accuracy change, points | ").append(String.format(Locale.ROOT, "%+.2f", p.accuracyDifferencePoints()))
                .append(" | ").append(spread(r, "accuracy-difference-points", v -> String.format(Locale.ROOT, "%+.2f", v)))
                .append(" |\n");
        s.append("| crossbars, baseline / compressed | | ").append(spread(r, "ratio-crossbars", ResultsMarkdown::ratio))
                .append(" |\n");
        s.append("| computing power, baseline / compressed | ").append(ratio(p.computingPowerRatio())).append(" | ")
                .append("simulated average compute power ").append(spread(r, "ratio-compute-power", ResultsMarkdown::ratio))
                .append("; full-activity compute power ")
                .append(spread(r, "ratio-full-activity-compute-power", ResultsMarkdown::ratio)).append(" |\n");
        s.append("| area, baseline / compressed | ").append(ratio(p.areaRatio())).append(" | compute area ")
                .append(spread(r, "ratio-compute-area", ResultsMarkdown::ratio)).append("; total area ")
                .append(spread(r, "ratio-total-area", ResultsMarkdown::ratio)).append(" |\n\n");
    }

    private static void seedTable(PaperResults r, StringBuilder s) {
        s.append("## Main point, per seed\n\n");
        s.append("| seed | baseline float / int % | compressed float / int % | change, points | weight sparsity | crossbars "
                + "(training geometry) | crossbar sparsity | unstructured, same sparsity, no index hardware |\n");
        s.append("|---:|---|---|---:|---:|---|---:|---|\n");
        for (Point p : r.points()) {
            if (!p.kind().equals("main")) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "| %d | %.2f / %.2f | %.2f / %.2f | %+.2f | %s | %d -> %d | %s | %s |%n",
                    p.seed(), 100 * p.baselineFloatAccuracy(), 100 * p.baselineIntegerAccuracy(),
                    100 * p.compressedFloatAccuracy(), 100 * p.compressedIntegerAccuracy(), p.accuracyDifferencePoints(),
                    pct(p.weightSparsity()), p.trainCrossbarsBaseline(), p.trainCrossbarsCompressed(),
                    pct(p.crossbarSparsity()), p.unstructured() == null ? "" : p.unstructured().crossbarsWithoutIndexHardware()
                            + " crossbars, float " + String.format(Locale.ROOT, "%.2f %%", 100 * p.unstructured().floatAccuracy())));
        }
        s.append('\n');
    }

    private static void pointTable(PaperResults r, StringBuilder s) {
        s.append("## Every point on the chip (simulated; full activity from the cost model)\n\n");
        s.append("| point | seed | target | compressed int % (change) | crossbars, training geometry | crossbars, chip | compute power, sim. mW | total power, sim. mW "
                + "| peak power mW | full-activity compute mW | full-activity total mW | compute area mm^2 | total area mm^2 "
                + "| energy / inference nJ | latency, cycles | images/s |\n");
        s.append("|---|---:|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Point p : r.points()) {
            if (p.problem() != null) {
                s.append("| ").append(p.kind()).append(" | ").append(p.seed()).append(" | ").append(p.target())
                        .append(" | not run: ").append(p.problem().replace('|', '/')).append(" | | | | | | | | | | | | |\n");
                continue;
            }
            Figures b = p.baseline();
            Figures c = p.compressed();
            s.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f (%+.2f) | %d -> %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    p.kind(), p.seed(), p.target(), 100 * p.compressedIntegerAccuracy(), p.accuracyDifferencePoints(),
                    p.trainCrossbarsBaseline(), p.trainCrossbarsCompressed(), pair(b.crossbars(), c.crossbars(), p, "crossbars"),
                    pair(b.computePowerMw(), c.computePowerMw(), p, "compute-power"),
                    pair(b.totalPowerMw(), c.totalPowerMw(), p, "total-power"),
                    pair(b.peakPowerMw(), c.peakPowerMw(), p, "peak-power"),
                    pair(b.fullActivityComputeMw(), c.fullActivityComputeMw(), p, "full-activity-compute-power"),
                    pair(b.fullActivityTotalMw(), c.fullActivityTotalMw(), p, "full-activity-total-power"),
                    pair(b.computeAreaMm2(), c.computeAreaMm2(), p, "compute-area"),
                    pair(b.totalAreaMm2(), c.totalAreaMm2(), p, "total-area"),
                    pair(b.energyPerInferenceNj(), c.energyPerInferenceNj(), p, "energy-per-inference"),
                    pair(b.latencyCycles(), c.latencyCycles(), p, "latency"),
                    pair(b.imagesPerSecond(), c.imagesPerSecond(), p, "throughput-compressed-over-baseline")));
        }
        s.append("\nEach cell: baseline -> compressed (ratio). Every point is compared with its seed's 8-bit baseline "
                + "on the same simulated images. Training-geometry crossbars are counted by training for the point's own "
                + "weight bits (a b-bit model's baseline in that geometry); chip crossbars are the mapper's allocation on "
                + "the chip, whose weights are 8-bit for every point but bits-chip (the chip with the model's weight bits; its full activity is priced at 8 bits). "
                + "baseline-16 compares seed 1's main model with a 16-bit baseline (the same float network) simulated on the chip "
                + "with 16-bit weights, as ISAAC was built. Full activity leaves the off-chip links out.\n\n");
    }

    private static void readings(PaperResults r, StringBuilder s) {
        if (r.powerReadings().isEmpty()) {
            return;
        }
        s.append("## Which \"computing power\" matches the paper's 19.8x\n\n");
        s.append("| reading (main point, mean over seeds, unless it says otherwise) | baseline / compressed | distance to 19.8x (factor) |\n|---|---:|---:|\n");
        for (PaperResults.PowerReading p : r.powerReadings()) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %.2f |%n", p.reading(), ratio(p.ratio()),
                    Math.pow(2, p.log2DistanceToPaper())));
        }
        s.append('\n');
    }

    private static void unstructured(PaperResults r, StringBuilder s) {
        s.append("## Unstructured pruning to the same sparsity (seed 1, main point)\n\n");
        for (Point p : r.points()) {
            if (p.kind().equals("main") && p.seed() == 1 && p.unstructured() != null) {
                PaperResults.Unstructured u = p.unstructured();
                s.append(String.format(Locale.ROOT, "Magnitude pruning of the baseline to %s, without fine-tuning, frees "
                                + "%d of %d crossbars without index hardware (%d left; crossbar-aligned pruning: %d), at %.2f %% "
                                + "float accuracy. Index hardware (one index unit per crossbar, cost model) for %d crossbars "
                                + "would add %.4f mm^2 and %.2f mW at full activity. How many crossbars the unstructured model "
                                + "needs *with* index hardware is not measured: training does not export its weights.%n%n",
                        pct(u.weightSparsity()), p.trainCrossbarsBaseline() - u.crossbarsWithoutIndexHardware(),
                        p.trainCrossbarsBaseline(), u.crossbarsWithoutIndexHardware(), p.trainCrossbarsCompressed(),
                        100 * u.floatAccuracy(), u.crossbarsWithoutIndexHardware(), u.indexAreaMm2(), u.indexFullActivityMw()));
            }
        }
    }

    private static String pair(double b, double c, Point p, String key) {
        Double ratio = p.ratios().get(key);
        return num(b) + " -> " + num(c) + (ratio == null ? "" : " (" + ratio(ratio) + ")");
    }

    private static String spread(PaperResults r, String key, Function<Double, String> f) {
        Spread s = r.main().get(key);
        if (s == null) {
            return "(not measured)";
        }
        return s.n() == 1 ? f.apply(s.mean()) + " (1 seed)" : f.apply(s.mean()) + " (" + f.apply(s.min()) + ".." + f.apply(s.max())
                + ", " + s.n() + " seeds)";
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2fx", v);
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
