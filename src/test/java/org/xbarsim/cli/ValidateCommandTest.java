package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void printsEveryKeyWithItsOrigin() {
        CliRun r = run("validate", "--config", "sim-configs/small.conf");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# sim-configs/small.conf: valid chip configuration 'small'"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("chip\\.name = \"small\" +# sim-configs/small\\.conf:\\d+")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("chip\\.clock-ghz = 1\\.28 +# sim-configs/defaults\\.conf:\\d+")),
                r.out());
        assertTrue(r.out().contains("#   logical columns per crossbar (L) = 4"), r.out());
        // By hand: arrays 50 + DACs 170 + ADCs 153600 + S&H 40 + shift-add 1920 = 155780 um^2 compute;
        // + buffers 41500 + 8533 + activation 2400 + pooling 960 + 2 routers 302000 + registers 2870
        // + 4 buses 360000 = 874043 (small.conf has no off-chip links).
        assertTrue(r.out().contains("#   whole-chip area (off-chip links included; no multipliers, no index) = 0.8740 mm^2, compute part 0.1558 mm^2"),
                r.out());
        assertEquals("", r.err());
    }

    @Test
    void aModelThatFitsIsSaidToRunWithItsCrossbarsAndTiles() {
        CliRun r = run("validate", "--config", "sim-configs/isaac.conf", "--model", "docs/results/lenet5-compressed.json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("('lenet5-compressed') can run on this chip: 9 crossbars on 1 tile\n"), r.out());
    }

    @Test
    void warningsGoToStandardErrorAndDoNotFail() {
        CliRun r = run("validate", "--config", "sim-configs/mnsim.conf");
        assertEquals(0, r.exit());
        assertTrue(r.err().contains("sim-configs/mnsim.conf:"), r.err());
        assertTrue(r.err().contains("chip.tile.adc.bits = 6: warning: below the 9 bits"), r.err());
    }

    @Test
    void brokenFileListsEveryProblemAndExitsTwo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, "base = \"" + Path.of("sim-configs/defaults.conf").toAbsolutePath() + "\"\n"
                + "chip.tilez = 4\nchip.tile.adc.bits = 0\n");
        CliRun r = run("validate", "--config", f.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains(f + ":2: chip.tilez = 4: unknown key (did you mean 'chip.tiles'?)"), r.err());
        assertTrue(r.err().contains(f + ":3: chip.tile.adc.bits = 0: must be in [1, 16]"), r.err());
    }

    @Test
    void missingFileExitsTwo() {
        CliRun r = run("validate", "--config", "no/such.conf");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no/such.conf: no such file"), r.err());
    }
}
