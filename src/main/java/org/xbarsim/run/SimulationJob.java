package org.xbarsim.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.cost.Allocation;
import org.xbarsim.cost.CostModel;
import org.xbarsim.data.Split;
import org.xbarsim.hw.Accelerator;
import org.xbarsim.hw.buffer.InputBufferFullException;
import org.xbarsim.hw.common.LayerPlan;
import org.xbarsim.hw.common.LayerProbe;
import org.xbarsim.hw.Mismatch;
import org.xbarsim.hw.TraceRecorder;
import org.xbarsim.mapping.LayerMapping;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.LayerOverflowException;
import org.xbarsim.model.IntModel;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.report.ReportMarkdown;
import org.xbarsim.report.FileDigests;
import org.xbarsim.report.ImageOutput;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.OutputsWriter;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.RunInfo;
import org.xbarsim.report.RunRecord;
import org.xbarsim.report.SimulationReport;
import org.xbarsim.sim.KernelSystem;
import org.xbarsim.sim.Progress;
import org.xbarsim.trace.TraceHeader;
import org.xbarsim.trace.TraceSummarizer;
import org.xbarsim.trace.TraceSummary;
import org.xbarsim.trace.TraceWriter;

/**
 * One {@code simulate} run: load and check every input first, then simulate into a temporary
 * output directory that is renamed into place only when everything is written.
 */
public final class SimulationJob {
    /** Layer outputs kept for diagnosis are dropped above this many ints (then only logits are compared). */
    private static final long PROBE_LIMIT_INTS = 64L << 20;
    /** The report's power windows: about this many over the run. */
    private static final long POWER_WINDOWS = 200;
    /**
     * The trace is summarized as it is written when it has at most this many records (their window
     * inputs take {@link TraceSummarizer#DEFERRED_BYTES_PER_RECORD} bytes each, 112 MiB at most until the
     * power window is known), else read back afterwards.
     */
    static final long SUMMARY_RECORDS = 1L << 22;

    private final Path model;
    private final Path config;
    private final Path out;
    private Path shownAs;
    private ImageInputs.Source source = ImageInputs.Source.dataSet("fashion-mnist", null, Split.TEST, 0, 1);
    private int threads = 1;
    private boolean idealAdc;
    private boolean traceGzip;
    private ProgressOutput.Style progress = ProgressOutput.Style.OFF;
    private boolean force;
    private List<String> commandLine = List.of();
    private String replicate;
    private Long replicateBudget;
    private Path mappingFile;
    private boolean jvmStartPhase;
    private boolean actorsLeftToExit;
    /** SHA-256 of the model and config files, read once per run for the trace, the report and run.json. */
    private String modelSha256;
    private String configSha256;
    /** Where run.json says the config is, when the job reads it from a folder renamed later; null: {@code config}. */
    private Path configRecordedAs;
    private boolean costWarnings = true;

    /** What the caller needs to know afterwards. */
    public record Summary(int compared, int matching, boolean bitExactExpected, Mismatch firstMismatch, long events, double wallSeconds) {}

    /** A job that simulates {@code model} on the chip of {@code config} into the directory {@code out}. */
    public SimulationJob(Path model, Path config, Path out) {
        this.model = model;
        this.config = config;
        this.out = out;
    }

    /** Where the images come from (default: the first Fashion-MNIST test image). */
    public SimulationJob images(ImageInputs.Source source) {
        this.source = source;
        return this;
    }

