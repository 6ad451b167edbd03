package org.xbarsim.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.cost.Allocation;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.hw.Accelerator;
import org.xbarsim.hw.host.Host;
import org.xbarsim.hw.TraceRecorder;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.mapping.LayerMapping;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.report.FileDigests;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReplayMarkdown;
import org.xbarsim.report.ReplayReport;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.ReportMarkdown;
import org.xbarsim.report.RequestsWriter;
import org.xbarsim.report.RunInfo;
import org.xbarsim.report.SimulationReport;
import org.xbarsim.sim.Progress;
import org.xbarsim.trace.ComponentUsage;
import org.xbarsim.trace.TraceHeader;
import org.xbarsim.trace.TraceSummarizer;
import org.xbarsim.trace.TraceSummary;
import org.xbarsim.trace.TraceWriter;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * {@code replay --requests}: a request trace (docs/replay.md) streamed into the simulated chip,
 * each request brought to the host at its arrival cycle. Checks every input first (the whole
 * request file once), then simulates into a temporary output directory renamed into place at the
 * end. Requests are read one at a time and their results written as they settle, so memory does
 * not grow with the stream.
 */
public final class RequestReplay {
    /** The report's power windows: about this many over the run. */
    private static final long POWER_WINDOWS = 200;
    static final String REQUESTS_OUTPUT = "requests.jsonl";

    private final Path requests;
    private final Path model;
    private final Path config;
    private final Path out;
    private Path dataDir;
    private Path mappingFile;
    private int threads = 1;
    private boolean idealAdc;
    private Integer queueLimit;
    private Integer maxInFlight;
    private ProgressOutput.Style progress = ProgressOutput.Style.OFF;
    private boolean force;
    private List<String> commandLine = List.of();

    /** What the caller needs to know afterwards. */
    public record Summary(long requests, long completed, long rejected, long bitExact, boolean bitExactExpected, double wallSeconds) {}

    public RequestReplay(Path requests, Path model, Path config, Path out) {
        this.requests = requests;
        this.model = model;
        this.config = config;
        this.out = out;
    }

    /** Wire the chip from this mapping file ({@code map --out}) instead of mapping the model; null: map it. */
    public RequestReplay mapping(Path mappingFile) {
        this.mappingFile = mappingFile;
        return this;
    }

