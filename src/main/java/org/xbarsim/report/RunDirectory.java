package org.xbarsim.report;

import java.nio.file.Files;
import java.nio.file.Path;
import org.xbarsim.UserInputException;
import org.xbarsim.trace.ActionEnergy;

/**
 * A finished {@code simulate} output directory: its report and its trace, checked on opening.
 *
 * @param dir    the directory
 * @param report its {@code report.json}
 * @param trace  its {@code trace.xbt} or {@code trace.xbt.gz}
 */
public record RunDirectory(Path dir, SimulationReport report, Path trace) {
    /** Opens {@code dir}; a folder that is not a simulation's output is refused with a message saying what is missing. */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": not a directory (expected the --out folder of a simulate run)");
        }
        refuseSweepPoint(dir);
        Path json = dir.resolve("report.json");
        if (!Files.isRegularFile(json)) {
            throw new UserInputException(dir + ": not a simulation run directory: it has no report.json "
                    + "(expected the --out folder of a simulate run)");
        }
        SimulationReport report = ReportJson.readReport(json);
        String name = report.simulation().traceFile();
        Path trace = name == null ? null : dir.resolve(name);
        if (trace == null || !Files.isRegularFile(trace)) {
            throw new UserInputException(dir + ": not a complete simulation run directory: report.json names the trace file "
                    + (name == null ? "null" : "'" + name + "'") + ", which is not there");
        }
        return new RunDirectory(dir, report, trace);
    }

    /**
     * The sweep point folder {@code dir} is or is a run of ({@code point.json} in it, or in its parent for a
     * compare point's {@code compressed/} and {@code baseline/}), as an absolute path; null for any other folder.
     */
    public static Path sweepPointOf(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return Files.isRegularFile(abs.resolve("point.json")) ? abs
                : abs.getParent() != null && Files.isRegularFile(abs.getParent().resolve("point.json")) ? abs.getParent() : null;
    }

    /**
     * A sweep's point folder ({@code point.json} in it, or beside it for a compare point's
     * {@code compressed/} and {@code baseline/}) keeps no trace (docs/sweeps.md): refused with the
     * {@code simulate} command that runs it again with its trace, from its run.json.
     */
    public static void refuseSweepPoint(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path point = sweepPointOf(dir);
        if (point == null || Files.isRegularFile(dir.resolve("trace.xbt")) || Files.isRegularFile(dir.resolve("trace.xbt.gz"))) {
            return;
        }
        java.util.List<String> commands = new java.util.ArrayList<>();
        for (Path run : point.equals(abs) ? java.util.List.of(abs, abs.resolve("compressed"), abs.resolve("baseline")) : java.util.List.of(abs)) {
            if (Files.isRegularFile(run.resolve(RunRecord.FILE))) {
                String id = point.getFileName().toString();
                String sub = run.equals(point) ? "" : run.getFileName().toString();
                commands.add(RunRecord.read(run).pointTraceCommand(id, sub) + " (then export-trace --run "
                        + RunRecord.pointTraceFolder(id, sub) + ")");
            }
        }
        throw new UserInputException(dir + ": a sweep's point, which keeps no trace (docs/sweeps.md)" + (commands.isEmpty()
                ? "; this one failed, so it has no run to repeat"
                : "; to get one, run the point again with simulate: " + String.join("; ", commands)));
    }

    /**
     * Energy of one unit action as this run priced it: its per-inference energy of that (kind,
     * action) times the images, over the run's action count. Pairs the run never performed cost 0.
     */
    public ActionEnergy actionEnergy() {
        SimulationReport.Energy e = report.energy();
        int images = report.inputs().images();
        return (kind, action) -> {
            String key = kind.key() + "/" + action.key();
            Long count = e.actionCounts().get(key);
            Double nj = e.byActionNj().get(key);
            return count == null || count == 0 || nj == null ? 0 : nj * images * 1e3 / count;
        };
    }
}
