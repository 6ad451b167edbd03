package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results that cannot be written to standard output end the command with an error, not status 0. */
class StandardOutputTest {
    @TempDir
    Path tmp;

    @Test
    void resultsSentToAFullDiskEndWithStatusOneAndTheReason() throws Exception {
        Path installation = Path.of("").toAbsolutePath();
        Path err = tmp.resolve("err.txt");
        Process p = XbarsimProcess.in(installation).start(List.of("validate", "--config", "sim-configs/isaac.conf"),
                Path.of("/dev/full"), err);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(Main.EXIT_RESULTS_NOT_WRITTEN, p.exitValue(), Files.readString(err));
        assertEquals("xbarsim: could not write the results to standard output (No space left on device)\n", Files.readString(err));
    }

    @Test
    void resultsWrittenInFullEndWithTheCommandsStatus() throws Exception {
        Path installation = Path.of("").toAbsolutePath();
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = XbarsimProcess.in(installation).start(List.of("validate", "--config", "sim-configs/isaac.conf"), out, err);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertTrue(Files.readString(out).startsWith("# sim-configs/isaac.conf: valid chip configuration 'isaac'"));
        assertEquals("", Files.readString(err));
    }
}
