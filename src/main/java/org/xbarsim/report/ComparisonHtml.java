package org.xbarsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code report.html} of a comparison: one self-contained page (no network needed) with the
 * headline ratios, bar charts of area, power and energy by component, crossbars and energy by
 * layer, power over time, and a table of every figure of both reports. The charts are Apache
 * ECharts, read from the {@code org.webjars.npm:echarts} jar on the class path and inlined.
 */
public final class ComparisonHtml {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The headline cards: ratio key, what a ratio of at least 1 says, and what the inverse of a smaller one says. */
    private static final List<String[]> HEADLINES = List.of(
            new String[] {"compute-power", "less compute power", "more compute power"},
            new String[] {"compute-area", "less compute area", "more compute area"},
            new String[] {"total-area", "less total area", "more total area"},
            new String[] {"energy-per-inference", "less energy per inference", "more energy per inference"},
            new String[] {"crossbars", "fewer crossbars", "more crossbars"},
            new String[] {"latency", "shorter latency", "longer latency"});

    private ComparisonHtml() {
    }

    public static String render(ComparisonReport r) {
        SimulationReport c = r.compressed();
        SimulationReport b = r.baseline();
        StringBuilder s = new StringBuilder(1 << 20);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(c.model().name() + " vs " + b.model().name())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n<script>\n").append(echarts().replace("</script", "<\\/script")).append("\n</script>\n</head>\n<body>\n");
        s.append("<h1>").append(esc(c.model().name())).append(" vs ").append(esc(b.model().name())).append("</h1>\n<p class=\"sub\">")
                .append(esc(String.format(Locale.ROOT, "compressed %s vs unpruned baseline %s on chip %s (%s), %d image(s) of %s "
                        + "simulated each; ratios are baseline / compressed", c.model().file(), b.model().file(),
                        c.config().name(), Comparison.configFiles(c, b, ""), c.inputs().images(), c.inputs().dataset())))
                .append("</p>\n<div class=\"cards\">\n");
        for (String[] h : HEADLINES) {
            s.append(card(r.ratios().get(h[0]), h[1], h[2]));
        }
        ComparisonReport.AccuracyGap a = r.accuracy();
        Double points = a.testSet() != null ? Double.valueOf(a.testSet().differencePoints()) : a.simulatedDifferencePoints();
        s.append("<div class=\"card\"><div class=\"big\">").append(points == null ? "n/a" : String.format(Locale.ROOT, "%+.2f", points))
                .append("</div><div>accuracy points (").append(a.testSet() != null ? a.testSet().images() + " test images"
                        : a.simulatedImages() + " simulated images").append(")</div></div>\n</div>\n");
        s.append("<div class=\"grid\">\n");
        for (String[] chart : List.of(new String[] {"area", "Area by component (mm\u00b2)"},
                new String[] {"power", "Average power by component (mW, dynamic + static)"},
                new String[] {"energy", "Energy per inference by component (nJ, dynamic + static)"},
                new String[] {"crossbars", "Crossbars by layer"},
                new String[] {"layerEnergy", "Energy per inference by layer (nJ, the mapper's analytical estimate)"},
                new String[] {"powerTime", "Total power over time (mW)"})) {
            s.append("<div><h2>").append(esc(chart[1])).append("</h2>\n<div class=\"chart\" id=\"").append(chart[0])
                    .append("\"></div></div>\n");
        }
        s.append("</div>\n");
        s.append("<h2>Every figure</h2>\n").append(table(r)).append("<script>\nconst DATA = ")
                .append(data(r).replace("</", "<\\/")).append(";\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return s.toString();
    }

    /**
     * A headline card: "2.56x less compute power" for a ratio of 2.56, and "5.64x more compute area"
     * for one of 0.177 (the compressed model needs more: "0.18x less" would read as a gain).
     */
    static String card(Double ratio, String gain, String loss) {
        // a baseline of zero (ratio 0) has no inverse
        String big = ratio == null || ratio <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio >= 1 ? ratio : 1 / ratio);
        String says = ratio == null || ratio <= 0 || ratio >= 1 ? gain : loss;
        return "<div class=\"card\"><div class=\"big\">" + big + "</div><div>" + esc(says) + "</div></div>\n";
    }

