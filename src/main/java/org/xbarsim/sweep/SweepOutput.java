package org.xbarsim.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xbarsim.UserInputException;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;

/**
 * The folder of a sweep, {@code DIR}: {@value #PLAN} (the expanded points), {@code points/ID/} for
 * each point (written whole or not at all, through {@link OutputDirectory}), and the summary files.
 * Unlike a single run's folder it fills up over time, so a sweep run again into the same folder
 * resumes: a point whose folder holds a {@value #POINT} with the same digest is finished.
 */
final class SweepOutput {
    static final String PLAN = "sweep-plan.json";
    static final String POINTS = "points";
    static final String POINT = "point.json";
    static final String POINT_CONFIG = "point.conf";
    static final String PLAN_FORMAT = "xbarsim-sweep-plan";
    static final String POINT_FORMAT = "xbarsim-sweep-point";

    private final Path dir;

    private SweepOutput(Path dir) {
        this.dir = dir;
    }

    /** What {@value #PLAN} holds. */
    record PlanFile(String format, int version, String sweep, List<String> labels, List<PlannedPoint> points,
                    List<SweepPlan.Skipped> skipped) {
    }

    record PlannedPoint(String id, Map<String, String> values, String digest) {
    }

    /** What {@value #POINT} holds. */
    record PointFile(String format, int version, String sweep, String id, Map<String, String> values, String digest,
                     String status, String error) {
    }

    /** How far a point got in an earlier run into this folder. */
    enum State { NOT_RUN, DONE, FAILED }

    /**
     * Checks {@code dir} before any work: a new folder, a folder of an earlier run of the same sweep
     * (resumed), or with {@code force} any earlier xbarsim output (replaced). Anything else is refused.
     */
    static void check(Path dir, String sweep, boolean force) {
        if (force || !Files.exists(dir)) {
            OutputDirectory.checkTarget(dir, force);
            return;
        }
        String earlier = earlierSweep(dir);
        if (earlier == null) {
            OutputDirectory.checkTarget(dir, false); // refuses, naming the reason
            throw new UserInputException(dir + ": exists and is not the folder of a sweep; pass --force to replace it, or"
                    + " choose another --out");
        }
        if (!earlier.equals(sweep)) {
            throw new UserInputException(dir + ": holds the points of sweep '" + earlier + "', not '" + sweep + "'; pass --force"
                    + " to replace them, or choose another --out");
        }
    }

    /** Makes or resumes {@code dir} (after {@link #check}) and records the plan. */
    static SweepOutput open(Path dir, SweepPlan plan, boolean force) {
        check(dir, plan.sweep().name(), force);
        Path abs = dir.toAbsolutePath().normalize();
        if (force || !Files.exists(abs)) {
            try (OutputDirectory out = OutputDirectory.prepare(abs, force)) {
                Files.createDirectories(out.resolve(POINTS));
                ReportJson.write(out.resolve(PLAN), planFile(plan));
                out.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + dir + ": " + e.getMessage(), e);
            }
        } else {
            ReportJson.write(abs.resolve(PLAN), planFile(plan));
        }
        return new SweepOutput(abs);
    }

    private static String earlierSweep(Path dir) {
        Path plan = dir.resolve(PLAN);
        if (!OutputDirectory.isXbarsimOutput(dir) || !Files.isRegularFile(plan)) {
            return null;
        }
        try {
            JsonNode n = ReportJson.readTree(plan);
            return PLAN_FORMAT.equals(n.path("format").asText()) ? n.path("sweep").asText(null) : null;
        } catch (UserInputException e) {
            return null;
        }
    }

    private static PlanFile planFile(SweepPlan plan) {
        return new PlanFile(PLAN_FORMAT, 1, plan.sweep().name(), plan.labels(),
                plan.points().stream().map(p -> new PlannedPoint(p.id(), p.values(), p.digest())).toList(), plan.skipped());
    }

    Path dir() {
        return dir;
    }

    Path pointDir(String id) {
        return dir.resolve(POINTS).resolve(id);
    }

    /**
     * The point folders of an earlier run that this plan does not have (the sweep file was changed to
     * fewer points since), sorted: left as they are, and not in the summary.
     */
    List<String> pointsNotInPlan(SweepPlan plan) {
        java.util.Set<String> planned = new java.util.HashSet<>();
        plan.points().forEach(p -> planned.add(p.id()));
        plan.skipped().forEach(p -> planned.add(p.id()));
        List<String> extra = new java.util.ArrayList<>();
        try (var s = Files.list(dir.resolve(POINTS))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("p\\d+") && !planned.contains(n)).sorted()
                    .forEach(extra::add);
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return extra;
    }

    /** DONE or FAILED only when the point's folder is complete and was made for the same digest. */
    State state(SweepPoint p) {
        Path f = pointDir(p.id()).resolve(POINT);
        if (!Files.isRegularFile(f)) {
            return State.NOT_RUN;
        }
        try {
            JsonNode n = ReportJson.readTree(f);
            if (!POINT_FORMAT.equals(n.path("format").asText()) || !p.digest().equals(n.path("digest").asText())) {
                return State.NOT_RUN;
            }
            return "ok".equals(n.path("status").asText()) ? State.DONE : State.FAILED;
        } catch (UserInputException e) {
            return State.NOT_RUN;
        }
    }

    /**
     * Writes the point's folder whole: its report files and log (a failed point without one gets its
     * error as its log), {@value #POINT_CONFIG} and {@value #POINT} last.
     */
    void write(String sweep, SweepPoint p, PointOutcome o) {
        try (OutputDirectory out = OutputDirectory.prepare(pointDir(p.id()), true)) {
            for (ShippedFile f : o.files()) {
                Path target = out.path().resolve(f.name()).normalize();
                if (!target.startsWith(out.path()) || f.name().equals(OutputDirectory.MARKER)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.verifiedBytes());
            }
            if (o.files().stream().noneMatch(f -> f.name().equals(PointRunner.LOG))) { // a point that failed before it ran
                AtomicFiles.writeString(out.resolve(PointRunner.LOG), "point " + p.id() + " failed: " + o.error() + "\n");
            }
            AtomicFiles.writeString(out.resolve(POINT_CONFIG), p.configText());
            ReportJson.write(out.resolve(POINT), new PointFile(POINT_FORMAT, 1, sweep, p.id(), p.values(), p.digest(),
                    o.ok() ? "ok" : "failed", o.error()));
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the folder of point " + p.id() + " under " + dir + ": " + e.getMessage(), e);
        }
    }
}
