package org.xbarsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step is reused only when its folder holds a readable record equal to the one the rerun would write. */
class StepRecordTest {
    @TempDir
    Path dir;

    private static StepRecord record(String images) {
        TreeMap<String, String> in = new TreeMap<>();
        in.put("images", images);
        in.put("model-sha256", "ab12");
        return StepRecord.of("s1-compare-main", in);
    }

    @Test
    void matchesOnlyTheSameInputs() {
        assertFalse(record("8").matches(dir), "no record yet");
        record("8").writeInto(dir);
        assertTrue(record("8").matches(dir));
        assertFalse(record("9").matches(dir), "a changed input redoes the step");
    }

    @Test
    void aDamagedRecordCountsAsAbsent() throws IOException {
        record("8").writeInto(dir);
        Files.writeString(dir.resolve(StepRecord.FILE), "{\"format\": ");
        assertFalse(record("8").matches(dir));
    }

    @Test
    void spreadGivesMeanMinAndMax() {
        PaperResults.Spread s = PaperResults.Spread.of(List.of(2.0, 4.0, 9.0));
        assertEquals(3, s.n());
        assertEquals(5.0, s.mean(), 1e-12);
        assertEquals(2.0, s.min());
        assertEquals(9.0, s.max());
    }

    @Test
    void budgetFactorsNameTheirFolders() {
        assertEquals("4x", PaperExperiment.factorTag(4.0));
        assertEquals("2.5x", PaperExperiment.factorTag(2.5));
    }
}
