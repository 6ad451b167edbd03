package org.xbarsim.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbarsim.UserInputException;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.cost.ActionCounts;
import org.xbarsim.cost.Allocation;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.report.FileDigests;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.ReportMarkdown;
import org.xbarsim.report.RunRecord;
import org.xbarsim.report.SimulationReport;
import org.xbarsim.trace.KindAction;
import org.xbarsim.trace.TraceSummarizer;
import org.xbarsim.trace.TraceSummary;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * Re-prices a recorded {@code simulate} run with another config's cost tables, without simulating
 * again (docs/replay.md): the action counts and power windows come from the run's trace, the cycles
 * and allocation from its report and {@code run.json}, and they go through the same pricing as
 * {@code simulate} ({@link RunCosts}). Refused when the config changes a key that decides timing or
 * allocation ({@link ArchitectureKeys}).
 */
public final class Recosting {
    /** The record of what was re-costed, written next to the new report. */
    public static final String FILE = "recost.json";

    private final Path run;
    private final Path config;
    private final Path out;
    private boolean force;
    private boolean quiet;

    /**
     * @param format    always {@value #FORMAT}
     * @param version   {@value #VERSION}
     * @param run       the recorded run directory (absolute)
     * @param runConfig the config the run was simulated with
     * @param config    the config whose costs priced it here
     */
    public record Record(String format, int version, String run, RunRecord.FileRef runConfig, RunRecord.FileRef config) {
        public static final String FORMAT = "xbarsim-recost";
        public static final int VERSION = 1;
    }

    /** What the caller needs afterwards. */
    public record Summary(SimulationReport before, SimulationReport after, double wallSeconds) {}

    /** Re-costs the run in {@code run} with {@code config}'s cost tables into the directory {@code out}. */
    public Recosting(Path run, Path config, Path out) {
        this.run = run;
        this.config = config;
        this.out = out;
    }

    /** Replace {@code out} when an earlier xbarsim command made it (the user's {@code --force}). */
    public Recosting force(boolean force) {
        this.force = force;
        return this;
    }