    /** The ECharts library, to inline into a self-contained page (the sweep summary uses it too). */
    public static String echarts() {
        try (InputStream in = ComparisonHtml.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException(ECHARTS + " is not on the class path (Maven artifact org.webjars.npm:echarts 5.3.1)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart data: categories and one value per model, as JSON. */
    private static String data(ComparisonReport r) {
        SimulationReport c = r.compressed();
        SimulationReport b = r.baseline();
        ObjectNode d = JSON.createObjectNode();
        TreeSet<String> kinds = new TreeSet<>(c.area().byComponent().keySet());
        kinds.addAll(b.area().byComponent().keySet());
        bars(d.putObject("area"), kinds, k -> area(b, k), k -> area(c, k));
        TreeSet<String> energyKinds = new TreeSet<>();
        for (SimulationReport x : List.of(b, c)) {
            energyKinds.addAll(x.energy().byComponentNj().keySet());
            energyKinds.addAll(x.energy().staticByComponentOrEmpty().keySet());
        }
        bars(d.putObject("energy"), energyKinds, k -> energyNj(b, k), k -> energyNj(c, k));
        bars(d.putObject("power"), energyKinds, k -> powerMw(b, k), k -> powerMw(c, k));
        List<String> layers = new ArrayList<>();
        r.layers().forEach(l -> layers.add(l.layer()));
        ObjectNode xb = d.putObject("crossbars");
        ObjectNode le = d.putObject("layerEnergy");
        for (ObjectNode n : List.of(xb, le)) {
            ArrayNode cat = n.putArray("categories");
            layers.forEach(cat::add);
        }
        ArrayNode xbB = xb.putArray("baseline");
        ArrayNode xbC = xb.putArray("compressed");
        ArrayNode leB = le.putArray("baseline");
        ArrayNode leC = le.putArray("compressed");
        for (ComparisonReport.LayerFigures l : r.layers()) {
            xbB.add(l.baselineCrossbars());
            xbC.add(l.compressedCrossbars());
            leB.add(ReportJson.round(l.baselineEstimateNj()));
            leC.add(ReportJson.round(l.compressedEstimateNj()));
        }
        ObjectNode pt = d.putObject("powerTime");
        points(pt.putArray("baseline"), r.powerOverTime().baseline());
        points(pt.putArray("compressed"), r.powerOverTime().compressed());
        d.put("baselineName", b.model().name());
        d.put("compressedName", c.model().name());
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bars(ObjectNode n, TreeSet<String> kinds, java.util.function.ToDoubleFunction<String> base,
                             java.util.function.ToDoubleFunction<String> comp) {
        ArrayNode cat = n.putArray("categories");
        ArrayNode vb = n.putArray("baseline");
        ArrayNode vc = n.putArray("compressed");
        for (String k : kinds) {
            cat.add(k);
            vb.add(ReportJson.round(base.applyAsDouble(k)));
            vc.add(ReportJson.round(comp.applyAsDouble(k)));
        }
    }

    private static void points(ArrayNode a, List<ComparisonReport.PowerPoint> points) {
        for (ComparisonReport.PowerPoint p : points) {
            a.addArray().add(ReportJson.round(p.startUs())).add(ReportJson.round(p.mw()));
        }
    }

    private static double area(SimulationReport r, String kind) {
        SimulationReport.ComponentArea a = r.area().byComponent().get(kind);
        return a == null ? 0 : a.areaMm2();
    }

    /** A kind's energy per inference, dynamic plus static (the bars add up to the headline's energy). */
    private static double energyNj(SimulationReport r, String kind) {
        return r.energy().byComponentNj().getOrDefault(kind, 0.0) + r.energy().staticByComponentOrEmpty().getOrDefault(kind, 0.0);
    }

    /** A kind's energy over the run's duration: per-inference nJ x images / ns = W, in mW. */
    private static double powerMw(SimulationReport r, String kind) {
        double ns = r.throughput().totalCycles() / r.chip().clockGhz();
        return energyNj(r, kind) * r.inputs().images() / ns * 1e3;
    }

    /** Numbers that are not figures: their ratio means nothing (a file version, an index, a position, a raw value). */
    private static boolean notAFigure(String key) {
        return key.equals("version") || key.equals("inputs.first-index") || key.equals("power.peak-window-start-cycle")
                || key.startsWith("bit-exactness.first-mismatch.");
    }

    /** Every flattened key of both reports with the ratio where both are numbers and figures. */
    private static String table(ComparisonReport r) {
        Map<String, JsonNode> fb = ReportFlattener.flatten(r.baseline());
        Map<String, JsonNode> fc = ReportFlattener.flatten(r.compressed());
        List<String> keys = new ArrayList<>(fb.keySet());
        fc.keySet().stream().filter(k -> !fb.containsKey(k)).forEach(keys::add);
        StringBuilder s = new StringBuilder("<table>\n<tr><th>key</th><th>baseline</th><th>compressed</th><th>baseline / compressed</th></tr>\n");
        for (String k : keys) {
            JsonNode vb = fb.get(k);
            JsonNode vc = fc.get(k);
            String ratio = "";
            if (vb != null && vc != null && vb.isNumber() && vc.isNumber() && vc.asDouble() != 0 && !notAFigure(k)) {
                ratio = String.format(Locale.ROOT, "%.4g", vb.asDouble() / vc.asDouble());
            }
            s.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(text(vb))).append("</td><td>")
                    .append(esc(text(vc))).append("</td><td>").append(ratio).append("</td></tr>\n");
        }
        return s.append("</table>\n").toString();
    }

    private static String text(JsonNode n) {
        return n == null ? "" : n.isNull() ? "null" : n.isTextual() ? n.asText() : n.toString();
    }

    /** Text escaped for HTML (the sweep summary page uses it too). */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body { font-family: sans-serif; margin: 24px; color: #222; max-width: 1300px; }
            h1 { margin-bottom: 4px; } .sub { color: #555; margin-top: 0; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
            .card { border: 1px solid #ccc; border-radius: 6px; padding: 10px 16px; min-width: 150px; text-align: center; }
            .big { font-size: 28px; font-weight: bold; color: #246; }
            .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 24px; }
            h2 { font-size: 17px; margin: 12px 0 0 0; }
            .chart { width: 100%; height: 330px; }
            table { border-collapse: collapse; font-size: 12px; }
            td, th { border: 1px solid #ddd; padding: 2px 8px; } td:not(:first-child) { text-align: right; }
            """;

    private static final String SCRIPT = """
            function bars(id, d, log) {
              const chart = echarts.init(document.getElementById(id));
              chart.setOption({
                animation: false, tooltip: { trigger: 'axis' }, legend: {},
                grid: { left: 70, right: 20, bottom: 70 },
                xAxis: { type: 'category', data: d.categories, axisLabel: { rotate: 30 } },
                yAxis: { type: log ? 'log' : 'value' },
                series: [
                  { name: DATA.baselineName + ' (baseline)', type: 'bar', data: d.baseline },
                  { name: DATA.compressedName + ' (compressed)', type: 'bar', data: d.compressed }
                ]
              });
            }
            bars('area', DATA.area);
            bars('power', DATA.power);
            bars('energy', DATA.energy);
            bars('crossbars', DATA.crossbars);
            bars('layerEnergy', DATA.layerEnergy);
            const t = echarts.init(document.getElementById('powerTime'));
            t.setOption({
              animation: false, tooltip: { trigger: 'axis' }, legend: {},
              grid: { left: 70, right: 20, bottom: 50 },
              xAxis: { type: 'value', name: 'time (\\u00b5s)', nameLocation: 'middle', nameGap: 30 },
              yAxis: { type: 'value', name: 'mW' },
              series: [
                { name: DATA.baselineName + ' (baseline)', type: 'line', step: 'start', showSymbol: false, data: DATA.powerTime.baseline },
                { name: DATA.compressedName + ' (compressed)', type: 'line', step: 'start', showSymbol: false, data: DATA.powerTime.compressed }
              ]
            });
            """;
}
