package org.xbarsim.report;

/** Renders a {@link ReplayReport} as {@code replay.md}: the same figures, for people. */
public final class ReplayMarkdown {
    private ReplayMarkdown() {
    }

    public static String render(ReplayReport r) {
        StringBuilder s = new StringBuilder();
        s.append("# Replay of a request stream: ").append(r.model().name()).append(" on ").append(r.config().name())
                .append("\n\n");
        s.append("Requests: `").append(r.requestsFile().file()).append("` (SHA-256 `").append(r.requestsFile().sha256())
                .append("`, arrivals in ").append(r.requestsFile().arrivalUnit())
                .append(r.requestsFile().dataset() == null ? "" : ", images of " + r.requestsFile().dataset() + " ("
                        + r.requestsFile().split() + ")")
                .append("). Per request: `").append(r.requestsOutput()).append("`; trace: `").append(r.traceFile())
                .append("`.\n\n");
        ReplayReport.Requests q = r.requests();
        s.append("| figure | value |\n|---|---|\n");
        row(s, "requests", q.total() + " (" + q.completed() + " completed, " + q.rejected() + " rejected"
                + (r.queueLimit() == null ? ", no queue limit" : ", queue limit " + r.queueLimit()) + "; "
                + (r.inFlightLimit() == null ? "no limit on images in the chip" : "at most " + r.inFlightLimit()
                + " images in the chip") + ")");
        latency(s, "latency (arrival to last logit)", r.latency());
        latency(s, "waiting (arrival to admission)", r.waiting());
        ReplayReport.Throughput t = r.throughput();
        row(s, "offered load", num(t.offeredPerSecond()) + " requests/s (the mean arrival rate: requests - 1 over the"
                + " arrivals from cycle " + t.firstArrivalCycle() + " to " + t.lastArrivalCycle() + ")");
        row(s, "completed per second", num(t.completedPerSecond()) + " requests/s (" + r.requests().completed()
                + " completed from the first arrival to the last finish, at cycle " + t.lastFinishCycle()
                + "; report.md's throughput is the interval between completions instead)");
        row(s, "queue length", "max " + r.queue().maxLength() + ", mean " + num(r.queue().meanLength()));
        busy(s, "crossbar utilisation", r.utilisation().crossbars());
        busy(s, "ADC utilisation", r.utilisation().adcs());
        row(s, "energy", num(r.energy().perRequestNj()) + " nJ per request, " + num(r.energy().totalNj()) + " nJ in total, "
                + num(r.energy().averageMw()) + " mW on average");
        row(s, "accuracy", q.labelled() == 0 ? "n/a (no labels)"
                : num(100.0 * q.correct() / q.labelled()) + " % (" + q.correct() + " of " + q.labelled() + " labelled)");
        row(s, "bit-exact vs golden engine", q.bitExact() + " of " + q.completed() + " requests");
        s.append("\n## Queue length over time\n\n| from cycle | to cycle | max | mean |\n|---:|---:|---:|---:|\n");
        for (ReplayReport.QueueWindow w : r.queue().timeline()) {
            s.append("| ").append(w.startCycle()).append(" | ").append(w.endCycle()).append(" | ").append(w.maxLength())
                    .append(" | ").append(num(w.meanLength())).append(" |\n");
        }
        return s.toString();
    }

    private static void latency(StringBuilder s, String name, ReplayReport.Latency l) {
        row(s, name, "p50 " + l.p50Cycles() + ", p95 " + l.p95Cycles() + ", p99 " + l.p99Cycles() + ", max " + l.maxCycles()
                + " cycles (p50 " + num(l.p50Ns()) + " ns, p99 " + num(l.p99Ns()) + " ns, max " + num(l.maxNs()) + " ns)");
    }

    private static void busy(StringBuilder s, String name, ReplayReport.ComponentsBusy b) {
        row(s, name, num(100 * b.mean()) + " % mean, " + num(100 * b.max()) + " % busiest, of " + b.count());
    }

    private static void row(StringBuilder s, String k, String v) {
        s.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static String num(double v) {
        return ReportMarkdown.num(v);
    }
}
