package org.xbarsim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.xbarsim.io.ProgressOutput.Style;

class ProgressOutputTest {
    @Test
    void theLaunchersWordOnStandardErrorDecidesNotTheConsole() {
        // stdout redirected to a file, stderr on the terminal: no console, yet redraw in place
        assertEquals(Style.TERMINAL, Style.forStderr(false, "true", false));
        // stderr redirected to a file, stdout on the terminal: a console, yet plain lines (no escape codes in the file)
        assertEquals(Style.LINES, Style.forStderr(false, "false", true));
        // run without the launcher (tests, an IDE): the console stands for it
        assertEquals(Style.TERMINAL, Style.forStderr(false, null, true));
        assertEquals(Style.LINES, Style.forStderr(false, null, false));
        assertEquals(Style.OFF, Style.forStderr(true, "true", true));
    }

    @Test
    void plainLinesCarryNoTerminalCodesAndClearingThemWritesNothing() {
        StringWriter w = new StringWriter();
        ProgressOutput p = new ProgressOutput(new PrintWriter(w), Style.LINES, 0);
        p.show("simulate:  50% (1/2 images)", false);
        p.clear();
        assertEquals("simulate:  50% (1/2 images)" + System.lineSeparator(), w.toString());
        StringWriter t = new StringWriter();
        ProgressOutput q = new ProgressOutput(new PrintWriter(t), Style.TERMINAL, 0);
        q.show("simulate:  50%", false);
        q.clear();
        assertEquals("\r\033[Ksimulate:  50%\r\033[K", t.toString());
    }
}
