package org.xbarsim.sweep;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.xbarsim.UserInputException;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.io.InputFiles;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;

/**
 * One {@code sweep} run: load and validate every point, make or resume {@code DIR}, run the points
 * not finished yet through a {@link PointExecutor}, write each point's folder as its outcome
 * arrives, then write {@code summary.csv}, {@code summary.json} and {@code summary.html} from the
 * point folders.
 */
public final class SweepRun {
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String SUMMARY_JSON = "summary.json";
    public static final String SUMMARY_HTML = "summary.html";

    private final Path sweepFile;
    private final Path out;
    private boolean force;
    private boolean retryFailed;
    private ProgressOutput.Style progress = ProgressOutput.Style.OFF;
    private boolean checkImagesHere;

    /** What the caller needs afterwards. */
    public record Result(SweepSummary summary, int ran, int alreadyDone, int failed) {
    }

    public SweepRun(Path sweepFile, Path out) {
        this.sweepFile = sweepFile;
        this.out = out;
    }

    /** Start again from nothing, replacing {@code DIR} (only when xbarsim made it). */
    public SweepRun force(boolean force) {
        this.force = force;
        return this;
    }

    /** Run again the points that failed in an earlier run into the same folder (by default they are finished). */
    public SweepRun retryFailed(boolean retryFailed) {
        this.retryFailed = retryFailed;
        return this;
    }

