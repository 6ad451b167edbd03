package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.model.Shape;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvalCommandTest {
    @TempDir
    static Path dir;
    Path lenet;
    IntModel model;

    @BeforeAll
    void writeModels() {
        model = RandomModels.lenet5(21);
        lenet = dir.resolve("lenet.json");
        ModelFile.write(lenet, model);
    }


    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void printsTheAccuracyTheEngineGivesWhateverTheThreadCount() {
        CliRun one = run("eval", "--model", lenet.toString(), "--dataset", "synthetic", "--limit", "150", "--threads", "1");
        CliRun three = run("eval", "--model", lenet.toString(), "--dataset", "synthetic", "--limit", "150", "--threads", "3",
                "--quiet");
        assertEquals(0, one.exit(), one.err());
        assertEquals(one.out(), three.out());
        assertTrue(one.err().contains("evaluated 150 images in "), one.err());
        assertEquals("", three.err(), "--quiet: no progress, no time");
        ImageSet images = DataSets.load("synthetic", null, Split.TEST).first(150);
        GoldenEngine e = new GoldenEngine(model);
        int correct = 0;
        for (int i = 0; i < images.size(); i++) {
            correct += e.runRaw(images.image(i)).predicted() == images.label(i) ? 1 : 0;
        }
        String expected = String.format(Locale.ROOT, "top-1 accuracy: %.4f (%d / 150 correct)", correct / 150.0, correct);
        assertTrue(one.out().contains(expected), one.out());
        assertTrue(one.err().contains("images/s with 1 thread"), one.err());
    }

    @Test
    void inputShapeMismatchIsAClearError() {
        Path vgg = dir.resolve("vgg.json");
        ModelFile.write(vgg, RandomModels.vgg16(1, 1, new Shape(3, 32, 32)));
        CliRun r = run("eval", "--model", vgg.toString(), "--dataset", "synthetic");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertEquals("xbarsim eval: " + vgg + ": $.input.shape is 3x32x32 but data set synthetic has 1x28x28 images:"
                + " this model was not made for this data set", r.err().trim());
    }

    @Test
    void badOptionsAreClearErrors() {
        CliRun r = run("eval", "--model", lenet.toString(), "--dataset", "mnits");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("--dataset mnits: unknown data set (did you mean 'mnist'?)"), r.err());
        r = run("eval", "--model", lenet.toString(), "--dataset", "synthetic", "--threads", "0");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("--threads 0: must be between 1 and 256"), r.err());
        r = run("eval", "--model", dir.resolve("none.json").toString(), "--dataset", "synthetic");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("none.json: model file not found"), r.err());
    }

    @Test
    void jsonGivesTheSameAccuracyWithEachClassAndTheConfusionMatrix() throws java.io.IOException {
        CliRun text = run("eval", "--model", lenet.toString(), "--dataset", "synthetic", "--limit", "120", "--threads", "1");
        CliRun one = run("eval", "--model", lenet.toString(), "--dataset", "synthetic", "--limit", "120", "--threads", "1",
                "--json");
        CliRun two = run("eval", "--model", lenet.toString(), "--dataset", "synthetic", "--limit", "120", "--threads", "2",
                "--json");
        assertEquals(0, one.exit(), one.err());
        assertEquals(one.out(), two.out());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(one.out());
        assertEquals("xbarsim-eval", j.get("format").asText());
        assertEquals(120, j.get("images").asInt());
        int correct = j.get("correct").asInt();
        assertTrue(text.out().contains("(" + correct + " / 120 correct)"), text.out() + " / " + correct);
        ImageSet images = DataSets.load("synthetic", null, Split.TEST).first(120);
        GoldenEngine e = new GoldenEngine(model);
        int[][] expected = new int[images.numClasses()][images.numClasses()];
        for (int i = 0; i < images.size(); i++) {
            expected[images.label(i)][e.runRaw(images.image(i)).predicted()]++;
        }
        com.fasterxml.jackson.databind.JsonNode confusion = j.get("confusion");
        assertEquals(images.numClasses(), confusion.size());
        int diagonal = 0;
        for (int c = 0; c < expected.length; c++) {
            int n = 0;
            for (int p = 0; p < expected.length; p++) {
                assertEquals(expected[c][p], confusion.get(c).get(p).asInt(), "confusion[" + c + "][" + p + "]");
                n += expected[c][p];
            }
            com.fasterxml.jackson.databind.JsonNode pc = j.get("per-class").get(c);
            assertEquals(c, pc.get("label").asInt());
            assertEquals(n, pc.get("images").asInt());
            assertEquals(expected[c][c], pc.get("correct").asInt());
            diagonal += expected[c][c];
        }
        assertEquals(diagonal, correct);
        assertEquals(correct / 120.0, j.get("accuracy").asDouble(), 1e-9);
    }

    @Test
    void aModelEvaluatedOnAnotherDataSetThanItsOwnIsWarnedAboutAndZeroImagesMeansAll() {
        java.nio.file.Path trained = java.nio.file.Path.of("docs/results/lenet5-compressed.json"); // made on fashion-mnist
        CliRun r = run("eval", "--model", trained.toString(), "--dataset", "synthetic", "--limit", "0", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals("warning: " + trained + " was trained on fashion-mnist, and is evaluated on synthetic (--dataset)\n",
                r.err());
        CliRun all = run("eval", "--model", trained.toString(), "--dataset", "synthetic", "--quiet");
        assertEquals(all.out(), r.out(), "--limit 0 is the whole test split");
    }
}