    /** Dispatcher threads; results do not depend on them. */
    public SimulationJob threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be at least 1");
        }
        this.threads = threads;
        return this;
    }

    /**
     * Weight duplication ({@code --replicate}, {@code --replicate-budget}); null keeps the config's
     * {@code mapping.*} key.
     */
    public SimulationJob replicate(String replicate, Long budget) {
        this.replicate = replicate;
        this.replicateBudget = budget;
        return this;
    }

    /** Wire the chip from this mapping file ({@code map --out}) instead of mapping the model; null: map it. */
    public SimulationJob mapping(Path mappingFile) {
        this.mappingFile = mappingFile;
        return this;
    }

    /** Convert every column sum exactly, whatever the ADC bits. */
    public SimulationJob idealAdc(boolean idealAdc) {
        this.idealAdc = idealAdc;
        return this;
    }

    /** Write {@code trace.xbt.gz} rather than {@code trace.xbt}. */
    public SimulationJob traceGzip(boolean traceGzip) {
        this.traceGzip = traceGzip;
        return this;
    }

    /** How to show progress on the error stream (default: not at all). */
    public SimulationJob progress(ProgressOutput.Style progress) {
        this.progress = progress;
        return this;
    }

    /**
     * The folder to name in messages when {@code out} is inside another job's temporary folder (a comparison's),
     * which becomes {@code shownAs} once that job commits; default: {@code out}.
     */
    public SimulationJob shownAs(Path shownAs) {
        this.shownAs = shownAs;
        return this;
    }

    /**
     * The path run.json records for the chip config, when the job reads it from a caller's temporary
     * folder that becomes {@code finalPath} once committed (an experiment step's own config), so that
     * {@code replay --verify} finds it.
     */
    public SimulationJob configRecordedAs(Path finalPath) {
        this.configRecordedAs = finalPath;
        return this;
    }

    /**
     * Print the config's warnings about its cost figures (the default): every command that prices a run
     * shows them once (compare's second simulation on the same config does not repeat them).
     */
    public SimulationJob costWarnings(boolean show) {
        this.costWarnings = show;
        return this;
    }

    /** Replace the output directory when an earlier xbarsim run made it (the user's {@code --force}). */
    public SimulationJob force(boolean force) {
        this.force = force;
        return this;
    }

    /**
     * Record in {@code run-info.json} a first phase from the JVM's start to this job's (for a command
     * that runs one job in its own JVM).
     */
    public SimulationJob jvmStartPhase() {
        this.jvmStartPhase = true;
        return this;
    }

    /**
     * The JVM ends with the command this job belongs to and runs no other simulation (the
     * {@code simulate} command run by {@code Main.main}): the simulation's actors are left to its exit
     * rather than stopped one by one ({@link KernelSystem#startLeftToExit}). Never for a job in a JVM
     * that goes on (tests, compare, sweeps), which would keep every such job's actors until it ends.
     */
    public SimulationJob leaveActorsToJvmExit() {
        this.actorsLeftToExit = true;
        return this;
    }

    /** The command line, recorded in {@code run-info.json}. */
    public SimulationJob commandLine(List<String> commandLine) {
        this.commandLine = List.copyOf(commandLine);
        return this;
    }

    /**
     * {@link #run(PrintWriter, PrintWriter)} with the summary on {@code err} too: for a simulation that
     * is one step of a larger job (compare, a sweep point, a re-run), whose own result is elsewhere.
     */
    public Summary run(PrintWriter err) {
        return run(err, err);
    }

    /**
     * Runs the job: checks every input, simulates, compares with the golden engine and makes the output
     * directory appear whole. Prints the summary of the run (cycles, bit-exactness, accuracy, the files
     * written) to {@code results}, and progress and warnings to {@code err}.
     *
     * @throws UserInputException for an input that cannot be read, mapped or simulated
     */
    public Summary run(PrintWriter results, PrintWriter err) {
        PhaseClock phases = new PhaseClock();
        if (jvmStartPhase) {
            phases.sinceJvmStart("start-jvm-and-command-line");
        }
        OutputDirectory.checkTarget(out, force);
        // the actor system starts and the model file is hashed while the model is read and wired (the
        // kernel closes the system, which stops it unless its completed run was left to the JVM's exit;
        // closing it here covers a run that fails before the kernel)
        try (KernelSystem system = actorsLeftToExit ? KernelSystem.startLeftToExit(threads) : KernelSystem.start(threads)) {
            return run(results, err, phases, system, Background.call("model-digest", () -> FileDigests.sha256(model)));
        }
    }

    private Summary run(PrintWriter results, PrintWriter err, PhaseClock phases, KernelSystem system,
                        Future<String> modelDigest) {
        MappedChip mapped = MappedChip.load(model, config, mappingFile, replicate, replicateBudget, err);
        if (costWarnings) {
            mapped.config().printCostWarnings(err);
        }
        phases.lap("read-map-and-wire");
        IntModel m = mapped.model();
        ChipConfig cfg = mapped.config();
        Chip chip = mapped.chip();
        Mapping mapping = mapped.mapping();
        Accelerator acc = mapped.accelerator();
        ImageInputs in = ImageInputs.load(source, m, model);
        List<int[]> q = new ArrayList<>();
        for (int i = 0; i < in.raw().size(); i++) {
            try {
                q.add(m.input().quantize(in.raw().get(i)));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(in.origin() + ", image "
                        + (in.first() + i) + ": " + e.getMessage() + " (model " + model + ")");
            }
        }
        int n = q.size();
        long probeInts = (long) n * acc.plans().stream().mapToLong(p -> p.outShape().size()).sum();
        LayerProbe probe = probeInts <= PROBE_LIMIT_INTS
                ? new LayerProbe(acc.plans().stream().mapToInt(p -> p.outShape().size()).toArray()) : null;
        boolean exactExpected = idealAdc || chip.tile().adc().bits() >= chip.tile().idealAdcBits();
        CostModel cost = cfg.costModel();

        try (OutputDirectory dir = OutputDirectory.prepare(out, force); GoldenAhead goldenAhead = new GoldenAhead(m, q)) {
            String traceName = traceGzip ? "trace.xbt.gz" : "trace.xbt";
            Path tracePath = dir.resolve(traceName);
            long window = Accelerator.windowCycles(chip);
            modelSha256 = org.xbarsim.Futures.await(modelDigest, "the model file's digest");
            configSha256 = FileDigests.sha256(config);
            TraceHeader.Builder header = TraceHeader.builder(m.name(), chip.name(), chip.clockGhz()).windowCycles(window)
                    .layers(TraceRecorder.layerNames(m))
                    .attribute("images", Integer.toString(n))
                    .attribute("ideal-adc", Boolean.toString(idealAdc))
                    .attribute("model-sha256", modelSha256)
                    .attribute("config-sha256", configSha256);
            TraceRecorder[] recorder = new TraceRecorder[1];
            TraceHeader[] written = new TraceHeader[1];
            TraceWriter.Options topts = TraceWriter.Options.DEFAULT.withGzip(traceGzip);
            Instant started = Instant.now();
            phases.lap("read-images-and-prepare");
            long t0 = System.nanoTime();
            ProgressOutput display = new ProgressOutput(err, progress);
            Progress shown = progress == ProgressOutput.Style.OFF ? Progress.NONE : new ProgressLine(display, acc, n, t0);
            Accelerator.Result r;
            // the report's serializers are built while the simulation runs (only a warm-up: a failure
            // here shows again when the report is written)
            java.util.concurrent.Future<Void> serializers = Background.call("report-serializers", () -> {
                ReportJson.prepare(SimulationReport.class, RunRecord.class, RunInfo.class);
                return null;
            });
            try {
                r = acc.run(q, new Accelerator.Options(idealAdc, threads, system),
                        comps -> recorder[0] = TraceRecorder.create(comps, header, h -> {
                            written[0] = h;
                            return TraceWriter.create(tracePath, h, topts);
                        }).summarizing(SUMMARY_RECORDS),
                        shown, probe);
                recorder[0].close();
            } catch (RuntimeException e) {
                display.clear(); // the message starts on a line of its own
                if (recorder[0] != null) {
                    recorder[0].abort();
                }
                InputBufferFullException full = InputBufferFullException.in(e);
                if (full != null) {
                    throw new UserInputException(config + ": " + full.getMessage(), e);
                }
                LayerOverflowException overflow = overflowIn(e);
                if (overflow != null) {
                    throw new UserInputException(model + ": " + overflow.atImage(in.first() + overflow.image()).getMessage(), e);
                }
                throw e;
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            phases.lap("simulate");
            display.clear();

            // compare with the golden engine (run beside the simulation); write outputs
            int matching = 0;
            int sameClass = 0;
            int labelled = 0;
            int correct = 0;
            Mismatch firstMismatch = null;
            int mismatchImage = -1;
            try (OutputsWriter ow = OutputsWriter.create(dir.resolve("outputs.jsonl"))) {
                for (int i = 0; i < n; i++) {
                    int[] logits = r.logits().get(i);
                    GoldenEngine.Inference g;
                    try {
                        g = goldenAhead.take(i);
                    } catch (LayerOverflowException e) {
                        throw new UserInputException(model + ": " + e.atImage(in.first() + i).getMessage(), e);
                    }
                    Mismatch mm = probe != null ? Mismatch.find(g, probe, i, acc.plans()) : logitMismatch(g, logits, acc);
                    if (mm == null && !java.util.Arrays.equals(g.logits().toArray(), logits)) {
                        mm = logitMismatch(g, logits, acc);
                    }
                    if (g.predicted() == GoldenEngine.argmax(logits)) {
                        sameClass++;
                    }
                    if (mm == null) {
                        matching++;
                    } else if (firstMismatch == null) {
                        firstMismatch = mm;
                        mismatchImage = in.first() + i;
                    }
                    if (probe != null) {
                        probe.drop(i);
                    }
                    Integer label = in.labels() == null ? null : in.labels().get(i);
                    ImageOutput o = ImageOutput.of(in.first() + i, label, logits);
                    if (label != null) {
                        labelled++;
                        if (o.correct()) {
                            correct++;
                        }
                    }
                    ow.write(o);
                }
            }

            phases.lap("golden-check-and-outputs");
            TraceSummary ts;
            long span = Math.max(1, r.doneCycles()[n - 1] - r.startCycles()[0]);
            long powerWindow = Math.max(window, (span + POWER_WINDOWS - 1) / POWER_WINDOWS);
            ts = recorder[0].summary(powerWindow);
            if (ts == null) { // more records than the recorder kept: read the trace back
                ts = TraceSummarizer.summarizeWritten(tracePath, written[0], powerWindow);
            }
            phases.lap("summarize-trace");
            SimulationReport report = report(m, cfg, mapping, in, n, r, cost, ts, powerWindow, labelled, correct, matching,
                    sameClass, firstMismatch, mismatchImage, traceName, recorderRecords(ts));
            awaitWarmUp(serializers); // not built twice at once
            ReportJson.write(dir.resolve("report.json"), report);
            AtomicFiles.writeString(dir.resolve("report.md"), ReportMarkdown.render(report));
            ReportJson.write(dir.resolve(RunRecord.FILE), runRecord(cfg, mapping, m));
            phases.lap("write-report");
            ReportJson.write(dir.resolve("run-info.json"),
                    RunInfo.capture(started, wall, threads, r.outcome().events(), commandLine, r.outcome().windows(), phases.phases()));
            dir.commit();

            // the time on err, with the progress (--quiet leaves it out): the summary is the same bytes run
            // after run (run-info.json keeps the times)
            if (progress != ProgressOutput.Style.OFF) {
                err.printf(Locale.ROOT, "simulate: %d events in %.2f s (%.0f events/s)%n", r.outcome().events(), wall,
                        r.outcome().events() / Math.max(wall, 1e-9));
            }
            err.flush(); // the progress line ends before the summary starts (both may be one terminal)
            results.printf(Locale.ROOT, "simulated %d image(s) of %s on %s: %d cycles for image %d (%.1f ns), %d events%n",
                    n, m.name(), chip.name(), r.doneCycles()[0] - r.startCycles()[0], in.first(),
                    chip.nanoseconds(r.doneCycles()[0] - r.startCycles()[0]), r.outcome().events());
            results.printf(Locale.ROOT, "bit-exact vs golden engine: %d of %d images, same class: %d%s%n", matching, n, sameClass,
                    exactExpected ? "" : " (ADC of " + chip.tile().adc().bits() + " bits < " + chip.tile().idealAdcBits()
                            + " needed" + (chip.tile().weights().flipColumns() ? " with flipped columns" : "")
                            + ": differences are expected; use --ideal-adc for a bit-exact run)");
            if (firstMismatch != null) {
                results.println("first mismatch: image " + mismatchImage + ", " + firstMismatch);
            }
            if (labelled > 0) {
                results.printf(Locale.ROOT, "accuracy: %d / %d = %.4f%n", correct, labelled, correct / (double) labelled);
            }
            results.println("wrote " + (shownAs != null ? shownAs : out) + "/{report.json, report.md, run.json, run-info.json, outputs.jsonl, " + traceName + "}");
            results.flush();
            return new Summary(n, matching, exactExpected, firstMismatch, r.outcome().events(), wall);
        }
    }

    /** Waits for a warm-up to end; what it threw is not the run's failure (the real work meets it again). */
    private static void awaitWarmUp(java.util.concurrent.Future<?> warmUp) {
        try {
            warmUp.get();
        } catch (java.util.concurrent.ExecutionException e) {
            // the report's writing meets the same problem and reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Allocation allocation(Chip chip, Mapping mapping, IntModel m) {
        return Allocation.of(chip, mapping.tilesUsed().size(), mapping.allocatedCrossbars(), !m.isMultiplierFree(), false);
    }

    /** What replay needs to re-cost or re-run this run. */
    private RunRecord runRecord(ChipConfig cfg, Mapping mapping, IntModel m) {
        RunRecord.Inputs inputs;
        if (source instanceof ImageInputs.Source.DataSet d) {
            inputs = new RunRecord.Inputs(d.name(), d.dir() == null ? null : d.dir().toAbsolutePath().normalize().toString(),
                    d.split().name().toLowerCase(Locale.ROOT), d.first(), d.count(), null);
        } else {
            inputs = new RunRecord.Inputs(null, null, null, null, null, RunRecord.FileRef.of(((ImageInputs.Source.File) source).path()));
        }
        return RunRecord.of(RunRecord.FileRef.of(model, modelSha256), RunRecord.FileRef.of(configRecordedAs != null ? configRecordedAs : config, configSha256), inputs, idealAdc, traceGzip,
                new RunRecord.Allocation(mapping.tilesUsed().size(), mapping.allocatedCrossbars(), !m.isMultiplierFree()),
                ArchitectureKeys.of(cfg), replicate == null && replicateBudget == null ? null
                        : new RunRecord.Replicate(replicate, replicateBudget),
                mappingFile == null ? null : RunRecord.FileRef.of(mappingFile));
    }

    private static long recorderRecords(TraceSummary ts) {
        return ts.records();
    }

    /** The simulated data path's overflow behind a failed component, or null. */
    private static LayerOverflowException overflowIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LayerOverflowException o) {
                return o;
            }
        }
        return null;
    }

    private static Mismatch logitMismatch(GoldenEngine.Inference g, int[] logits, Accelerator acc) {
        int[] ref = g.logits().toArray();
        LayerPlan last = acc.plans().get(acc.plans().size() - 1);
        for (int k = 0; k < ref.length; k++) {
            if (ref[k] != logits[k]) {
                return new Mismatch(last.name(), last.layerIndex(), k, k, 0, 0, ref[k], logits[k]);
            }
        }
        return null;
    }

    private SimulationReport report(IntModel m, ChipConfig cfg, Mapping mapping, ImageInputs in, int n, Accelerator.Result r, CostModel cost,
            TraceSummary ts, long powerWindow, int labelled, int correct, int matching, int sameClass, Mismatch mm, int mmImage, String traceName,
            long traceRecords) {
        Chip chip = cfg.chip();
        SortedMap<String, Integer> byLayer = new TreeMap<>();
        for (LayerMapping lm : mapping.layers()) {
            byLayer.put(lm.layerName(), lm.allocatedCrossbars());
        }
        int tilesUsed = mapping.tilesUsed().size();
        var chipPart = new SimulationReport.Chip(chip.clockGhz(), chip.tiles(), tilesUsed, (int) chip.crossbars(),
                (int) mapping.allocatedCrossbars(), byLayer);
        Allocation alloc = allocation(chip, mapping, m);
        long total = Math.max(1, r.doneCycles()[n - 1] - r.startCycles()[0]);
        RunCosts costs = RunCosts.of(cost, alloc, r.counts(), total, n, ts, powerWindow);
        long lat = r.doneCycles()[0] - r.startCycles()[0];
        var latency = new SimulationReport.Latency(lat, chip.nanoseconds(lat));
        double between = n > 1 ? (double) (r.doneCycles()[n - 1] - r.doneCycles()[0]) / (n - 1) : lat;
        var tp = new SimulationReport.Throughput(n, total, between, between > 0 ? chip.clockGhz() * 1e9 / between : 0);
        var acc = new SimulationReport.Accuracy(n, labelled, correct, labelled > 0 ? correct / (double) labelled : null);
        var be = new SimulationReport.BitExactness(n, matching, sameClass, mm == null ? null
                : new SimulationReport.Mismatch(mmImage, mm.layerIndex(), mm.layerName(), mm.index(), mm.expected(), mm.actual()));
        var simPart = new SimulationReport.Simulation(r.outcome().events(), r.outcome().messages(), r.outcome().lastEventCycle(),
                traceRecords, traceName);
        var modelId = new SimulationReport.ModelIdentity(m.name(), m.metadata() == null ? null : m.metadata().kind(),
                model.getFileName().toString(), modelSha256);
        var configId = new SimulationReport.ConfigIdentity(chip.name(), config.getFileName().toString(), configSha256);
        var inputs = new SimulationReport.Inputs(in.dataset(), in.split(), in.first(), n);
        return SimulationReport.of(modelId, configId, inputs, chipPart, costs.area(), costs.power(), costs.energy(), latency, tp,
                acc, be, simPart).withBuffers(BufferFigures.of(chip.tile().inputBuffer().sizeBytes(), r.inputBuffers(),
                chip.tile().outputBuffer().sizeBytes(), r.outputBuffers()));
    }

    /** Progress of the simulation: images done, cycle, events (wall time only decides when to show it). */
    private static final class ProgressLine implements Progress {
        private final ProgressOutput display;
        private final Accelerator acc;
        private final int images;
        private final long t0;

        ProgressLine(ProgressOutput display, Accelerator acc, int images, long t0) {
            this.display = display;
            this.acc = acc;
            this.images = images;
            this.t0 = t0;
        }

        @Override
        public void windowDone(long windowStart, long events, long windows) {
            if (!display.due()) {
                return;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            display.show(ProgressOutput.line("simulate", acc.imagesDone(), images, "images", s)
                    + String.format(Locale.ROOT, ", cycle %d, %d events (%.0f/s)", windowStart, events, events / Math.max(s, 1e-9)),
                    false);
        }
    }
}
