package org.xbarsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopLevelAssignmentsTest {
    @Test
    void findsTheTopLevelLinesOfAKeyBareOrQuoted() {
        String text = "base = \"isaac.conf\"\nchip.tiles = 4\n\"base\": \"small.conf\"\n";
        assertEquals(List.of(1, 3), TopLevelAssignments.lines(text, "base"));
    }

    @Test
    void skipsNestedKeysStringsCommentsAndOtherKeysStartingTheSame() {
        String text = """
                # base = "commented.conf"
                // base = "also commented.conf"
                chip { base = 3 }
                costs {
                  base = 4
                }
                note = \"\"\"
                base = "inside a triple-quoted string"
                \"\"\"
                name = "base = not a key"
                baseline = 2
                base = "the one.conf"
                """;
        assertEquals(List.of(12), TopLevelAssignments.lines(text, "base"));
    }

    @Test
    void arraysEscapedQuotesAndAStrayClosingBraceKeepTheDepthRight() {
        assertEquals(List.of(4), TopLevelAssignments.lines("models = [\n  { base = 2 }\n]\nbase = 3\n", "base"));
        assertEquals(List.of(2), TopLevelAssignments.lines("x = \"say \\\"{\\\" here\"\nbase = \"b.conf\"\n", "base"));
        assertEquals(List.of(2), TopLevelAssignments.lines("}\nbase = 1\n", "base"));
        assertEquals(List.of(), TopLevelAssignments.lines("chip {\n  tiles = 4\n  base = 3\n}\n", "base"));
        assertEquals(List.of(), TopLevelAssignments.lines("list = [\n  1, 2\n  { base = 3 }\n]\n", "base"));
    }

    @Test
    void aTextThatEndsMidwayIsReadToItsEnd() {
        assertEquals(List.of(), TopLevelAssignments.lines("x = 1\nbase", "base"));
        assertEquals(List.of(), TopLevelAssignments.lines("x = \"unterminated", "base"));
        assertEquals(List.of(1), TopLevelAssignments.lines("base = \"\"\"never closed", "base"));
        assertEquals(List.of(), TopLevelAssignments.lines("# only a comment", "base"));
    }
}
