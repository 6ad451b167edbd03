package org.xbarsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;

class OutputsTest {
    @TempDir
    Path dir;

    @Test
    void oneCompactLinePerImageInFixedKeyOrder() throws Exception {
        Path file = dir.resolve("outputs.jsonl");
        List<ImageOutput> outs = List.of(
                ImageOutput.of(0, 9, new int[] {-1203, 88, 4000}),
                ImageOutput.of(1, null, new long[] {5, 5, 1}),
                ImageOutput.of(2, 1, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}));
        try (OutputsWriter w = OutputsWriter.create(file)) {
            outs.forEach(w::write);
            assertEquals(3, w.lines());
        }
        assertEquals("""
                {"index":0,"label":9,"predicted":2,"logits":[-1203,88,4000]}
                {"index":1,"label":null,"predicted":0,"logits":[5,5,1]}
                {"index":2,"label":1,"predicted":1,"logits":[-9223372036854775808,9223372036854775807]}
                """, Files.readString(file));
        assertEquals(outs, OutputsReader.readAll(file));
        assertTrue(outs.get(2).correct());
        assertEquals(0, outs.get(1).predicted(), "a tie goes to the lowest class");
    }

    @Test
    void badLinesAreNamedByFileAndLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"index\":0,\"label\":1,\"predicted\":0,\"logits\":[3,1]}\n"
                + "{\"index\":1,\"label\":1,\"predicted\":0,\"logits\":[3,\"x\"]}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> OutputsReader.readAll(file));
        assertEquals(file + ":2: field 'logits' holds a non-integer: \"x\"", e.getMessage());
        Files.writeString(file, "{\"index\":0,\"label\":1,\"predicted\":5,\"logits\":[3,1]}\n");
        e = assertThrows(UserInputException.class, () -> OutputsReader.readAll(file));
        assertEquals(file + ":1: image 0: predicted class 5 outside [0, 2)", e.getMessage());
    }
}
