package org.xbarsim.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.report.ComparisonHtml;

/**
 * The self-contained {@code summary.html}: energy per inference against area, accuracy as colour and
 * the Pareto front (which weighs accuracy too) ringed, any figure against any swept axis (chosen in the page), and the table.
 * Charts are Apache ECharts, inlined from the same webjar as the comparison report.
 */
final class SweepHtml {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepHtml() {
    }

    static String render(SweepSummary s) {
        long ok = s.rows().stream().filter(r -> r.status().equals("ok")).count();
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>sweep ").append(esc(s.sweep()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n<script>\n")
                .append(ComparisonHtml.echarts().replace("</script", "<\\/script")).append("\n</script>\n</head>\n<body>\n");
        h.append("<h1>Sweep ").append(esc(s.sweep())).append("</h1>\n<p class=\"sub\">").append(s.rows().size())
                .append(" points: ").append(ok).append(" ok, ").append(s.rows().size() - ok).append(" failed or missing; ")
                .append(s.skipped().size()).append(" skipped by constraints. Swept: ").append(esc(String.join(", ", s.labels())))
                .append(".</p>\n");
        h.append("<div class=\"grid\">\n<div><h2>Energy per inference against area (Pareto front ringed; colour: accuracy)</h2>\n")
                .append("<div class=\"chart\" id=\"pareto\"></div></div>\n<div><h2>A figure against a swept axis</h2>\n")
                .append("<label>figure <select id=\"metric\"></select></label> <label>against <select id=\"axis\"></select></label>\n")
                .append("<div class=\"chart\" id=\"byAxis\"></div></div>\n</div>\n");
        h.append("<h2>Every point</h2>\n").append(table(s));
        h.append("<script>\nconst DATA = ").append(data(s).replace("</", "<\\/")).append(";\n").append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String table(SweepSummary s) {
        StringBuilder t = new StringBuilder("<table>\n<tr><th>point</th>");
        s.labels().forEach(l -> t.append("<th>").append(esc(l)).append("</th>"));
        t.append("<th>status</th>");
        SweepSummary.METRICS.forEach(m -> t.append("<th>").append(esc(m)).append("</th>"));
        t.append("<th>pareto</th><th>error</th></tr>\n");
        for (SweepSummary.Row r : s.rows()) {
            t.append("<tr><td>").append(esc(r.id())).append("</td>");
            s.labels().forEach(l -> t.append("<td>").append(esc(r.values().getOrDefault(l, ""))).append("</td>"));
            t.append("<td>").append(esc(r.status())).append("</td>");
            for (String m : SweepSummary.METRICS) {
                Object v = r.metrics().get(m);
                t.append("<td>").append(v == null ? "" : esc(v instanceof BigDecimal d ? d.toPlainString() : v.toString())).append("</td>");
            }
            t.append("<td>").append(r.pareto() ? "yes" : "").append("</td><td>").append(r.error() == null ? "" : esc(r.error()))
                    .append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String data(SweepSummary s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("labels", s.labels());
        d.put("axes", s.axes());
        d.put("metrics", SweepSummary.METRICS);
        d.put("rows", s.rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>(); // ordered: the page is the same bytes on every run
            row.put("id", r.id());
            row.put("values", r.values());
            row.put("status", r.status());
            row.put("m", r.metrics());
            row.put("pareto", r.pareto());
            return row;
        }).toList());
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String esc(String s) {
        return ComparisonHtml.esc(s);
    }

    private static final String CSS = """
            body { font-family: sans-serif; margin: 24px; color: #222; max-width: 1400px; }
            h1 { margin-bottom: 4px; } .sub { color: #555; margin-top: 0; }
            .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 24px; }
            h2 { font-size: 17px; margin: 12px 0 4px 0; }
            .chart { width: 100%; height: 420px; }
            table { border-collapse: collapse; font-size: 12px; }
            td, th { border: 1px solid #ddd; padding: 2px 6px; } td:not(:first-child) { text-align: right; }
            """;

    private static final String SCRIPT = """
            const ok = DATA.rows.filter(r => r.status === 'ok');
            const label = r => r.id + ' (' + DATA.labels.map(l => l + '=' + r.values[l]).join(', ') + ')';
            const acc = ok.map(r => r.m.accuracy).filter(a => a !== undefined);
            const front = ok.filter(r => r.pareto).sort((a, b) => a.m['area-mm2'] - b.m['area-mm2']);
            const pareto = echarts.init(document.getElementById('pareto'));
            pareto.setOption({
              tooltip: { formatter: p => p.data.tip },
              grid: { left: 70, right: 90 },
              xAxis: { type: 'value', name: 'area (mm\\u00b2)', nameLocation: 'middle', nameGap: 28, scale: true },
              yAxis: { type: 'value', name: 'energy / inference (nJ)', scale: true },
              visualMap: acc.length ? { dimension: 2, min: Math.min(...acc), max: Math.max(...acc), right: 0, top: 'middle',
                text: ['accuracy', ''], calculable: true, seriesIndex: 0, inRange: { color: ['#d94e5d', '#eac736', '#50a3ba'] } } : undefined,
              series: [
                { type: 'scatter', symbolSize: 11, data: ok.map(r => ({ value: [r.m['area-mm2'], r.m['energy-per-inference-nj'],
                    r.m.accuracy === undefined ? 0 : r.m.accuracy], tip: label(r) + '<br>accuracy ' + (r.m.accuracy ?? 'n/a')
                    + (r.pareto ? '<br><b>on the Pareto front</b>' : '') })) },
                // the front weighs accuracy too, so it need not be a staircase in this plane: ringed, not joined
                { type: 'scatter', name: 'Pareto front', data: front.map(r => ({ value: [r.m['area-mm2'], r.m['energy-per-inference-nj']],
                    tip: label(r) + '<br><b>on the Pareto front</b>' })), symbol: 'circle', symbolSize: 20,
                    itemStyle: { color: 'transparent', borderColor: '#333', borderWidth: 2 } }
              ]
            });
            const metric = document.getElementById('metric');
            const axis = document.getElementById('axis');
            DATA.metrics.forEach(m => metric.add(new Option(m, m, m === 'energy-per-inference-nj', m === 'energy-per-inference-nj')));
            // first shown: the first axis whose value changes (the model list often has one entry)
            const varying = DATA.labels.find(l => new Set(DATA.rows.map(r => r.values[l])).size > 1) || DATA.labels[0];
            DATA.labels.forEach(l => axis.add(new Option(l, l, l === varying, l === varying)));
            const byAxis = echarts.init(document.getElementById('byAxis'));
            function drawByAxis() {
              const m = metric.value, a = axis.value;
              const cats = [...new Set(DATA.rows.map(r => r.values[a]))];
              const groups = {};
              ok.filter(r => r.m[m] !== undefined).forEach(r => {
                // one line per combination of the other axes (labels zipped with the chosen one move with it)
                const mine = DATA.axes.find(x => x.includes(a)) || [a];
                const g = DATA.labels.filter(l => !mine.includes(l)).map(l => l + '=' + r.values[l]).join(', ') || 'all';
                (groups[g] = groups[g] || []).push({ value: [r.values[a], r.m[m]], tip: label(r) + '<br>' + m + ' ' + r.m[m] });
              });
              byAxis.setOption({
                tooltip: { formatter: p => p.data.tip },
                legend: { type: 'scroll', bottom: 0 },
                grid: { left: 70, bottom: 60 },
                xAxis: { type: 'category', data: cats, name: a, nameLocation: 'middle', nameGap: 28 },
                yAxis: { type: 'value', name: m, scale: true },
                series: Object.keys(groups).map(g => ({ type: 'line', name: g, data: groups[g], symbolSize: 8 }))
              }, true);
            }
            metric.onchange = drawByAxis;
            axis.onchange = drawByAxis;
            drawByAxis();
            window.onresize = () => { pareto.resize(); byAxis.resize(); };
            """;

}
