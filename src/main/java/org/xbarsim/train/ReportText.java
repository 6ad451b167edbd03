package org.xbarsim.train;

import java.util.Locale;

/** The readable summary of a {@link TrainingReport}. */
final class ReportText {
    private ReportText() {
    }

    static String render(TrainingReport r) {
        StringBuilder b = new StringBuilder();
        var g = r.geometry();
        b.append(f("xbarsim training report: %s (width %s) on %s, seed %d%n", r.arch(), r.width(), r.dataset(), r.seed()));
        b.append(f("images: %d train, %d test%n", r.trainImages(), r.testImages()));
        b.append(f("geometry: %dx%d crossbars, %d-bit cells, %d-bit weights, %s (%d logical columns per crossbar)%n",
                g.rows(), g.columns(), g.bitsPerCell(), g.weightBits(), g.encoding(), g.logicalColumnsPerCrossbar()));
        if (g.baselineWeightBits() != g.weightBits()) {
            b.append(f("baseline: %d-bit weights (its crossbars counted with %d-bit weights)%n", g.baselineWeightBits(),
                    g.baselineWeightBits()));
        }
        b.append(f("target: %s %s%s%s (%s%s)%n", r.target().kind(), r.target().value(),
                r.target().minSparsity() == null ? "" : " and sparsity " + r.target().minSparsity(),
                r.target().maxLayerSparsity() == null ? "" : ", at most " + r.target().maxLayerSparsity() + " in any layer",
                r.target().met() ? "met" : "NOT met",
                r.target().allocation() == null ? "" : "; " + r.target().allocation() + " allocation"));
        var e = r.epochs();
        b.append(f("epochs: %d pretrain, %d prune (%d zerorize steps), %d qat, %d baseline extra; batch %d; pruned from the %s"
                + " (baseline %d epochs, compressed %d)%n", e.pretrain(), e.prune(), e.zerorizeSteps(), e.qat(),
                e.baselineExtra(), e.batchSize(), e.prunedFrom() + (e.prunedFrom().equals("baseline") ? "" : " network"),
                e.pretrain() + e.baselineExtra(), e.pretrain() + e.prune() + e.qat()
                        + (e.prunedFrom().equals("baseline") ? e.baselineExtra() : 0)));
        if (r.distillation() != null) {
            b.append(f("distillation: from the float baseline while pruning and fine-tuning, alpha %s, temperature %s%n",
                    r.distillation().alpha(), r.distillation().temperature()));
        }
        if (r.augmentation() != null) {
            b.append(f("augmentation: training images randomly changed in every phase (%s)%n",
                    r.augmentation().describe()));
        }
        if (r.batchNorm() != null) {
            b.append(f("batch norm: after every hidden convolution while training in float, folded into its weights and"
                    + " bias before quantization%n"));
        }
        if (r.weightAverage() != null) {
            b.append(f("weight averaging: the compressed model is the moving average of its fine-tuned weights, decay %s%n",
                    r.weightAverage()));
        }
        b.append(f("%n"));
        b.append(f("%-11s %-28s %9s %9s %9s %9s %10s%n", "model", "file", "float", "integer", "crossbars", "sparsity",
                "mult-free"));
        row(b, "baseline", r.baseline());
        row(b, "compressed", r.compressed());
        b.append(f("%ncrossbars: %d -> %d (%.2fx fewer)%n", r.baseline().crossbars(), r.compressed().crossbars(),
                r.crossbarReduction()));
        b.append(f("integer accuracy change: %+.2f points%n",
                100 * (r.compressed().integerAccuracy() - r.baseline().integerAccuracy())));
        var s = r.groups();
        b.append(f("pruned groups: filters %d/%d, kernel groups %d/%d, crossbar blocks %d/%d%n%n", s.filtersPruned(),
                s.filters(), s.kernelGroupsPruned(), s.kernelGroups(), s.crossbarBlocksPruned(), s.crossbarBlocks()));
        b.append(f("%-10s %9s %9s %9s %9s %8s %8s %8s%n", "layer", "weights", "zeros", "xbar-base", "xbar-comp",
                "filters", "kgroups", "blocks"));
        for (var l : r.layers()) {
            b.append(f("%-10s %9d %9d %9d %9d %8s %8d %8d%n", l.name(), l.weights(), l.zeroWeights(), l.crossbarsBaseline(),
                    l.crossbarsCompressed(), l.filtersPruned() + "/" + l.filters(), l.kernelGroupsPruned(),
                    l.crossbarBlocksPruned()));
        }
        if (r.unstructured() != null) {
            var u = r.unstructured();
            b.append(f("%nunstructured magnitude pruning to %.2f%% sparsity (no fine-tuning): %d crossbars without index"
                    + " hardware, float accuracy %.2f%%%n", 100 * u.weightSparsity(), u.crossbars(), 100 * u.floatAccuracy()));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, TrainingReport.ModelSummary m) {
        b.append(f("%-11s %-28s %8.2f%% %8.2f%% %9d %8.2f%% %10s%n", name, m.file(), 100 * m.floatAccuracy(),
                100 * m.integerAccuracy(), m.crossbars(), 100 * m.weightSparsity(), m.multiplierFree() ? "yes" : "no"));
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }
}