    public SweepRun progress(ProgressOutput.Style progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Reads the sweep's data set here before any point runs and refuses images it does not have
     * (otherwise every point fails with the same message). For sweeps whose points run on this
     * machine; a cluster's coordinator may not have the data set its workers read.
     */
    public SweepRun checkImagesHere(boolean check) {
        this.checkImagesHere = check;
        return this;
    }

    private static void checkImages(SweepFile sweep) {
        SweepFile.Images i = sweep.images();
        org.xbarsim.data.ImageSet set;
        try {
            set = org.xbarsim.data.DataSets.load(i.dataset(), i.dataDir(), org.xbarsim.data.Split.TEST);
        } catch (UserInputException e) {
            // the loader speaks of --dataset and --data-dir, the command-line options; here they are file keys
            throw new UserInputException(sweep.file() + ": images: " + e.getMessage().replace("--data-dir", "images.data-dir")
                    .replace("--dataset", "images.dataset"), e);
        }
        long last = (long) i.first() + i.count() - 1;
        if (last >= set.size()) {
            throw new UserInputException(sweep.file() + ": images { first = " + i.first() + ", count = " + i.count()
                    + " }: images " + i.first() + ".." + last + " of data set " + i.dataset() + " (test), which has "
                    + set.size() + " images, numbered 0.." + (set.size() - 1));
        }
    }

    /** Loads and validates the sweep (every problem at once) and checks {@code DIR}; no point runs. */
    private SweepPlan plan(SweepPlan.CheckProgress checking) {
        SweepPlan plan = SweepPlan.load(sweepFile, checking);
        SweepOutput.check(out, plan.sweep().name(), force);
        return plan;
    }

    /**
     * Shows the check of a large sweep's points (about 1,000 points a second here); a check that is
     * over within a second shows nothing.
     */
    private static SweepPlan.CheckProgress checking(ProgressOutput display) {
        long t0 = System.nanoTime();
        return (checked, total) -> {
            double s = (System.nanoTime() - t0) / 1e9;
            if (s >= 1 && (checked == total || display.due())) {
                display.show(ProgressOutput.line("checking the sweep's points", checked, total, "points", s), checked == total);
            }
        };
    }

    /** {@link #run(Function, PrintWriter, PrintWriter)} with the closing line on {@code err} too. */
    public Result run(Function<SweepPlan, PointExecutor> executors, PrintWriter err) {
        return run(executors, err, err);
    }

    /**
     * Runs the sweep: the points to run and the progress go to {@code err}, the closing line (points
     * ok, failed and missing, the files written) to {@code results}.
     *
     * @param executors makes the executor for the validated plan (the cluster's name comes from the sweep's)
     */
    public Result run(Function<SweepPlan, PointExecutor> executors, PrintWriter results, PrintWriter err) {
        ProgressOutput checkDisplay = new ProgressOutput(err, progress);
        SweepPlan plan;
        try {
            plan = plan(checking(checkDisplay));
        } finally {
            checkDisplay.clear();
        }
        if (checkImagesHere) {
            checkImages(plan.sweep());
        }
        SweepOutput dir = SweepOutput.open(out, plan, force);
        List<String> stale = dir.pointsNotInPlan(plan);
        if (!stale.isEmpty()) {
            err.println("note: " + out.resolve(SweepOutput.POINTS) + " holds " + stale.size() + " point folder(s) this sweep no longer"
                    + " has (" + String.join(", ", stale.subList(0, Math.min(5, stale.size()))) + (stale.size() > 5 ? ", ..." : "")
                    + "; the sweep file has fewer points now): left as they are, and not in the summary");
            err.flush();
        }
        List<PointWork> pending = new ArrayList<>();
        Map<String, SweepPoint> byId = new LinkedHashMap<>();
        int done = 0;
        Map<Path, ShippedFile> files = new LinkedHashMap<>();
        for (SweepPoint p : plan.points()) {
            SweepOutput.State s = dir.state(p);
            if (s == SweepOutput.State.DONE || s == SweepOutput.State.FAILED && !retryFailed) {
                done++;
                continue;
            }
            byId.put(p.id(), p);
            pending.add(work(plan.sweep(), p, files, dir.pointDir(p.id())));
        }
        if (progress != ProgressOutput.Style.OFF) { // the plan, with the progress (the closing line has the counts)
            err.printf(Locale.ROOT, "sweep %s: %d points (%d skipped by constraints), %d finished earlier, %d to run%n",
                    plan.sweep().name(), plan.points().size(), plan.skipped().size(), done, pending.size());
            err.flush();
        }
        Progress shown = new Progress(new ProgressOutput(err, progress), pending.size());
        Set<String> written = new HashSet<>();
        int[] failed = {0};
        // Ctrl-C or kill while points run: one line saying how far the sweep got and how to go on
        int doneBefore = done;
        Thread stopped = new Thread(() -> {
            shown.close();
            int finished;
            synchronized (written) {
                finished = doneBefore + written.size();
            }
            err.printf(Locale.ROOT, "sweep %s stopped: %d of %d points finished; run the same command again to run the other %d%n",
                    plan.sweep().name(), finished, plan.points().size(), plan.points().size() - finished);
            err.flush();
        }, "sweep-stopped");
        if (!pending.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(stopped);
            try {
                executors.apply(plan).execute(pending, new PointExecutor.Listener() {
                    @Override
                    public void started(String id) {
                        shown.started();
                    }

                    @Override
                    public void finished(PointOutcome o) {
                        synchronized (written) {
                            SweepPoint p = byId.get(o.id());
                            if (p == null || !written.add(o.id())) {
                                return; // a point sent twice (its first worker was lost) counts once
                            }
                            dir.write(plan.sweep().name(), p, o);
                            if (!o.ok()) {
                                failed[0]++;
                            }
                        }
                        shown.finished(o.ok());
                    }
                });
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopped);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the line is printed
                }
            }
        }
        shown.close();
        SweepSummary summary = SweepSummary.read(plan, dir);
        OutputDirectory.recordEntries(dir.dir(), SUMMARY_CSV, SUMMARY_JSON, SUMMARY_HTML); // so --force may replace them
        AtomicFiles.writeString(dir.dir().resolve(SUMMARY_CSV), summary.csv());
        ReportJson.write(dir.dir().resolve(SUMMARY_JSON), summary.json());
        AtomicFiles.writeString(dir.dir().resolve(SUMMARY_HTML), SweepHtml.render(summary));
        results.printf(Locale.ROOT, "sweep %s: %d ok, %d failed, %d missing; wrote %s/{%s, %s, %s, points/}%n", plan.sweep().name(),
                summary.rows().stream().filter(r -> r.status().equals("ok")).count(),
                summary.rows().stream().filter(r -> r.status().equals("failed")).count(),
                summary.rows().stream().filter(r -> r.status().equals("missing")).count(), out, SUMMARY_CSV, SUMMARY_JSON,
                SUMMARY_HTML);
        results.flush();
        return new Result(summary, pending.size(), done, failed[0]);
    }

    /**
     * The point as it travels: its config and model files with their SHA-256 (each model file read once),
     * and the names of those files here, where its folder {@code folder} is written.
     */
    static PointWork work(SweepFile sweep, SweepPoint p, Map<Path, ShippedFile> files, Path folder) {
        SweepFile.ModelEntry m = p.model();
        ShippedFile config = ShippedFile.of(SweepOutput.POINT_CONFIG, p.configText().getBytes(StandardCharsets.UTF_8));
        ShippedFile model = files.computeIfAbsent(m.model(), SweepRun::read);
        ShippedFile baseline = m.baseline() == null ? null : files.computeIfAbsent(m.baseline(), SweepRun::read);
        SweepFile.Images i = sweep.images();
        return new PointWork(sweep.name(), p.id(), config, model, baseline, i.dataset(),
                i.dataDir() == null ? null : i.dataDir().toString(), i.first(), i.count(), sweep.idealAdc(),
                m.model().toAbsolutePath().normalize().toString(),
                m.baseline() == null ? null : m.baseline().toAbsolutePath().normalize().toString(),
                folder.toAbsolutePath().normalize().toString());
    }

    private static ShippedFile read(Path file) {
        InputFiles.check(file, "model file", InputFiles.MAX_MODEL_BYTES);
        try {
            return ShippedFile.of(file.getFileName().toString(), InputFiles.readAll(file, InputFiles.MAX_MODEL_BYTES));
        } catch (java.io.IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The progress line: points done, running, failed, and the time left at the pace so far. */
    private static final class Progress {
        private final ProgressOutput display;
        private final int total;
        private final long t0 = System.nanoTime();
        private int running;
        private int done;
        private int failed;

        Progress(ProgressOutput display, int total) {
            this.display = display;
            this.total = total;
        }

        synchronized void started() {
            running++;
            show(false);
        }

        synchronized void finished(boolean ok) {
            running = Math.max(0, running - 1);
            done++;
            failed += ok ? 0 : 1;
            show(done == total);
        }

        private void show(boolean always) {
            if (!always && !display.due()) {
                return;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            display.show(ProgressOutput.line("sweep", done, total, "points", s)
                    + String.format(Locale.ROOT, ", %d running, %d failed", running, failed), always);
        }

        synchronized void close() {
            display.clear();
        }
    }
}
