package org.xbarsim.report;

import java.util.List;

/**
 * {@code replay.json}: what a replayed request stream did (docs/replay.md). Cycles are the chip's;
 * nanoseconds and per-second figures come from its clock.
 */
public record ReplayReport(String format, int version, SimulationReport.ModelIdentity model, SimulationReport.ConfigIdentity config,
        RequestsFile requestsFile, Integer queueLimit, Integer inFlightLimit, Requests requests, Latency latency, Latency waiting, Throughput throughput,
        Queue queue, Utilisation utilisation, Energy energy, String requestsOutput, String traceFile) {
    public static final String FORMAT = "xbarsim-replay";
    public static final int VERSION = 1;

    public static ReplayReport of(SimulationReport.ModelIdentity model, SimulationReport.ConfigIdentity config, RequestsFile file,
            Integer queueLimit, Integer inFlightLimit, Requests requests, Latency latency, Latency waiting, Throughput throughput,
            Queue queue, Utilisation utilisation, Energy energy, String requestsOutput, String traceFile) {
        return new ReplayReport(FORMAT, VERSION, model, config, file, queueLimit, inFlightLimit, requests, latency, waiting, throughput, queue,
                utilisation, energy, requestsOutput, traceFile);
    }

    /** The request trace replayed: its file name, SHA-256, arrival unit and data set (null when inline pixels only). */
    public record RequestsFile(String file, String sha256, String arrivalUnit, String dataset, String split) {}

    /**
     * @param total     requests in the trace
     * @param completed requests that ran to their last logit
     * @param rejected  requests refused at a full queue (only with a queue limit)
     * @param correct   completed requests with a known label whose prediction matched it
     * @param labelled  completed requests with a known label
     * @param bitExact  completed requests whose logits equal the golden integer engine's
     */
    public record Requests(long total, long completed, long rejected, long labelled, long correct, long bitExact) {}

    /** Percentiles (nearest rank, exact) of a per-request span, over the completed requests. */
    public record Latency(long p50Cycles, long p95Cycles, long p99Cycles, long maxCycles, double meanCycles, double p50Ns,
            double p95Ns, double p99Ns, double maxNs) {}

    /**
     * @param firstArrivalCycle the first request's arrival
     * @param lastFinishCycle   the last completed request's finish
     * @param offeredPerSecond  the mean arrival rate: requests - 1 (the intervals between arrivals) over the
     *                          arrival span (first to last arrival), per second
     * @param completedPerSecond completed requests over {@code [firstArrivalCycle, lastFinishCycle]}, per second
     */
    public record Throughput(long firstArrivalCycle, long lastArrivalCycle, long lastFinishCycle, double offeredPerSecond,
            double completedPerSecond) {}

    /** The host queue (requests waiting, not yet admitted to the chip): its largest and mean length and its timeline. */
    public record Queue(int maxLength, double meanLength, List<QueueWindow> timeline) {}

    /** One stretch of the queue timeline: the largest and the mean length during {@code [startCycle, endCycle)}. */
    public record QueueWindow(long startCycle, long endCycle, long maxLength, double meanLength) {}

    /** Busy cycles over the run's span, of the allocated crossbars and of the ADCs. */
    public record Utilisation(ComponentsBusy crossbars, ComponentsBusy adcs) {}

    /** How busy a family of components was: mean and largest share of the span, over {@code count} components. */
    public record ComponentsBusy(int count, double mean, double max) {}

    /**
     * Priced through the run's cost model over the run's span (idle time leaks too).
     *
     * @param totalNj      dynamic plus static energy of the whole stream
     * @param perRequestNj total over completed requests
     * @param averageMw    total over the span
     */
    public record Energy(double totalNj, double perRequestNj, double averageMw) {}
}
