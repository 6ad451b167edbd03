package org.xbarsim.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.UserInputException;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.data.SyntheticData;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ParallelEvaluation;
import org.xbarsim.model.RandomModels;

/**
 * Golden-engine throughput: images per second of {@link ParallelEvaluation} (input quantization
 * plus every layer plus argmax) on a seeded random LeNet-5 over Fashion-MNIST test images (or the
 * synthetic set when Fashion-MNIST is not installed), with 1 thread and with all threads.
 */
final class GoldenEngineBench implements BenchCase {
    static final int DEFAULT_IMAGES = 1000;
    static final long MODEL_SEED = 1;

    private GoldenEngine engine;
    private ImageSet images;
    private final Map<String, String> notes = new LinkedHashMap<>();
    private int[] reference;

    @Override
    public String name() {
        return "golden";
    }

    @Override
    public String description() {
        return "golden integer engine throughput, random LeNet-5 (seed " + MODEL_SEED
                + "), Fashion-MNIST test images (synthetic if not installed)";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("images", "test images per repeat (default " + DEFAULT_IMAGES + ")");
    }

    @Override
    public void setUp(BenchOptions options) {
        int n = options.intParam("images", DEFAULT_IMAGES);
        if (n < 1) {
            throw new UserInputException("--param images=" + n + ": must be at least 1");
        }
        IntModel model = RandomModels.lenet5(MODEL_SEED);
        engine = new GoldenEngine(model);
        ImageSet set;
        try {
            set = DataSets.load("fashion-mnist", options.dataDir(), Split.TEST);
        } catch (UserInputException e) {
            if (options.dataDir() != null) {
                throw e; // a folder the user named: a typo there is an error, not a reason to bench other data
            }
            set = SyntheticData.generate(SyntheticData.DEFAULT_SEED, Split.TEST, n);
            notes.put("fallback", "Fashion-MNIST not available (" + e.getMessage() + ")");
        }
        images = set.first(n);
        notes.put("model", model.name() + ", " + model.weightCount() + " weights, " + macs(model) + " MACs per image");
        notes.put("images", images.size() + " from " + images.source());
        notes.put("threads", options.maxThreads() > 1 ? "1 and " + options.maxThreads() : "1");
        reference = ParallelEvaluation.predict(engine, images.size(), images::image, 1, null);
    }

    @Override
    public List<Measurement> run(BenchOptions options) {
        List<Measurement> out = new ArrayList<>();
        // one thread runs on this thread, so its CPU time is measurable too: CPU-time throughput is
        // far less disturbed than wall time when other processes compete for the cores
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
        double wall = measure(1);
        long cpu = cpu0 < 0 ? -1 : mx.getCurrentThreadCpuTime() - cpu0;
        out.add(Measurement.throughput("images-per-second-1-thread", wall, "images/s"));
        if (cpu > 0) {
            out.add(Measurement.throughput("images-per-cpu-second-1-thread", images.size() / (cpu / 1e9), "images/s"));
        }
        int t = options.maxThreads();
        if (t > 1) { // with --threads 1 the measurement above is the all-threads one
            out.add(Measurement.throughput("images-per-second-" + t + "-threads", measure(t), "images/s"));
        }
        return out;
    }

    private double measure(int threads) {
        long start = System.nanoTime();
        int[] predicted = ParallelEvaluation.predict(engine, images.size(), images::image, threads, null);
        long nanos = System.nanoTime() - start;
        if (!Arrays.equals(predicted, reference)) {
            throw new IllegalStateException("golden engine predictions differ with " + threads + " threads");
        }
        return images.size() / (nanos / 1e9);
    }

    @Override
    public Map<String, String> notes() {
        return notes;
    }

    /** Multiply-accumulates of one inference (weights x output positions for conv, weights for dense). */
    static long macs(IntModel m) {
        long total = 0;
        List<org.xbarsim.model.Shape> shapes = m.shapes();
        for (int i = 0; i < m.layers().size(); i++) {
            if (m.layers().get(i) instanceof org.xbarsim.model.WeightedLayer w) {
                org.xbarsim.model.Shape out = shapes.get(i);
                total += (long) w.weights().size() * out.height() * out.width();
            }
        }
        return total;
    }

    @Override
    public void tearDown() {
        engine = null;
        images = null;
    }
}
