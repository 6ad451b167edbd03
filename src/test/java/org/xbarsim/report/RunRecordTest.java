package org.xbarsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;

/** {@code run.json} as read back by replay: an edited or damaged file is refused by field, never with a stack trace. */
class RunRecordTest {
    @TempDir
    Path dir;

    private static RunRecord sample() {
        return RunRecord.of(new RunRecord.FileRef("/models/m.json", "ab12"), new RunRecord.FileRef("/configs/c.conf", "cd34"),
                new RunRecord.Inputs("synthetic", null, "test", 0, 2, null), false, false,
                new RunRecord.Allocation(1, 9, false), Map.of("chip.clock-ghz", "1.28"));
    }

    /** Writes the sample with {@code edit} applied to its JSON tree, and reads it back. */
    private RunRecord readEdited(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode tree = (ObjectNode) ReportJson.mapper().readTree(ReportJson.toJson(sample()));
        edit.accept(tree);
        Files.writeString(dir.resolve(RunRecord.FILE), ReportJson.mapper().writeValueAsString(tree));
        return RunRecord.read(dir);
    }

    private String refusal(Consumer<ObjectNode> edit) {
        return assertThrows(UserInputException.class, () -> readEdited(edit)).getMessage();
    }

    @Test
    void aWrittenRecordReadsBack() throws Exception {
        assertEquals(sample(), readEdited(t -> { }));
    }

    @Test
    void aCompareFolderNamesItsTwoRuns() throws Exception {
        Path compare = Files.createDirectories(dir.resolve("cmp"));
        Files.createDirectories(compare.resolve("compressed"));
        Files.writeString(compare.resolve("compressed").resolve(RunRecord.FILE), ReportJson.toJson(sample()));
        String m = assertThrows(UserInputException.class, () -> RunRecord.read(compare)).getMessage();
        assertEquals(compare + ": a compare output (no run.json of its own): its two simulation runs are "
                + compare.resolve("compressed") + " and " + compare.resolve("baseline"), m);
    }

    @Test
    void aNegativeAllocationIsRefusedByName() {
        // it reached cost.Allocation.of, whose IllegalArgumentException printed a stack trace
        String m = refusal(t -> ((ObjectNode) t.get("allocation")).put("crossbars", -1));
        assertTrue(m.startsWith(dir.resolve(RunRecord.FILE) + ": not a valid run record"), m);
        assertTrue(m.contains("allocation.crossbars = -1: must be >= 0"), m);
        assertTrue(refusal(t -> ((ObjectNode) t.get("allocation")).put("tiles-used", -3))
                .contains("allocation.tiles-used = -3: must be >= 0"));
    }

    @Test
    void aWrongTypeIsNamedByItsFieldNotByJavaTypes() {
        String m = refusal(t -> t.putArray("architecture").add(1));
        assertTrue(m.contains("field 'architecture' has the wrong type (an object expected)"), m);
        assertTrue(!m.contains("LinkedHashMap"), m);
        String n = refusal(t -> ((ObjectNode) t.get("allocation")).put("crossbars", "nine"));
        assertTrue(n.contains("field 'allocation.crossbars' has the wrong type (a number expected)"), n);
    }

    @Test
    void aMissingFilePathOrDigestIsRefusedByName() {
        // a null model path reached Path.of in replay --verify: NullPointerException
        String m = refusal(t -> ((ObjectNode) t.get("model")).putNull("path"));
        assertTrue(m.contains("model.path: is missing"), m);
        assertTrue(refusal(t -> ((ObjectNode) t.get("config")).remove("sha256")).contains("config.sha256: is missing"));
        // an --input file's record without its path reached Path.of(null) in replay --verify
        String i = refusal(t -> ((ObjectNode) t.get("inputs")).putObject("file").put("sha256", "ef56"));
        assertTrue(i.contains("inputs.file.path: is missing"), i);
    }
}
