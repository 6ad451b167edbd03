package org.xbarsim.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.SimulationReport;

/**
 * The sweep's table, one row per planned point in plan order, read back from the point folders
 * (never from memory), so a resumed sweep and an uninterrupted one write the same bytes. No wall
 * times and no timestamps: only the swept values and simulated figures.
 *
 * @param axes   the labels of each axis ({@code model} first; a zip's labels together)
 * @param rows   in point order (the order of the cartesian product)
 */
public record SweepSummary(String sweep, List<String> labels, List<List<String>> axes, List<Row> rows,
                           List<SweepPlan.Skipped> skipped) {
    public static final String FORMAT = "xbarsim-sweep-summary";
    /** Version 2 (from 1): swept values keep the sweep file's types ({@code "adc.bits": 6}, not {@code "6"}). */
    public static final int VERSION = 2;
    /** The figure columns, in table order, after the point id and the swept values. */
    public static final List<String> METRICS = List.of("crossbars", "tiles-used", "area-mm2", "compute-area-mm2",
            "compute-power-mw", "total-power-mw", "energy-per-inference-nj", "latency-ns", "throughput-per-s", "accuracy",
            "bit-exact-images", "images", "baseline-crossbars", "baseline-area-mm2", "baseline-energy-per-inference-nj",
            "baseline-accuracy");

    public SweepSummary {
        labels = List.copyOf(labels);
        axes = axes.stream().map(List::copyOf).toList();
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }

    /**
     * One point's row.
     *
     * @param status  ok, failed, or missing (no finished folder: the sweep was interrupted)
     * @param metrics by {@link #METRICS} name; a figure that does not apply (no baseline, no labels) is absent
     * @param pareto  on the Pareto front among the ok points: energy per inference and total area (lower is better)
     *                against accuracy, then the bit-exact share (higher is better)
     */
    public record Row(String id, Map<String, String> values, Map<String, Object> typedValues, String status,
                      Map<String, Object> metrics, boolean pareto, String error) {
    }

    /** A row as {@code summary.json} writes it: the swept values with their types. */
    record PointJson(String id, Map<String, Object> values, String status, Map<String, Object> metrics, boolean pareto,
                     String error) {
    }

    /** A skipped point as {@code summary.json} writes it. */
    record SkippedJson(String id, Map<String, Object> values, String reason) {
    }

    /** Reads every planned point's folder under {@code out}. */
    static SweepSummary read(SweepPlan plan, SweepOutput out) {
        List<Row> rows = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            rows.add(row(p, out.pointDir(p.id()), out.state(p)));
        }
        rows = markPareto(rows);
        List<List<String>> axes = new ArrayList<>();
        axes.add(List.of(SweepFile.MODEL_LABEL));
        plan.sweep().axes().forEach(a -> axes.add(a.columns().stream().map(SweepFile.Column::label).toList()));
        return new SweepSummary(plan.sweep().name(), plan.labels(), axes, rows, plan.skipped());
    }

    private static Row row(SweepPoint p, Path dir, SweepOutput.State state) {
        if (state == SweepOutput.State.NOT_RUN) {
            return new Row(p.id(), p.values(), p.typedValues(), "missing", Map.of(), false, null);
        }
        if (state == SweepOutput.State.FAILED) {
            return new Row(p.id(), p.values(), p.typedValues(), "failed", Map.of(), false,
                    // one line per row: a multi-line message (a headline ending in ':', then mapping problems
                    // by layer) joined as "headline: problem; problem"
                    ReportJson.readTree(dir.resolve(SweepOutput.POINT)).path("error").asText("").strip()
                            .replaceAll(":\\s*\\R\\s*", ": ").replaceAll("\\s*\\R\\s*", "; "));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        boolean compare = Files.isRegularFile(dir.resolve("compressed/report.json"));
        SimulationReport r = ReportJson.readReport(dir.resolve(compare ? "compressed/report.json" : "report.json"));
        m.put("crossbars", r.chip().crossbarsAllocated());
        m.put("tiles-used", r.chip().tilesUsed());
        m.put("area-mm2", ReportJson.round(r.area().totalMm2()));
        m.put("compute-area-mm2", ReportJson.round(r.area().computeMm2()));
        m.put("compute-power-mw", ReportJson.round(r.power().computeAverageMw()));
        m.put("total-power-mw", ReportJson.round(r.power().totalAverageMw()));
        m.put("energy-per-inference-nj", ReportJson.round(r.energy().perInferenceNj()));
        m.put("latency-ns", ReportJson.round(r.latency().ns()));
        m.put("throughput-per-s", ReportJson.round(r.throughput().imagesPerSecond()));
        if (r.accuracy().top1() != null) {
            m.put("accuracy", ReportJson.round(r.accuracy().top1()));
        }
        m.put("bit-exact-images", r.bitExactness().matching());
        m.put("images", r.bitExactness().imagesCompared());
        if (compare) {
            SimulationReport b = ReportJson.readReport(dir.resolve("baseline/report.json"));
            m.put("baseline-crossbars", b.chip().crossbarsAllocated());
            m.put("baseline-area-mm2", ReportJson.round(b.area().totalMm2()));
            m.put("baseline-energy-per-inference-nj", ReportJson.round(b.energy().perInferenceNj()));
            if (b.accuracy().top1() != null) {
                m.put("baseline-accuracy", ReportJson.round(b.accuracy().top1()));
            }
        }
        return new Row(p.id(), p.values(), p.typedValues(), "ok", m, false, null);
    }

    /**
     * Marks the ok rows no other ok row dominates: as low or lower energy per inference and area, as
     * high or higher fidelity, and better in at least one. Fidelity is the accuracy when both rows have
     * one (labelled images), then the share of bit-exact images (which also breaks ties of accuracy,
     * common on the few images a sweep simulates): a cheap point that gets every image wrong no longer
     * pushes the accurate ones off the front.
     */
    static List<Row> markPareto(List<Row> rows) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            boolean front = r.status().equals("ok");
            for (Row o : rows) {
                if (!front) {
                    break;
                }
                if (o != r && o.status().equals("ok") && dominates(o, r)) {
                    front = false;
                }
            }
            out.add(new Row(r.id(), r.values(), r.typedValues(), r.status(), r.metrics(), front, r.error()));
        }
        return out;
    }

    private static boolean dominates(Row o, Row r) {
        double e1 = number(r, "energy-per-inference-nj");
        double a1 = number(r, "area-mm2");
        double e2 = number(o, "energy-per-inference-nj");
        double a2 = number(o, "area-mm2");
        int f = compareFidelity(o, r);
        return e2 <= e1 && a2 <= a1 && f >= 0 && (e2 < e1 || a2 < a1 || f > 0);
    }

    /** Above 0 when {@code o} is the more faithful: accuracy first when both have one, then the bit-exact share. */
    private static int compareFidelity(Row o, Row r) {
        if (o.metrics().containsKey("accuracy") && r.metrics().containsKey("accuracy")) {
            int c = Double.compare(number(o, "accuracy"), number(r, "accuracy"));
            if (c != 0) {
                return c;
            }
        }
        return Double.compare(bitExactShare(o), bitExactShare(r));
    }

    private static double bitExactShare(Row r) {
        double images = number(r, "images");
        return images > 0 ? number(r, "bit-exact-images") / images : 0;
    }

    private static double number(Row r, String metric) {
        return ((Number) r.metrics().get(metric)).doubleValue();
    }

    /** Points that did not finish (failed or missing). */
    public long unfinished() {
        return rows.stream().filter(r -> !r.status().equals("ok")).count();
    }

    /** The table's column names around the swept values' {@code labels}: point, labels, status, the figures, pareto, error. */
    static List<String> columns(List<String> labels) {
        List<String> head = new ArrayList<>();
        head.add("point");
        head.addAll(labels);
        head.add("status");
        head.addAll(METRICS);
        head.add("pareto");
        head.add("error");
        return head;
    }

    /** The table as CSV: id, the swept values, status, the figures, pareto, error. */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        line(sb, columns(labels));
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(r.id());
            labels.forEach(l -> cells.add(r.values().getOrDefault(l, "")));
            cells.add(r.status());
            for (String m : METRICS) {
                Object v = r.metrics().get(m);
                cells.add(v == null ? "" : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString());
            }
            cells.add(Boolean.toString(r.pareto()));
            cells.add(r.error() == null ? "" : r.error());
            line(sb, cells);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                c = "\"" + c.replace("\"", "\"\"") + "\"";
            }
            sb.append(i == 0 ? "" : ",").append(c);
        }
        sb.append('\n');
    }

    /** The JSON form ({@code summary.json}); docs/sweeps.md describes it. */
    public Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("format", FORMAT);
        j.put("version", VERSION);
        j.put("sweep", sweep);
        j.put("labels", labels);
        j.put("axes", axes);
        j.put("metrics", METRICS);
        j.put("points", rows.stream().map(r -> new PointJson(r.id(), r.typedValues(), r.status(), r.metrics(), r.pareto(),
                r.error())).toList());
        j.put("skipped", skipped.stream().map(k -> new SkippedJson(k.id(), k.typedValues(), k.reason())).toList());
        return j;
    }
}
