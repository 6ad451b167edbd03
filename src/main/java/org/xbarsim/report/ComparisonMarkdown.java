package org.xbarsim.report;

import java.util.Locale;

/** {@code report.md} of a comparison: the headline table, accuracy, and per-layer figures. */
public final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    public static String render(ComparisonReport r) {
        SimulationReport c = r.compressed();
        SimulationReport b = r.baseline();
        StringBuilder s = new StringBuilder();
        s.append("# ").append(c.model().name()).append(" vs ").append(b.model().name()).append(" on ")
                .append(c.config().name()).append("\n\n");
        s.append(String.format(Locale.ROOT, "Compressed model `%s`, baseline `%s`, chip config %s, %d image(s) of %s "
                + "simulated for each. Ratios are baseline / compressed.%n%n", c.model().file(), b.model().file(),
                Comparison.configFiles(c, b, "`"), c.inputs().images(), c.inputs().dataset()));
        s.append("| metric | unit | baseline | compressed | baseline / compressed |\n|---|---|---:|---:|---:|\n");
        for (Comparison.Row row : Comparison.of(c, b).rows()) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", row.metric(), row.unit(),
                    Comparison.num(row.baseline()), Comparison.num(row.compressed()),
                    Double.isNaN(row.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.2fx", row.ratio())));
        }
        ComparisonReport.AccuracyGap a = r.accuracy();
        s.append("\n## Accuracy (top-1)\n\n| on | baseline | compressed | difference |\n|---|---:|---:|---:|\n");
        if (a.simulatedDifferencePoints() != null) {
            s.append(String.format(Locale.ROOT, "| %d simulated images | %.2f %% | %.2f %% | %+.2f points |%n",
                    a.simulatedImages(), 100 * a.simulatedBaselineTop1(), 100 * a.simulatedCompressedTop1(),
                    a.simulatedDifferencePoints()));
        }
        if (a.testSet() != null) {
            var t = a.testSet();
            s.append(String.format(Locale.ROOT, "| %d %s test images (golden engine) | %.2f %% | %.2f %% | %+.2f points |%n",
                    t.images(), t.dataset(), 100 * t.baselineTop1(), 100 * t.compressedTop1(), t.differencePoints()));
        }
        s.append(String.format(Locale.ROOT, "%nBit-exact vs golden engine (logits equal): baseline %s, compressed %s simulated"
                + " images.%s%n", Comparison.bitExact(b), Comparison.bitExact(c),
                b.bitExactness().matching() < b.bitExactness().imagesCompared()
                        || c.bitExactness().matching() < c.bitExactness().imagesCompared()
                        ? " Fewer than all is expected on a chip whose ADC has fewer bits than an ideal column sum needs (its"
                                + " sums clip, which the simulated accuracy above includes; `validate` warns of it); on any other"
                                + " chip it is a simulator error (compare warns). Each model's report.md names its first mismatch."
                        : ""));
        s.append("\n## By layer\n\nEnergy per layer is the mapper's analytical estimate (dynamic energy, no stalls); "
                + "the totals above are simulated.\n\n| layer | crossbars (baseline) | crossbars (compressed) | "
                + "estimated nJ (baseline) | estimated nJ (compressed) |\n|---|---:|---:|---:|---:|\n");
        for (ComparisonReport.LayerFigures l : r.layers()) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |%n", l.layer(), l.baselineCrossbars(),
                    l.compressedCrossbars(), Comparison.num(l.baselineEstimateNj()), Comparison.num(l.compressedEstimateNj())));
        }
        s.append("\nEach model's full simulation report: `baseline/report.md`, `compressed/report.md`.\n");
        return s.toString();
    }
}