    /** Leave out the line with the time it took (the user's {@code --quiet}). */
    public Recosting quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    /**
     * Checks the inputs, prices the run and writes {@code report.json}, {@code report.md} and
     * {@value #FILE} into {@code out}; prints what changed to {@code results} and, unless quiet, the
     * time it took to {@code err}.
     *
     * @throws UserInputException for a run or config that cannot be read or that changes the architecture
     */
    public Summary run(PrintWriter results, PrintWriter err) {
        OutputDirectory.checkTarget(out, force);
        long t0 = System.nanoTime();
        org.xbarsim.report.RunDirectory.refuseSweepPoint(run); // keeps no trace to re-cost: says how to get one
        RunRecord rec = RunRecord.read(run);
        SimulationReport before = ReportJson.readReport(run.resolve("report.json"));
        ChipConfig cfg = ChipConfigLoader.load(config);
        String changed = ArchitectureKeys.firstDifference(rec.architecture(), cfg);
        if (changed != null) {
            throw new UserInputException(config + " cannot re-cost " + run + ": it changes the simulated architecture: "
                    + changed + ". Re-costing may change only costs.*, chip.name and chip.technology-nm; simulate again "
                    + "to try another geometry, tile count or timing");
        }
        cfg.printCostWarnings(err); // priced all the same, as validate and cost say
        if (before.simulation().traceFile() == null) {
            throw new UserInputException(run.resolve("report.json") + ": field 'simulation.trace-file' is null: the run "
                    + "kept no trace to re-cost");
        }
        Path trace = run.resolve(before.simulation().traceFile());
        long window = before.power().windowCycles();
        if (window < 1) {
            throw new UserInputException(run.resolve("report.json") + ": field 'power.window-cycles' = " + window
                    + ": must be at least 1");
        }
        TraceSummary ts = TraceSummarizer.summarize(trace, window);
        checkSameRun(trace, ts, rec);
        ActionCounts.Snapshot counts = counts(trace, ts);
        checkCounts(trace, counts, before);

        Allocation alloc = Allocation.of(cfg.chip(), rec.allocation().tilesUsed(), rec.allocation().crossbars(),
                rec.allocation().multipliers(), false);
        RunCosts c = RunCosts.of(cfg.costModel(), alloc, counts, before.throughput().totalCycles(), before.inputs().images(),
                ts, window);
        var configId = new SimulationReport.ConfigIdentity(cfg.chip().name(), config.getFileName().toString(),
                FileDigests.sha256(config));
        SimulationReport after = new SimulationReport(before.format(), SimulationReport.VERSION, before.model(), configId,
                before.inputs(), before.chip(), c.area(), c.power(), c.energy(), before.latency(), before.throughput(),
                before.accuracy(), before.bitExactness(), before.simulation(), before.buffers());
        try (OutputDirectory dir = OutputDirectory.prepare(out, force)) {
            ReportJson.write(dir.resolve("report.json"), after);
            AtomicFiles.writeString(dir.resolve("report.md"), ReportMarkdown.render(after));
            ReportJson.write(dir.resolve(FILE), new Record(Record.FORMAT, Record.VERSION,
                    run.toAbsolutePath().normalize().toString(), rec.config(), RunRecord.FileRef.of(config)));
            dir.commit();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        // the time on err: the summary is the same bytes run after run
        if (!quiet) {
            err.printf(Locale.ROOT, "re-cost: %.2f s%n", wall);
        }
        err.flush();
        results.printf(Locale.ROOT, "re-costed %s with %s: energy per inference %.6g nJ -> %.6g nJ, average power "
                        + "%.6g mW -> %.6g mW, area %.6g mm2 -> %.6g mm2%n", run, config,
                before.energy().perInferenceNj(), after.energy().perInferenceNj(), before.power().totalAverageMw(),
                after.power().totalAverageMw(), before.area().totalMm2(), after.area().totalMm2());
        results.println("wrote " + out + "/{report.json, report.md, " + FILE + "}");
        results.flush();
        return new Summary(before, after, wall);
    }

    /** The trace must be the one this run wrote: its header names the same model and config bytes. */
    private static void checkSameRun(Path trace, TraceSummary ts, RunRecord rec) {
        Map<String, String> attrs = ts.header().attributes();
        if (!rec.model().sha256().equals(attrs.get("model-sha256")) || !rec.config().sha256().equals(attrs.get("config-sha256"))) {
            throw new UserInputException(trace + ": its header's model-sha256 / config-sha256 (" + attrs.get("model-sha256")
                    + " / " + attrs.get("config-sha256") + ") are not those of " + RunRecord.FILE + " ("
                    + rec.model().sha256() + " / " + rec.config().sha256() + "): the trace belongs to another run");
        }
    }

    /** The trace's unit actions as the cost model's counts; a pair outside the vocabulary is an error. */
    private static ActionCounts.Snapshot counts(Path trace, TraceSummary ts) {
        ActionCounts counts = new ActionCounts();
        for (Map.Entry<KindAction, Long> e : ts.actionCounts().entrySet()) {
            ComponentKind k = ComponentKind.fromKeyOrNull(e.getKey().kind());
            Action a = Action.fromKeyOrNull(e.getKey().action());
            if (k == null || a == null) {
                throw new UserInputException(trace + ": action '" + e.getKey() + "' is not in this xbarsim's vocabulary: "
                        + "the trace was not written by simulate");
            }
            if (k.has(a)) {
                counts.add(k, a, e.getValue());
            }
        }
        return counts.snapshot();
    }

    /** The trace's counts must equal the report's (a changed trace or report is caught here, not priced). */
    private static void checkCounts(Path trace, ActionCounts.Snapshot counts, SimulationReport report) {
        SortedMap<String, Long> fromTrace = new TreeMap<>();
        for (ActionCounts.Entry e : counts.entries()) {
            fromTrace.put(e.kind().key() + "/" + e.action().key(), e.count());
        }
        SortedMap<String, Long> keys = new TreeMap<>(fromTrace);
        keys.putAll(report.energy().actionCounts());
        for (String key : keys.keySet()) {
            if (!Objects.equals(fromTrace.get(key), report.energy().actionCounts().get(key))) {
                throw new UserInputException(trace + ": " + key + " counts " + fromTrace.get(key) + " unit actions but the "
                        + "report's energy.action-counts." + key + " is " + report.energy().actionCounts().get(key)
                        + ": the trace or the report was changed after the run");
            }
        }
    }
}
