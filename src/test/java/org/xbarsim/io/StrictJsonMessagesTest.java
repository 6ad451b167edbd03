package org.xbarsim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;

/** Jackson's messages, as a user reads them: no "[Source: REDACTED ...]", a cut-short file said in words. */
class StrictJsonMessagesTest {
    private static String refusal(String json) {
        return assertThrows(UserInputException.class, () -> StrictJson.readTree("m.json", json)).getMessage();
    }

    @Test
    void aFileCutShortSaysWhatWasLeftOpenAndWhere() {
        assertEquals("m.json:2:7: not valid JSON: the JSON ends before the object opened at line 1, column 1 is closed (cut short?)",
                refusal("{\n\"a\": 1"));
        assertEquals("m.json:1:6: not valid JSON: the JSON ends before the list opened at line 1, column 2 is closed (cut short?)",
                refusal("[[1,2"));
        assertEquals("m.json:1:10: not valid JSON: Unexpected end-of-input: was expecting closing quote for a string value (cut short?)",
                refusal("{\"a\": \"bc"));
        byte[] longString = ("{\"a\": \"" + "x".repeat(10_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String m = assertThrows(UserInputException.class, () -> StrictJson.readTree("m.json", longString)).getMessage();
        assertEquals("m.json:1:10008: not valid JSON: Unexpected end-of-input inside a string (cut short?)", m);
    }

    @Test
    void noMessageNamesJacksonsHiddenSource() {
        for (String json : new String[] {"{\"a\": }", "{\"a\" 1}", "[1 2]", "{", "nul"}) {
            String m = refusal(json);
            assertEquals(-1, m.indexOf("Source:"), m);
            assertEquals(-1, m.indexOf("REDACTED"), m);
        }
        // found by a user trial: Jackson's feature names and constraint names
        assertEquals("m.json:1:6: not valid JSON: Non-standard token 'NaN' (not allowed in JSON)", refusal("[[NaN]]"));
        String deep = refusal("[".repeat(5000));
        assertEquals(-1, deep.indexOf("StreamReadConstraints"), deep);
        assertEquals(-1, deep.indexOf('`'), deep);
        assertEquals("plain words", StrictJson.plain("plain words at [Source: REDACTED (`x` disabled); line: 1, column: 2]"));
    }
}
