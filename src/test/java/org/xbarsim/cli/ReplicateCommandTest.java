package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;

/** --replicate through the command line: map prints the plan, simulate records it, replay re-runs it byte for byte. */
class ReplicateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void mapPrintsCopiesAndTheIntervalAndSimulateIsReplayedWithTheSameCopies() throws IOException {
        Path model = tmp.resolve("lenet.json");
        ModelFile.write(model, RandomModels.lenet5(9));
        String config = Path.of("sim-configs/isaac.conf").toAbsolutePath().toString();
        CliRun map = CliRun.run("map", "--model", model.toString(), "--config", config, "--replicate", "conv1=3");
        assertEquals(0, map.exit(), map.err());
        assertTrue(map.out().matches("(?s).*conv1\\s+3\\s+3\\s+784\\s+1024\\s+270336.*"), map.out());
        assertTrue(map.out().contains("expected interval between images"), map.out());

        Path dir = tmp.resolve("run");
        CliRun sim = CliRun.run("simulate", "--model", model.toString(), "--config", config, "--images", "2", "--quiet",
                "--replicate", "conv1=3", "--out", dir.toString());
        assertEquals(0, sim.exit(), sim.err());
        assertTrue(sim.err().contains("replication: conv1 x3"), sim.err());
        assertTrue(Files.readString(dir.resolve("run.json")).contains("\"choice\": \"conv1=3\""));
        CliRun verify = CliRun.run("replay", "--verify", dir.toString());
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().contains("verified"), verify.out());

        Path plain = tmp.resolve("plain");
        assertEquals(0, CliRun.run("simulate", "--model", model.toString(), "--config", config, "--images", "1", "--quiet",
                "--out", plain.toString()).exit());
        assertFalse(Files.readString(plain.resolve("run.json")).contains("replicate"), "a run without the options records none");
    }
}
