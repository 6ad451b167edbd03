package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;

/** simulate --mapping: the chip wired from map's file gives the bytes of mapping in-process; a file for another chip is refused. */
class SimulateMappingTest {
    @TempDir
    Path tmp;

    @Test
    void aMappingFileSimulatesToTheSameBytesAsMappingInProcess() throws IOException {
        Path model = tmp.resolve("lenet.json");
        ModelFile.write(model, RandomModels.lenet5(9));
        String config = Path.of("sim-configs/isaac.conf").toAbsolutePath().toString();
        Path file = tmp.resolve("mapping.json");
        CliRun map = CliRun.run("map", "--model", model.toString(), "--config", config, "--replicate", "conv1=3,conv2=2",
                "--out", file.toString());
        assertEquals(0, map.exit(), map.err());

        Path inProcess = tmp.resolve("in-process");
        CliRun a = CliRun.run("simulate", "--model", model.toString(), "--config", config, "--images", "2", "--quiet",
                "--replicate", "conv1=3,conv2=2", "--out", inProcess.toString());
        assertEquals(0, a.exit(), a.err());
        Path fromFile = tmp.resolve("from-file");
        CliRun b = CliRun.run("simulate", "--model", model.toString(), "--config", config, "--images", "2", "--quiet",
                "--mapping", file.toString(), "--out", fromFile.toString());
        assertEquals(0, b.exit(), b.err());
        for (String f : new String[] {"report.json", "trace.xbt", "outputs.jsonl", "report.md"}) {
            assertArrayEquals(Files.readAllBytes(inProcess.resolve(f)), Files.readAllBytes(fromFile.resolve(f)), f);
        }
        String record = Files.readString(fromFile.resolve("run.json"));
        assertTrue(record.contains("\"mapping\""), "run.json records the mapping file");
        assertTrue(record.contains("\"version\": 2"), "the mapping key came with run record version 2: " + record);
        assertTrue(Files.readString(inProcess.resolve("run.json")).contains("\"version\": 1"), "a run without one keeps version 1");
        CliRun verify = CliRun.run("replay", "--verify", fromFile.toString());
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().contains("verified"), verify.out());
    }

    @Test
    void aMappingForAnotherChipOrWithReplicateIsRefused() throws IOException {
        Path model = tmp.resolve("lenet.json");
        ModelFile.write(model, RandomModels.lenet5(9));
        Path file = tmp.resolve("mapping.json");
        assertEquals(0, CliRun.run("map", "--model", model.toString(), "--config",
                Path.of("sim-configs/defaults.conf").toAbsolutePath().toString(), "--out", file.toString()).exit());
        String isaac = Path.of("sim-configs/isaac.conf").toAbsolutePath().toString();
        CliRun other = CliRun.run("simulate", "--model", model.toString(), "--config", isaac, "--quiet", "--mapping",
                file.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, other.exit(), other.err());
        assertTrue(other.err().contains(file + ": mapping file refused for model"), other.err());
        assertTrue(other.err().contains("$.target."), other.err());
        assertTrue(!other.err().contains("Exception"), other.err());

        CliRun both = CliRun.run("simulate", "--model", model.toString(), "--config", isaac, "--quiet", "--mapping",
                file.toString(), "--replicate", "auto", "--out", tmp.resolve("y").toString());
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("leave out --replicate"), both.err());
    }

    @Test
    void aRequestReplayFromAMappingFileGivesTheBytesOfMappingInProcess() throws IOException {
        Path model = tmp.resolve("lenet.json");
        ModelFile.write(model, RandomModels.lenet5(9));
        Path config = tmp.resolve("copies.conf");
        Files.writeString(config, "base = \"" + Path.of("sim-configs/isaac.conf").toAbsolutePath()
                + "\"\nmapping.replicate = \"conv1=2\"\n");
        Path requests = tmp.resolve("requests.jsonl");
        Files.writeString(requests, "{\"format\":\"xbarsim-requests\",\"version\":1,\"arrival-unit\":\"cycles\",\"dataset\":\"synthetic\"}\n"
                + "{\"id\":\"a\",\"arrival\":0,\"index\":0}\n{\"id\":\"b\",\"arrival\":5,\"index\":1}\n");
        Path file = tmp.resolve("plan.json");
        assertEquals(0, CliRun.run("map", "--model", model.toString(), "--config", config.toString(), "--out", file.toString()).exit());
        Path inProcess = tmp.resolve("in-process");
        CliRun a = CliRun.run("replay", "--requests", requests.toString(), "--model", model.toString(), "--config", config.toString(),
                "--quiet", "--out", inProcess.toString());
        assertEquals(0, a.exit(), a.err());
        Path fromFile = tmp.resolve("from-file");
        CliRun b = CliRun.run("replay", "--requests", requests.toString(), "--model", model.toString(), "--config", config.toString(),
                "--quiet", "--mapping", file.toString(), "--out", fromFile.toString());
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.err().contains("mapping.replicate = \"conv1=2\" is not used"), b.err());
        for (String f : new String[] {"requests.jsonl", "report.json", "trace.xbt"}) {
            assertArrayEquals(Files.readAllBytes(inProcess.resolve(f)), Files.readAllBytes(fromFile.resolve(f)), f);
        }
    }

    @Test
    void aConfigsDuplicationIsNotUsedWithAMappingFileAndTheRunSaysSo() throws IOException {
        Path model = tmp.resolve("lenet.json");
        ModelFile.write(model, RandomModels.lenet5(9));
        Path config = tmp.resolve("auto.conf");
        Files.writeString(config, "base = \"" + Path.of("sim-configs/isaac.conf").toAbsolutePath() + "\"\nmapping.replicate = \"auto\"\n");
        Path file = tmp.resolve("mapping.json");
        assertEquals(0, CliRun.run("map", "--model", model.toString(), "--config",
                Path.of("sim-configs/isaac.conf").toAbsolutePath().toString(), "--out", file.toString()).exit());
        CliRun run = CliRun.run("simulate", "--model", model.toString(), "--config", config.toString(), "--quiet", "--mapping",
                file.toString(), "--out", tmp.resolve("z").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains(config + ": mapping.replicate = \"auto\" is not used: the mapping file " + file
                + " fixes the copies of every layer"), run.err());
    }
}
