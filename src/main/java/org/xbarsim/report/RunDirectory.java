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
