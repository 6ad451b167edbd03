package org.xbarsim.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbarsim.report.ReportJson;

/**
 * What a finished step was made from: its name and every input that shapes its output (options as
 * text, input files by SHA-256). Written as {@value #FILE} into the step's folder in the same commit
 * as its outputs, so a folder with a matching record is a finished step that a rerun may reuse.
 *
 * @param format always {@value #FORMAT}
 * @param step   the step's name (its folder's name)
 * @param inputs option and file-digest values by name
 */
public record StepRecord(String format, String step, SortedMap<String, String> inputs) {
    public static final String FORMAT = "xbarsim-experiment-step";
    public static final String FILE = "step.json";

    public StepRecord {
        inputs = new TreeMap<>(inputs);
    }

    public static StepRecord of(String step, SortedMap<String, String> inputs) {
        return new StepRecord(FORMAT, step, inputs);
    }

    /** True when {@code dir} holds a record equal to this one (an unreadable record counts as absent). */
    public boolean matches(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return equals(ReportJson.mapper().readValue(file.toFile(), StepRecord.class));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Writes the record into {@code dir} (a step folder before its commit). */
    public void writeInto(Path dir) {
        ReportJson.write(dir.resolve(FILE), this);
    }
}
