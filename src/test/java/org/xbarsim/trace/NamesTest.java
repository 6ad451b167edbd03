package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamesTest {
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Test
    void kebabCaseNamesAreValidAndNothingElse() {
        for (String ok : new String[] {"a", "shift-add", "input-buffer", "x2", "2-b-c"}) {
            assertTrue(Names.isValid(ok), ok);
        }
        for (String bad : new String[] {"", "-a", "a-", "a--b", "Shift-add", "a_b", "a b", "é", "-"}) {
            assertFalse(Names.isValid(bad), bad);
        }
        assertFalse(Names.isValid(null));
    }

    @Test
    void theCheckAgreesWithTheRegularExpressionItSpellsOut() {
        String alphabet = "ab09-Z_ /";
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = rnd.nextInt(7); i > 0; i--) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String s = b.toString();
            assertEquals(KEBAB.matcher(s).matches(), Names.isValid(s), s);
        }
    }
}