    /** Folder of the data set the trace's header names (default: the data set's own). */
    public RequestReplay dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    /** Dispatcher threads; results do not depend on them. */
    public RequestReplay threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be at least 1");
        }
        this.threads = threads;
        return this;
    }

    /** Convert every column sum exactly, whatever the ADC bits. */
    public RequestReplay idealAdc(boolean idealAdc) {
        this.idealAdc = idealAdc;
        return this;
    }

    /** At most this many requests wait at the host; one arriving to a full queue is rejected (null: no limit). */
    public RequestReplay queueLimit(Integer queueLimit) {
        if (queueLimit != null && queueLimit < 0) {
            throw new UserInputException("--queue-limit = " + queueLimit + ": must be >= 0");
        }
        this.queueLimit = queueLimit;
        return this;
    }

    /**
     * At most this many images in the chip at once; 0: no limit, only the first layer paces admission
     * (as in simulate); null (the default): one per weighted layer, a full layer pipeline.
     */
    public RequestReplay maxInFlight(Integer maxInFlight) {
        if (maxInFlight != null && maxInFlight < 0) {
            throw new UserInputException("--in-flight = " + maxInFlight + ": must be >= 0 (0: no limit)");
        }
        this.maxInFlight = maxInFlight;
        return this;
    }

    public RequestReplay progress(ProgressOutput.Style progress) {
        this.progress = progress;
        return this;
    }

    public RequestReplay force(boolean force) {
        this.force = force;
        return this;
    }

    public RequestReplay commandLine(List<String> commandLine) {
        this.commandLine = List.copyOf(commandLine);
        return this;
    }

    /**
     * Runs the replay and makes the output directory appear whole; prints its summary (latencies,
     * bit-exactness, the files written) to {@code results}, and progress and warnings to {@code err}.
     *
     * @throws UserInputException for an input that cannot be read, mapped or replayed
     */
    public Summary run(PrintWriter results, PrintWriter err) {
        OutputDirectory.checkTarget(out, force);
        MappedChip mapped = MappedChip.load(model, config, mappingFile, null, null, err);
        IntModel m = mapped.model();
        ChipConfig cfg = mapped.config();
        cfg.printCostWarnings(err); // priced with them, as validate and cost say
        Chip chip = mapped.chip();
        Mapping mapping = mapped.mapping();
        Accelerator acc = mapped.accelerator();
        RequestTrace.Header header = RequestTrace.header(requests);
        ImageSet set = dataSet(header, m);
        int inputSize = m.input().shape().size();
        RequestTrace.Summary checked = RequestTrace.check(requests, chip.clockGhz(), inputSize, set);
        boolean exactExpected = idealAdc || chip.tile().adc().bits() >= chip.tile().idealAdcBits();

        try (OutputDirectory dir = OutputDirectory.prepare(out, force);
             RequestTrace reader = RequestTrace.open(requests, chip.clockGhz(), inputSize, set);
             RequestsWriter requestsOut = RequestsWriter.create(dir.resolve(REQUESTS_OUTPUT));
             ExactPercentiles latency = new ExactPercentiles(dir.resolve(".latency.scratch"));
             ExactPercentiles waiting = new ExactPercentiles(dir.resolve(".waiting.scratch"))) {
            String traceName = "trace.xbt";
            Path tracePath = dir.resolve(traceName);
            long window = Accelerator.windowCycles(chip);
            TraceHeader.Builder th = TraceHeader.builder(m.name(), chip.name(), chip.clockGhz()).windowCycles(window)
                    .layers(TraceRecorder.layerNames(m))
                    .attribute("images", Long.toString(checked.requests()))
                    .attribute("ideal-adc", Boolean.toString(idealAdc))
                    .attribute("model-sha256", FileDigests.sha256(model))
                    .attribute("config-sha256", FileDigests.sha256(config))
                    .attribute("requests-sha256", FileDigests.sha256(requests));
            Outcomes outcomes = new Outcomes(m, set, requestsOut, latency, waiting,
                    new QueueTimeline(Math.max(window, checked.lastArrivalCycle() / QueueTimeline.BUCKETS + 1)));
            Host.Requests source = () -> {
                RequestTrace.Line l = reader.next();
                return l == null ? null : new StreamedRequest(l, m, set);
            };
            TraceRecorder[] recorder = new TraceRecorder[1];
            Instant started = Instant.now();
            long t0 = System.nanoTime();
            ProgressOutput display = new ProgressOutput(err, progress);
            Progress shown = progress == ProgressOutput.Style.OFF ? Progress.NONE
                    : (start, events, windows) -> {
                        if (display.due()) {
                            display.show(ProgressOutput.line("replay", outcomes.settled(), checked.requests(), "requests",
                                    (System.nanoTime() - t0) / 1e9) + ", cycle " + start, false);
                        }
                    };
            int inFlight = maxInFlight == null ? acc.plans().size() : maxInFlight == 0 ? Integer.MAX_VALUE : maxInFlight;
            Accelerator.StreamResult r;
            try {
                r = acc.run(source, queueLimit == null ? Integer.MAX_VALUE : queueLimit,
                        inFlight, outcomes,
                        new Accelerator.Options(idealAdc, threads),
                        comps -> recorder[0] = TraceRecorder.create(comps, th, h -> TraceWriter.create(tracePath, h,
                                TraceWriter.Options.DEFAULT)), shown);
                recorder[0].close();
            } catch (RuntimeException e) {
                display.clear(); // the message starts on a line of its own
                if (recorder[0] != null) {
                    recorder[0].abort();
                }
                if (org.xbarsim.hw.buffer.InputBufferFullException.in(e) != null) {
                    throw new UserInputException(config + ": " + org.xbarsim.hw.buffer.InputBufferFullException.in(e).getMessage(), e);
                }
                throw e;
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            display.clear();
            if (outcomes.settled() != checked.requests()) {
                throw new IllegalStateException(outcomes.settled() + " of " + checked.requests()
                        + " requests settled: the simulation ran out of events");
            }
            if (outcomes.completed == 0) {
                throw new UserInputException(requests + ": every request was rejected (--queue-limit " + queueLimit
                        + "): nothing ran");
            }
            long first = checked.firstArrivalCycle();
            long span = Math.max(1, outcomes.lastFinish - first);
            outcomes.queue.advance(outcomes.lastFinish);
            long powerWindow = Math.max(window, (span + POWER_WINDOWS - 1) / POWER_WINDOWS);
            TraceSummary ts = TraceSummarizer.summarize(tracePath, powerWindow);
            Allocation alloc = Allocation.of(chip, mapping.tilesUsed().size(), mapping.allocatedCrossbars(), !m.isMultiplierFree(),
                    false);
            int completed = Math.toIntExact(outcomes.completed);
            RunCosts costs = RunCosts.of(cfg.costModel(), alloc, r.counts(), span, completed, ts, powerWindow);

            var modelId = new SimulationReport.ModelIdentity(m.name(), m.metadata() == null ? null : m.metadata().kind(),
                    model.getFileName().toString(), FileDigests.sha256(model));
            var configId = new SimulationReport.ConfigIdentity(chip.name(), config.getFileName().toString(),
                    FileDigests.sha256(config));
            ReplayReport replay = replayReport(chip, header, checked, outcomes, latency, waiting, ts, costs, span, modelId,
                    configId, traceName, inFlight == Integer.MAX_VALUE ? null : inFlight);
            SimulationReport report = simulationReport(m, chip, mapping, header, outcomes, r, costs, span, ts, modelId, configId,
                    traceName);
            latency.close();
            waiting.close();
            ReportJson.write(dir.resolve("replay.json"), replay);
            AtomicFiles.writeString(dir.resolve("replay.md"), ReplayMarkdown.render(replay));
            ReportJson.write(dir.resolve("report.json"), report);
            AtomicFiles.writeString(dir.resolve("report.md"), ReportMarkdown.render(report, "Requests: " + checked.requests()
                    + " of " + requests.getFileName() + ", each naming its input"
                    + (header.dataset() == null ? "" : " (images of " + header.dataset() + ", " + header.split() + ")")
                    + "; the replay's own figures (latency percentiles, queue, offered load) are in replay.md."));
            ReportJson.write(dir.resolve("run-info.json"), RunInfo.capture(started, wall, threads, r.outcome().events(),
                    commandLine));
            requestsOut.close();
            dir.commit();

            // the time on err, with the progress (--quiet leaves it out): the summary is the same bytes run
            // after run (run-info.json keeps the times)
            if (progress != ProgressOutput.Style.OFF) {
                err.printf(Locale.ROOT, "replay: %d events in %.2f s (%.0f requests/s simulated)%n", r.outcome().events(),
                        wall, checked.requests() / Math.max(wall, 1e-9));
            }
            err.flush(); // the progress line ends before the summary starts
            results.printf(Locale.ROOT, "replayed %d request(s) of %s on %s: %d completed, %d rejected; latency p50 %d, p99 %d, "
                    + "max %d cycles; %d events%n", checked.requests(),
                    requests.getFileName(), chip.name(), outcomes.completed, outcomes.rejected, replay.latency().p50Cycles(),
                    replay.latency().p99Cycles(), replay.latency().maxCycles(), r.outcome().events());
            results.printf(Locale.ROOT, "bit-exact vs golden engine: %d of %d requests%s%n", outcomes.bitExact, outcomes.completed,
                    exactExpected ? "" : " (ADC of " + chip.tile().adc().bits() + " bits < " + chip.tile().idealAdcBits()
                            + " needed: differences are expected; use --ideal-adc for a bit-exact run)");
            results.println("wrote " + out + "/{replay.json, replay.md, " + REQUESTS_OUTPUT + ", report.json, report.md, run-info.json, "
                    + traceName + "}");
            results.flush();
            return new Summary(checked.requests(), outcomes.completed, outcomes.rejected, outcomes.bitExact, exactExpected, wall);
        }
    }

    private ImageSet dataSet(RequestTrace.Header header, IntModel m) {
        if (header.dataset() == null) {
            if (dataDir != null) {
                throw new UserInputException("--data-dir " + dataDir + ": " + requests + " names no data set in its header "
                        + "(its requests carry their pixels)");
            }
            return null;
        }
        String name;
        try {
            name = DataSets.checkName(header.dataset());
        } catch (UserInputException e) {
            throw new UserInputException(requests + ":1: dataset = \"" + header.dataset() + "\": " + e.getMessage());
        }
        ImageSet set = DataSets.load(name, dataDir, Split.valueOf(header.split().toUpperCase(Locale.ROOT)));
        if (!set.shape().equals(m.input().shape())) {
            throw new UserInputException(requests + ":1: data set " + name + " has images of " + set.shape() + ", model " + model
                    + " expects " + m.input().shape());
        }
        return set;
    }

    private ReplayReport replayReport(Chip chip, RequestTrace.Header header, RequestTrace.Summary checked, Outcomes o,
            ExactPercentiles latency, ExactPercentiles waiting, TraceSummary ts, RunCosts costs, long span,
            SimulationReport.ModelIdentity modelId, SimulationReport.ConfigIdentity configId, String traceName,
            Integer inFlight) {
        double seconds = chip.nanoseconds(span) / 1e9;
        long arrivals = checked.lastArrivalCycle() - checked.firstArrivalCycle();
        var throughput = new ReplayReport.Throughput(checked.firstArrivalCycle(), checked.lastArrivalCycle(), o.lastFinish,
                arrivals > 0 ? (checked.requests() - 1) / (chip.nanoseconds(arrivals) / 1e9) : 0, o.completed / seconds);
        var queue = new ReplayReport.Queue(o.queue.maxLength(), o.queue.meanLength(o.lastFinish), o.queue.windows(o.lastFinish));
        var utilisation = new ReplayReport.Utilisation(busy(ts, ComponentKind.CROSSBAR, span), busy(ts, ComponentKind.ADC, span));
        double totalNj = costs.energy().totalNj();
        var energy = new ReplayReport.Energy(totalNj, totalNj / o.completed, costs.power().totalAverageMw());
        var file = new ReplayReport.RequestsFile(requests.getFileName().toString(), FileDigests.sha256(requests),
                header.unit().key(), header.dataset(), header.dataset() == null ? null : header.split());
        var counts = new ReplayReport.Requests(checked.requests(), o.completed, o.rejected, o.labelled, o.correct, o.bitExact);
        return ReplayReport.of(modelId, configId, file, queueLimit, inFlight, counts, latency(chip, latency), latency(chip, waiting),
                throughput, queue, utilisation, energy, REQUESTS_OUTPUT, traceName);
    }

    private static ReplayReport.Latency latency(Chip chip, ExactPercentiles p) {
        long[] v = p.percentiles(50, 95, 99);
        return new ReplayReport.Latency(v[0], v[1], v[2], p.max(), p.mean(), chip.nanoseconds(v[0]), chip.nanoseconds(v[1]),
                chip.nanoseconds(v[2]), chip.nanoseconds(p.max()));
    }

    /** Busy share of {@code [first arrival, last finish]} of the trace components of one kind. */
    private static ReplayReport.ComponentsBusy busy(TraceSummary ts, ComponentKind kind, long span) {
        int n = 0;
        double sum = 0;
        double max = 0;
        for (ComponentUsage u : ts.components()) {
            if (u.component().kind().equals(kind.key())) {
                double share = Math.min(1, (double) u.busyCycles() / span);
                n++;
                sum += share;
                max = Math.max(max, share);
            }
        }
        return new ReplayReport.ComponentsBusy(n, n == 0 ? 0 : sum / n, max);
    }

    /** The usual run report, so that tools reading a simulate run (export-trace) read a replay too. */
    private SimulationReport simulationReport(IntModel m, Chip chip, Mapping mapping, RequestTrace.Header header, Outcomes o,
            Accelerator.StreamResult r, RunCosts costs, long span, TraceSummary ts, SimulationReport.ModelIdentity modelId,
            SimulationReport.ConfigIdentity configId, String traceName) {
        SortedMap<String, Integer> byLayer = new TreeMap<>();
        for (LayerMapping lm : mapping.layers()) {
            byLayer.put(lm.layerName(), lm.allocatedCrossbars());
        }
        var chipPart = new SimulationReport.Chip(chip.clockGhz(), chip.tiles(), mapping.tilesUsed().size(), (int) chip.crossbars(),
                (int) mapping.allocatedCrossbars(), byLayer);
        int n = Math.toIntExact(o.completed);
        var latency = new SimulationReport.Latency(o.firstLatency, chip.nanoseconds(o.firstLatency));
        double between = n > 1 ? (double) (o.lastFinish - o.firstFinish) / (n - 1) : o.firstLatency;
        var tp = new SimulationReport.Throughput(n, span, between, between > 0 ? chip.clockGhz() * 1e9 / between : 0);
        var accuracy = new SimulationReport.Accuracy(n, (int) o.labelled, (int) o.correct,
                o.labelled > 0 ? o.correct / (double) o.labelled : null);
        var exact = new SimulationReport.BitExactness(n, (int) o.bitExact, (int) o.sameClass, null);
        var sim = new SimulationReport.Simulation(r.outcome().events(), r.outcome().messages(), r.outcome().lastEventCycle(),
                ts.records(), traceName);
        var inputs = new SimulationReport.Inputs(header.dataset() == null ? requests.getFileName().toString() : header.dataset(),
                header.dataset() == null ? "file" : header.split(), 0, n);
        return SimulationReport.of(modelId, configId, inputs, chipPart, costs.area(), costs.power(), costs.energy(), latency, tp,
                accuracy, exact, sim).withBuffers(BufferFigures.of(chip.tile().inputBuffer().sizeBytes(), r.inputBuffers(),
                chip.tile().outputBuffer().sizeBytes(), r.outputBuffers()));
    }

    /** A request read from the trace; its input is made (and quantized) when the host admits it. */
    private record StreamedRequest(RequestTrace.Line line, IntModel model, ImageSet set) implements Host.Request {
        @Override
        public long arrivalCycle() {
            return line.arrivalCycle();
        }

        @Override
        public int[] input() {
            return model.input().quantize(raw());
        }

        int[] raw() {
            if (line.pixels() == null) {
                return set.image(line.index());
            }
            int[] v = new int[line.pixels().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = line.pixels()[i] & 0xff;
            }
            return v;
        }

        Integer label() {
            return line.pixels() == null ? set.label(line.index()) : null;
        }
    }

    /** What became of the requests: written out as they settle, summed up for the report. */
    private static final class Outcomes implements Host.Listener {
        private final GoldenEngine golden;
        private final RequestsWriter results;
        private final ExactPercentiles latency;
        private final ExactPercentiles waiting;
        final QueueTimeline queue;
        private final java.util.concurrent.atomic.AtomicLong settled = new java.util.concurrent.atomic.AtomicLong();
        long completed;
        long rejected;
        long labelled;
        long correct;
        long bitExact;
        long sameClass;
        long firstLatency;
        long firstFinish;
        long lastFinish;

        Outcomes(IntModel m, ImageSet set, RequestsWriter results, ExactPercentiles latency, ExactPercentiles waiting,
                QueueTimeline queue) {
            this.golden = new GoldenEngine(m);
            this.results = results;
            this.latency = latency;
            this.waiting = waiting;
            this.queue = queue;
        }

        /** Requests finished or rejected so far (read by the progress display from another thread). */
        long settled() {
            return settled.get();
        }

        @Override
        public void queued(Host.Request r, long cycle, int waitingNow) {
            queue.change(cycle, waitingNow);
        }

        @Override
        public void rejected(Host.Request r, long cycle) {
            StreamedRequest s = (StreamedRequest) r;
            results.rejected(s.line().id(), cycle);
            rejected++;
            settled.incrementAndGet();
        }

        @Override
        public void admitted(Host.Request r, int image, long cycle, int waitingNow) {
            queue.change(cycle, waitingNow);
            waiting.add(cycle - r.arrivalCycle());
        }

        @Override
        public void finished(Host.Request r, int image, long start, long done, int[] logits) {
            StreamedRequest s = (StreamedRequest) r;
            int predicted = GoldenEngine.argmax(logits);
            Integer label = s.label();
            results.done(s.line().id(), r.arrivalCycle(), start, done, predicted, label, logits);
            GoldenEngine.Inference g = golden.run(s.input());
            if (java.util.Arrays.equals(g.logits().toArray(), logits)) {
                bitExact++;
            }
            if (g.predicted() == predicted) {
                sameClass++;
            }
            if (label != null) {
                labelled++;
                if (label == predicted) {
                    correct++;
                }
            }
            latency.add(done - r.arrivalCycle());
            if (completed++ == 0) {
                firstLatency = done - start;
                firstFinish = done;
            }
            lastFinish = Math.max(lastFinish, done);
            settled.incrementAndGet();
        }
    }
}
