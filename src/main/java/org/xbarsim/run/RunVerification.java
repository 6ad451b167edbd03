package org.xbarsim.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xbarsim.UserInputException;
import org.xbarsim.data.Split;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.report.FileDigests;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.ReportMarkdown;
import org.xbarsim.report.RunRecord;
import org.xbarsim.report.SimulationReport;

/**
 * Re-runs a recorded {@code simulate} run from its {@code run.json} (model and config by path and
 * SHA-256, the inputs, the options) into a scratch folder and checks that every output, the report
 * and the trace are byte-identical (docs/replay.md).
 */
public final class RunVerification {
    private final Path run;
    private int threads = 1;
    private ProgressOutput.Style progress = ProgressOutput.Style.OFF;

    /**
     * @param difference the first difference (an input file changed since the run, or the first differing
     *                   file with its key, line or record), or null when the run is verified
     * @param files      the files compared
     */
    public record Verdict(String difference, List<String> files) {
        public boolean verified() {
            return difference == null;
        }
    }

    /** Verifies the run in {@code run}. */
    public RunVerification(Path run) {
        this.run = run;
    }

    /** Dispatcher threads of the re-run; results do not depend on them. */
    public RunVerification threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** How to show the re-run's progress. */
    public RunVerification progress(ProgressOutput.Style progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Checks the recorded inputs, re-runs the simulation and compares.
     *
     * @throws UserInputException when the run directory or its record cannot be read
     */
    public Verdict run(PrintWriter err) {
        RunRecord rec = RunRecord.read(run);
        String changed = changedInput("model", rec.model());
        if (changed == null) {
            changed = changedInput("config", rec.config());
        }
        if (changed == null && rec.mapping() != null) {
            changed = changedInput("mapping", rec.mapping());
        }
        if (changed == null && rec.inputs().file() != null) {
            changed = changedInput("input", rec.inputs().file());
        }
        if (changed != null) {
            return new Verdict(changed, List.of());
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("xbarsim-verify-");
        } catch (IOException e) {
            throw new UserInputException("cannot make a scratch folder for the re-run: " + e.getMessage(), e);
        }
        try {
            Path rerun = scratch.resolve("run");
            if (progress != ProgressOutput.Style.OFF) {
                err.println("re-running " + run + " from its " + RunRecord.FILE + " in a scratch folder (deleted afterwards)");
            }
            new SimulationJob(Path.of(rec.model().path()), Path.of(rec.config().path()), rerun)
                    .images(source(rec.inputs()))
                    .idealAdc(rec.idealAdc())
                    .replicate(rec.replicate() == null ? null : rec.replicate().choice(),
                            rec.replicate() == null ? null : rec.replicate().budget())
                    .mapping(rec.mapping() == null ? null : Path.of(rec.mapping().path()))
                    .traceGzip(rec.traceGzip())
                    .threads(threads)
                    .progress(progress)
                    .commandLine(List.of("replay", "--verify", run.toString()))
                    .run(progress == ProgressOutput.Style.OFF ? new PrintWriter(java.io.Writer.nullWriter()) : err, err);
            asRecordedVersion(rerun, err);
            return new Verdict(RunDifferences.first(run, rerun), RunDifferences.files(run, rerun));
        } finally {
            try {
                OutputDirectory.deleteTree(scratch);
            } catch (IOException e) {
                err.println("warning: could not delete the scratch folder " + scratch + ": " + e.getMessage());
            }
        }
    }

    /**
     * A run recorded by an older xbarsim has an older report version: the re-run's report is written in
     * that version before the comparison, so that a run is verified whatever version wrote it.
     */
    private void asRecordedVersion(Path rerun, PrintWriter err) {
        Path recorded = run.resolve("report.json");
        if (!Files.isRegularFile(recorded) || ReportJson.readTree(recorded).path("version").asInt() != 2) {
            return;
        }
        SimulationReport now = ReportJson.readReport(rerun.resolve("report.json"));
        err.println(recorded + " has report version 2 (an older xbarsim): the re-run's report is compared in that version");
        SimulationReport old = now.asVersion2();
        ReportJson.write(rerun.resolve("report.json"), old);
        AtomicFiles.writeString(rerun.resolve("report.md"), ReportMarkdown.render(old));
    }

    /** A message when the file is gone or its bytes changed since the run; null when unchanged. */
    private static String changedInput(String what, RunRecord.FileRef ref) {
        Path p = Path.of(ref.path());
        if (!Files.isRegularFile(p)) {
            return "the " + what + " file " + p + " the run used is gone";
        }
        String now = FileDigests.sha256(p);
        return now.equals(ref.sha256()) ? null : "the " + what + " file " + p + " changed since the run: SHA-256 "
                + now + ", the run recorded " + ref.sha256();
    }

    private ImageInputs.Source source(RunRecord.Inputs in) {
        if (in.file() != null) {
            return ImageInputs.Source.file(Path.of(in.file().path()));
        }
        if (in.dataset() == null || in.split() == null || in.first() == null || in.images() == null) {
            throw new UserInputException(run.resolve(RunRecord.FILE) + ": field 'inputs' needs either 'file' or 'dataset', 'split', 'first' "
                    + "and 'images'");
        }
        Split split;
        try {
            split = Split.valueOf(in.split().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(run.resolve(RunRecord.FILE) + ": field 'inputs.split' = '" + in.split() + "': must be test or train");
        }
        try {
            // a synthetic run of an earlier version may have recorded a --data-dir it ignored (now refused)
            boolean read = in.dataDir() != null && !in.dataset().equals("synthetic");
            return ImageInputs.Source.dataSet(in.dataset(), read ? Path.of(in.dataDir()) : null, split,
                    in.first(), in.images());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(run.resolve(RunRecord.FILE) + ": field 'inputs': " + e.getMessage());
        }
    }
}
