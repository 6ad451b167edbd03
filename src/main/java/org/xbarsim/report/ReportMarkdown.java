package org.xbarsim.report;

import java.util.TreeSet;

/** Renders a {@link SimulationReport} as {@code report.md}: the same figures, for people. */
public final class ReportMarkdown {
    private ReportMarkdown() {
    }

    public static String render(SimulationReport r) {
        return render(r, "Images: " + r.inputs().images() + " from " + r.inputs().dataset() + " (" + r.inputs().split()
                + "), starting at index " + r.inputs().firstIndex() + ".");
    }

    /** As {@link #render(SimulationReport)}, with {@code inputs} saying what ran (a request replay's requests name their images). */
    public static String render(SimulationReport r, String inputs) {
        StringBuilder s = new StringBuilder();
        s.append("# Simulation report: ").append(r.model().name()).append(" on ").append(r.config().name()).append("\n\n");
        s.append("| input | name | file | SHA-256 |\n|---|---|---|---|\n");
        s.append("| model (").append(r.model().kind()).append(") | ").append(r.model().name()).append(" | ")
                .append(r.model().file()).append(" | `").append(r.model().sha256()).append("` |\n");
        s.append("| config | ").append(r.config().name()).append(" | ").append(r.config().file()).append(" | `")
                .append(r.config().sha256()).append("` |\n\n");
        s.append(inputs).append("\n\n");

        s.append("## Headline\n\n| figure | value |\n|---|---|\n");
        row(s, "clock", num(r.chip().clockGhz()) + " GHz");
        row(s, "crossbars allocated", r.chip().crossbarsAllocated() + " of " + r.chip().crossbarsAvailable()
                + " (tiles used " + r.chip().tilesUsed() + " of " + r.chip().tiles() + ")");
        row(s, "area, compute / total", num(r.area().computeMm2()) + " / " + num(r.area().totalMm2()) + " mm2");
        row(s, "average power, compute / total", num(r.power().computeAverageMw()) + " / "
                + num(r.power().totalAverageMw()) + " mW");
        row(s, "peak power", num(r.power().peakMw()) + " mW (window of " + r.power().windowCycles()
                + " cycles from cycle " + r.power().peakWindowStartCycle() + ")");
        row(s, "energy per inference, compute / total", num(r.energy().computePerInferenceNj()) + " / "
                + num(r.energy().perInferenceNj()) + " nJ");
        row(s, "latency, one image", r.latency().cycles() + " cycles = " + num(r.latency().ns()) + " ns");
        row(s, "throughput", num(r.throughput().imagesPerSecond()) + " images/s ("
                + num(r.throughput().cyclesBetweenImages()) + " cycles between images, " + r.throughput().images()
                + " images in " + r.throughput().totalCycles() + " cycles)");
        Double top1 = r.accuracy().top1();
        row(s, "accuracy", (top1 == null ? "n/a (no labels)" : num(100 * top1) + " %") + " ("
                + r.accuracy().correct() + " of " + r.accuracy().labelled() + " labelled)");
        SimulationReport.BitExactness b = r.bitExactness();
        row(s, "bit-exact vs golden engine", b.matching() + " of " + b.imagesCompared() + " images"
                + (b.firstMismatch() == null ? "" : "; first mismatch: image " + b.firstMismatch().image()
                + ", layer " + b.firstMismatch().layerIndex() + " (" + b.firstMismatch().layer() + "), position "
                + b.firstMismatch().position() + ": expected " + b.firstMismatch().expected() + ", got "
                + b.firstMismatch().actual()));
        row(s, "same predicted class as golden engine", b.sameClass() + " of " + b.imagesCompared() + " images");
        row(s, "simulated events / messages", r.simulation().events() + " / " + r.simulation().messages());
        row(s, "trace records", r.simulation().traceRecords() + (r.simulation().traceFile() == null ? ""
                : " (`" + r.simulation().traceFile() + "`)"));
        s.append('\n');

        s.append("## Area by component\n\n| component | count | area (mm2) |\n|---|---:|---:|\n");
        r.area().byComponent().forEach((k, a) -> s.append("| ").append(k).append(" | ").append(a.count())
                .append(" | ").append(num(a.areaMm2())).append(" |\n"));
        energyByComponent(s, r.energy());
        s.append("\n## Energy per inference by action\n\n| component/action | energy (nJ) | actions (whole run) |\n|---|---:|---:|\n");
        r.energy().byActionNj().forEach((k, e) -> s.append("| ").append(k).append(" | ").append(num(e)).append(" | ")
                .append(r.energy().actionCounts().getOrDefault(k, 0L)).append(" |\n"));
        if (!r.chip().crossbarsByLayer().isEmpty()) {
            s.append("\n## Crossbars by layer\n\n| layer | crossbars |\n|---|---:|\n");
            r.chip().crossbarsByLayer().forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        }
        if (r.buffers() != null) {
            SimulationReport.Buffers buf = r.buffers();
            s.append("\n## Input buffers\n\nCapacity ").append(buf.inputSizeBytes()).append(" B per tile; ").append(buf.inputWaits())
                    .append(" writes waited for room, ").append(buf.inputWaitCycles()).append(" cycles in all.\n\n")
                    .append("| tile | peak occupancy (B) |\n|---|---:|\n");
            buf.inputPeakBytes().forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            s.append("\n## Output buffers\n\nCapacity ").append(buf.outputSizeBytes()).append(" B per tile; ")
                    .append(buf.outputWaits()).append(" writes waited for room, ").append(buf.outputWaitCycles())
                    .append(" cycles in all.\n\n| tile | peak occupancy (B) |\n|---|---:|\n");
            buf.outputPeakBytes().forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /**
     * Dynamic energy (the actions) and static energy (leakage over the run) side by side, with a last row
     * whose total is the headline's energy per inference. A version 2 report has no static breakdown:
     * its table is the dynamic energy alone, as version 2 wrote it.
     */
    private static void energyByComponent(StringBuilder s, SimulationReport.Energy e) {
        s.append("\n## Energy per inference by component\n\n");
        if (e.staticByComponentNj() == null) {
            s.append("| component | energy (nJ) |\n|---|---:|\n");
            e.byComponentNj().forEach((k, v) -> s.append("| ").append(k).append(" | ").append(num(v)).append(" |\n"));
            return;
        }
        s.append("Dynamic: the components' actions; static: their leakage over the run's duration, per image.\n\n")
                .append("| component | dynamic (nJ) | static (nJ) | total (nJ) |\n|---|---:|---:|---:|\n");
        TreeSet<String> kinds = new TreeSet<>(e.byComponentNj().keySet());
        kinds.addAll(e.staticByComponentNj().keySet());
        double dynamic = 0;
        double leakage = 0;
        for (String k : kinds) {
            double d = e.byComponentNj().getOrDefault(k, 0.0);
            double l = e.staticByComponentNj().getOrDefault(k, 0.0);
            dynamic += d;
            leakage += l;
            s.append("| ").append(k).append(" | ").append(num(d)).append(" | ").append(num(l)).append(" | ")
                    .append(num(d + l)).append(" |\n");
        }
        s.append("| **all** | ").append(num(dynamic)).append(" | ").append(num(leakage)).append(" | ")
                .append(num(e.perInferenceNj())).append(" |\n");
    }

    /** The number as report.json writes it (same rounding). */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "n/a";
        }
        return ReportJson.round(v).toPlainString();
    }
}
