package org.xbarsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.report.OutputDirectory;

/** The first difference between two run directories, named by file and then by key or line. */
class RunDifferencesTest {
    @TempDir
    Path tmp;

    private Path dir(String name, String report, String outputs) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("report.json"), report);
        Files.writeString(d.resolve("outputs.jsonl"), outputs);
        Files.writeString(d.resolve("run-info.json"), "{\"wall-seconds\": " + name.length() + "}\n");
        Files.writeString(d.resolve(OutputDirectory.MARKER), name);
        return d;
    }

    @Test
    void equalDirectoriesHaveNoDifferenceWhateverTheirRunInfo() throws IOException {
        Path a = dir("a", "{\"x\": 1}\n", "{\"index\":0}\n");
        Path b = dir("bb", "{\"x\": 1}\n", "{\"index\":0}\n");
        assertNull(RunDifferences.first(a, b));
        assertEquals(List.of("outputs.jsonl", "report.json"), RunDifferences.files(a, b));
    }

    @Test
    void aJsonFileIsNamedByItsFirstDifferingKey() throws IOException {
        Path a = dir("a", "{\"x\": {\"y\": 1, \"z\": 2}}\n", "");
        Path b = dir("b", "{\"x\": {\"y\": 1, \"z\": 3}}\n", "");
        assertEquals(a.resolve("report.json") + ": key x.z is 2, the re-run gives 3", RunDifferences.first(a, b));
    }

    @Test
    void aTextFileIsNamedByItsFirstDifferingLine() throws IOException {
        Path a = dir("a", "{}\n", "{\"index\":0}\n{\"index\":1}\n");
        Path b = dir("b", "{}\n", "{\"index\":0}\n{\"index\":2}\n");
        assertEquals(a.resolve("outputs.jsonl") + ": line 2 is '{\"index\":1}', the re-run gives '{\"index\":2}'",
                RunDifferences.first(a, b));
        Path c = dir("c", "{}\n", "{\"index\":0}\n");
        assertEquals(a.resolve("outputs.jsonl") + ": line 2: missing (the re-run's has more lines)", RunDifferences.first(c, a)
                .replace(c.toString(), a.toString()));
    }

    @Test
    void aFileOnlyOneSideHasIsNamed() throws IOException {
        Path a = dir("a", "{}\n", "");
        Path b = dir("b", "{}\n", "");
        Files.writeString(b.resolve("trace.xbt"), "x");
        assertEquals(a.resolve("trace.xbt") + ": missing (the re-run wrote it)", RunDifferences.first(a, b));
        assertEquals(b.resolve("trace.xbt") + ": the re-run did not write it", RunDifferences.first(b, a));
    }

    @Test
    void aTimelineExportedIntoTheRunIsNotCompared() throws IOException {
        Path a = dir("a", "{}\n", "");
        Path b = dir("b", "{}\n", "");
        Files.writeString(a.resolve("timeline.json"), "{\"traceEvents\": []}\n");
        assertNull(RunDifferences.first(a, b));
        assertEquals(List.of("outputs.jsonl", "report.json"), RunDifferences.files(a, b));
        Files.writeString(a.resolve("timeline-tile0.json"), "{}\n");
        assertEquals(a.resolve("timeline-tile0.json") + ": the re-run did not write it", RunDifferences.first(a, b));
    }
}
