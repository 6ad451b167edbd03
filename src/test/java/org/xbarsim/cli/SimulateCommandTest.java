package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import picocli.CommandLine;

/** The simulate command end to end: determinism across runs and thread counts, bit-exactness, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulateCommandTest {
    Path tmp;
    Path model;
    Path input;
    Path defaults = Path.of("sim-configs/defaults.conf").toAbsolutePath();

    record Run(int exit, String out, String err) {}

    @BeforeAll
    void files() throws IOException {
        tmp = Files.createTempDirectory("xbarsim-simulate-test");
        model = tmp.resolve("lenet.json");
        ModelFile.write(model, RandomModels.lenet5(9));
        input = RandomImages.write(tmp.resolve("images.json"), 1, 3, 784);
    }

    private Run run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path config(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "base = \"" + defaults + "\"\n" + body + "\n");
        return p;
    }

    @Test
    void twoRunsAndOneVersusThreeThreadsWriteIdenticalBytesAndMatchTheGoldenEngine() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Run ra = run("simulate", "--model", model.toString(), "--config", defaults.toString(), "--input", input.toString(),
                "--ideal-adc", "--threads", "1", "--quiet", "--out", a.toString());
        assertEquals(0, ra.exit(), ra.err());
        Run rb = run("simulate", "--model", model.toString(), "--config", defaults.toString(), "--input", input.toString(),
                "--ideal-adc", "--threads", "3", "--quiet", "--out", b.toString());
        assertEquals(0, rb.exit(), rb.err());
        for (String f : List.of("report.json", "report.md", "outputs.jsonl", "trace.xbt")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        JsonNode info = new ObjectMapper().readTree(a.resolve("run-info.json").toFile());
        List<String> phases = new java.util.ArrayList<>();
        double simulated = -1;
        for (JsonNode p : info.get("phases")) {
            phases.add(p.get("name").asText());
            assertTrue(p.get("seconds").asDouble() >= 0, p.toString());
            assertTrue(p.get("cpu-seconds").asDouble() >= 0, p.toString());
            simulated = p.get("name").asText().equals("simulate") ? p.get("seconds").asDouble() : simulated;
        }
        assertEquals(List.of("start-jvm-and-command-line", "read-map-and-wire", "read-images-and-prepare", "simulate", "golden-check-and-outputs",
                "summarize-trace", "write-report"), phases);
        assertEquals(info.get("wall-seconds").asDouble(), simulated, 0.05);
        assertEquals(1, info.get("threads").asInt(), "the run's own --threads");
        JsonNode infoB = new ObjectMapper().readTree(b.resolve("run-info.json").toFile());
        assertEquals(3, infoB.get("threads").asInt());
        assertTrue(info.get("windows").asLong() > 0 && info.get("windows").asLong() <= info.get("events").asLong(), info.toString());
        JsonNode rep = new ObjectMapper().readTree(a.resolve("report.json").toFile());
        assertEquals(3, rep.at("/bit-exactness/images-compared").asInt());
        assertEquals(3, rep.at("/bit-exactness/matching").asInt());
        assertEquals(3, rep.at("/bit-exactness/same-class").asInt());
        assertTrue(rep.at("/latency/cycles").asLong() > 0);
        assertTrue(rep.at("/energy/action-counts/adc~1convert").asLong() > 0, rep.toString());
        assertTrue(rep.at("/power/peak-mw").asDouble() >= rep.at("/power/total-average-mw").asDouble() * 0.999);
        // the summary is the command's result: on standard output, so `simulate ... > summary.txt` keeps it
        assertTrue(ra.out().contains("bit-exact vs golden engine: 3 of 3 images"), ra.out());
        assertTrue(ra.out().contains("wrote " + a + "/{report.json"), ra.out());
        assertFalse(ra.err().contains("bit-exact vs golden engine"), ra.err());
    }

    @Test
    void twoImageFilesJoinedIntoOneAreRefusedNotReadAsTheFirst() throws IOException {
        Path joined = tmp.resolve("joined.json");
        String one = Files.readString(input);
        Files.writeString(joined, one + "\n" + one);
        Run r = run("simulate", "--model", model.toString(), "--config", defaults.toString(), "--input", joined.toString(),
                "--quiet", "--out", tmp.resolve("joined").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(joined + ":") && r.err().contains("more data after the end of the JSON value"), r.err());
        assertFalse(Files.exists(tmp.resolve("joined")));
    }

    @Test
    void theSummaryNamesTheFirstImageByItsIndexInTheDataSet() {
        Run r = run("simulate", "--model", model.toString(), "--config", defaults.toString(), "--dataset", "synthetic",
                "--first", "2", "--images", "1", "--ideal-adc", "--quiet", "--out", tmp.resolve("first2").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*simulated 1 image\\(s\\) of .*: \\d+ cycles for image 2 \\(.*"), r.out());
    }

    @Test
    void withoutThreadsTheRunUsesAllProcessorsButOne() throws IOException {
        Path out = tmp.resolve("default-threads");
        Run r = run("simulate", "--model", model.toString(), "--config", defaults.toString(), "--input", input.toString(),
                "--ideal-adc", "--quiet", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode info = new ObjectMapper().readTree(out.resolve("run-info.json").toFile());
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, Math.min(org.xbarsim.Limits.MAX_THREADS, processors - 1)), info.get("threads").asInt(),
                info.toString());
    }

    @Test
    void aFourBitAdcChangesResultsAndTheReportNamesTheFirstDifference() throws IOException {
        Path cfg = config("adc4.conf", "chip.tile.adc.bits = 4");
        Path out = tmp.resolve("adc4");
        Run r = run("simulate", "--model", model.toString(), "--config", cfg.toString(), "--input", input.toString(), "--quiet",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode rep = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(rep.at("/bit-exactness/matching").asInt() < 3);
        assertEquals("conv1", rep.at("/bit-exactness/first-mismatch/layer").asText(), rep.at("/bit-exactness").toString());
        assertTrue(r.out().contains("first mismatch: image 0, layer 'conv1'"), r.out());
    }

    @Test
    void anInputOfTheWrongShapeIsRejectedAndLeavesNoOutput() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[1, 2, 3]");
        Path out = tmp.resolve("bad-out");
        Run r = run("simulate", "--model", model.toString(), "--config", defaults.toString(), "--input", bad.toString(), "--out",
                out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.json") && r.err().contains("784"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aModelThatDoesNotFitIsRejectedAndLeavesNoOutput() throws IOException {
        Path cfg = config("tiny.conf", "chip { tiles = 1, tile.crossbars = 4 }");
        Path out = tmp.resolve("nofit");
        Run r = run("simulate", "--model", model.toString(), "--config", cfg.toString(), "--input", input.toString(), "--out",
                out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cannot be mapped onto") && r.err().contains("tiny.conf") && r.err().contains("does not fit"),
                r.err());
        assertFalse(Files.exists(out));
        try (var s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".nofit")), "no partial directory left");
        }
    }

    @Test
    void dataSetOptionsBesideAnInputFileAreRefusedRatherThanIgnored() {
        Path out = tmp.resolve("input-and-images");
        for (String[] extra : List.of(new String[] {"--images", "5"}, new String[] {"--dataset", "synthetic"},
                new String[] {"--first", "3"}, new String[] {"--split", "train"}, new String[] {"--data-dir", tmp.toString()})) {
            List<String> args = new java.util.ArrayList<>(List.of("simulate", "--model", model.toString(), "--config",
                    defaults.toString(), "--input", input.toString(), "--out", out.toString()));
            args.addAll(List.of(extra));
            Run r = run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), String.join(" ", extra));
            assertTrue(r.err().contains(extra[0] + " chooses images of a data set; with --input FILE every image of the file runs"),
                    r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void badOptionsAreRejectedBeforeAnythingIsWritten() {
        Path out = tmp.resolve("opts");
        Run r = run("simulate", "--model", model.toString(), "--config", defaults.toString(), "--input", input.toString(),
                "--threads", "0", "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--threads 0: must be between 1 and 256"), r.err());
        Run r2 = run("simulate", "--model", tmp.resolve("missing.json").toString(), "--config", defaults.toString(), "--input",
                input.toString(), "--out", out.toString());
        assertEquals(2, r2.exit());
        assertTrue(r2.err().contains("missing.json"), r2.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void helpDescribesTheOutputs() {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("simulate", "--help"));
        String help = out.toString();
        for (String named : List.of("--ideal-adc", "--force", "--threads", "report.json", "run-info.json", "outputs.jsonl",
                "trace.xbt")) {
            assertTrue(help.contains(named), "help names " + named + ":\n" + help);
        }
    }

    @Test
    void aConverterPricedAtAnotherResolutionIsWarnedAboutAsValidateDoes() throws IOException {
        // found by a user trial: validate and cost warned, simulate priced 4-bit DACs as 1-bit ones without a word
        Path dac = config("dac4.conf", "chip.tile.dac.bits = 4");
        Run r = run("simulate", "--model", model.toString(), "--config", dac.toString(), "--input", input.toString(),
                "--ideal-adc", "--quiet", "--out", tmp.resolve("dac4").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("costs.dac.resolution-bits = 1: warning: costs.dac figures are for 1-bit converters but"
                + " chip.tile.dac.bits = 4"), r.err());
        assertFalse(r.err().contains("adc.bits"), "the ADC's width is the bit-exactness line's to report: " + r.err());
    }

    @Test
    void theSummaryIsTheSameBytesRunAfterRunAndTheTimeGoesToStandardErrorUnlessQuiet() {
        Path out = tmp.resolve("again");
        String[] args = {"simulate", "--model", model.toString(), "--config", defaults.toString(), "--input", input.toString(),
                "--quiet", "--force", "--out", out.toString()};
        Run first = run(args);
        Run second = run(args);
        assertEquals(0, first.exit(), first.err());
        assertEquals(first.out(), second.out(), "a script may diff the summary against a saved copy");
        assertFalse(first.out().matches("(?s).* s \\(\\d+ events/s\\).*"), first.out());
        assertEquals("", first.err(), "--quiet: no progress and no time");
        Run timed = run(java.util.stream.Stream.of(args).filter(a -> !a.equals("--quiet")).toArray(String[]::new));
        assertEquals(first.out(), timed.out());
        assertTrue(timed.err().matches("(?s)(.*\\R)?simulate: \\d+ events in \\d+\\.\\d\\d s \\(\\d+ events/s\\)\\R"),
                timed.err());
    }
}
