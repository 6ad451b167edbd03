package org.xbarsim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xbarsim.io.Installation;
import org.xbarsim.model.IntModel;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.run.ImageInputs;
import org.xbarsim.run.Recosting;
import org.xbarsim.run.SimulationJob;

/**
 * Re-costing a recorded run ({@code replay --run}) against simulating it ({@code simulate}): each
 * repeat simulates a few random images through {@link SimulationJob} and then re-prices that run
 * with its own config through {@link Recosting}, timing both.
 */
final class RecostBench implements BenchCase {
    private final Map<String, String> notes = new LinkedHashMap<>();
    private Path dir;
    private Path model;
    private Path config;
    private Path input;
    private int images;

    @Override
    public String name() {
        return "recost";
    }

    @Override
    public String description() {
        return "simulate a few images (simulate, trace written) then re-cost that run with its config (replay --run): "
                + "wall seconds of each and their ratio";
    }

    @Override
    public boolean quick() {
        return false;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("model", "integer model file (default: a random LeNet-5)",
                "config", "chip config file (default sim-configs/isaac.conf)",
                "images", "images per run (default 10)",
                "threads", "dispatcher threads of the simulation (default: all processors but one, at most --threads)");
    }

    @Override
    public void setUp(BenchOptions options) {
        images = options.intParam("images", 10);
        config = Installation.resolveBundled(Path.of(options.params().getOrDefault("config", "sim-configs/isaac.conf")));
        try {
            dir = Files.createTempDirectory("xbarsim-bench-recost");
            BenchModelFile chosen = BenchModelFile.of(options, dir);
            model = chosen.file();
            IntModel m = chosen.model();
            Random r = new Random(1);
            List<int[]> raw = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                int[] v = new int[m.input().shape().size()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = r.nextInt(256);
                }
                raw.add(v);
            }
            input = dir.resolve("images.json");
            Files.writeString(input, new ObjectMapper().writeValueAsString(raw));
            notes.put("model", m.name() + " (" + model.getFileName() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        notes.put("config", config.toString());
        notes.put("dispatcher threads", Integer.toString(options.simulationThreads()));
        notes.put("images", images + " random images per run");
    }

    @Override
    public List<Measurement> run(BenchOptions options) {
        int threads = options.simulationThreads();
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Path run = dir.resolve("run");
        Path recost = dir.resolve("recost");
        delete(run);
        delete(recost);
        long t0 = System.nanoTime();
        new SimulationJob(model, config, run).images(ImageInputs.Source.file(input)).threads(threads).run(quiet);
        double simulate = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        new Recosting(run, config, recost).run(quiet, quiet);
        double reCost = (System.nanoTime() - t1) / 1e9;
        List<Measurement> out = new ArrayList<>();
        out.add(Measurement.time("simulate-seconds", simulate, "s"));
        out.add(Measurement.time("recost-seconds", reCost, "s"));
        out.add(Measurement.throughput("images-simulated-per-second", images / simulate, "images/s"));
        out.add(Measurement.throughput("simulate-over-recost", simulate / reCost, "x"));
        return out;
    }

    @Override
    public Map<String, String> notes() {
        return notes;
    }

    @Override
    public void tearDown() {
        delete(dir);
    }

    /** Deletes a bench's scratch folder (also used by {@link ReplayBench}). */
    static void delete(Path p) {
        try {
            if (p != null) {
                OutputDirectory.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
