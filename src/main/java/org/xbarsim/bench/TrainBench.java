package org.xbarsim.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.UserInputException;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.data.SyntheticData;
import org.xbarsim.train.TrainingThroughput;

/**
 * Training throughput: images per second of full ND4J training steps (forward, backward, Adam) for
 * each architecture, float (pre-training and pruning) and fake-quantized (fine-tuning), on
 * Fashion-MNIST training images (synthetic if not installed).
 */
final class TrainBench implements BenchCase {
    static final String DEFAULT_ARCHS = "mlp,lenet5,vgg-small";
    static final int DEFAULT_STEPS = 10;
    static final int DEFAULT_BATCH = 128;
    /** vgg-small runs at the width the measured training runs use (docs/training.md). */
    static final double VGG_WIDTH = 0.5;

    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Map<String, TrainingThroughput[]> runs = new LinkedHashMap<>();
    private int steps;

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String description() {
        return "training steps per second (images/s) per architecture, float and power-of-two fake-quantized";
    }

    @Override
    public boolean quick() {
        return false;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("archs", "comma-separated architectures (default " + DEFAULT_ARCHS + ")",
                "steps", "training steps per repeat and mode (default " + DEFAULT_STEPS + ")",
                "batch", "mini-batch size (default " + DEFAULT_BATCH + ")",
                "width", "channel width of vgg-small and vgg16 (default " + VGG_WIDTH + ")",
                "batch-norm", "on: batch norm after every hidden convolution in float steps, as train --batch-norm "
                        + "(fake-quantized steps have none: it is folded before fine-tuning); default off");
    }

    @Override
    public void setUp(BenchOptions options) {
        steps = options.intParam("steps", DEFAULT_STEPS);
        int batch = options.intParam("batch", DEFAULT_BATCH);
        if (steps < 1 || batch < 1) {
            throw new UserInputException("--param steps and batch must be at least 1");
        }
        ImageSet set;
        try {
            set = DataSets.load("fashion-mnist", options.dataDir(), Split.TRAIN).first(4096);
        } catch (UserInputException e) {
            if (options.dataDir() != null) {
                throw e; // a folder the user named: a typo there is an error, not a reason to bench other data
            }
            set = SyntheticData.generate(SyntheticData.DEFAULT_SEED, Split.TRAIN, 4096);
            notes.put("fallback", "Fashion-MNIST not available (" + e.getMessage() + ")");
        }
        double vggWidth = widthParam(options);
        boolean batchNorm = switch (options.params().getOrDefault("batch-norm", "off").trim()) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UserInputException("--param batch-norm=" + options.params().get("batch-norm")
                    + ": expected on or off");
        };
        String archs = options.params().getOrDefault("archs", DEFAULT_ARCHS);
        for (String a : archs.split(",")) {
            String arch = a.trim();
            if (!org.xbarsim.train.Architecture.NAMES.contains(arch)) { // named as the user gave it, not as train's --arch
                throw new UserInputException("--param archs=" + archs + ": '" + arch + "' is not an architecture"
                        + org.xbarsim.DidYouMean.hint(arch, org.xbarsim.train.Architecture.NAMES)
                        + " (known: " + String.join(", ", org.xbarsim.train.Architecture.NAMES) + ")");
            }
            double width = arch.equals("vgg-small") || arch.equals("vgg16") ? vggWidth : 1;
            TrainingThroughput f = new TrainingThroughput(arch, width, set, batch, false, batchNorm, 1);
            TrainingThroughput q = new TrainingThroughput(arch, width, set, batch, true, false, 1);
            runs.put(arch, new TrainingThroughput[] {f, q});
            notes.put(arch, "width " + width + ", " + f.weightCount() + " weights" + (batchNorm ? ", batch norm in float steps" : ""));
        }
        notes.put("images", set.size() + " from " + set.source() + ", batch " + batch + ", " + steps + " steps per repeat");
        notes.put("qat-cost", "float images/s over fake-quantized images/s, per " + (perThreadCpu()
                ? "training-thread CPU second (OMP_NUM_THREADS=1)"
                : "wall second (training-thread CPU time needs OMP_NUM_THREADS=1 and a platform that measures it)"));
        notes.put("threads", "ND4J/OpenMP default (OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ")");
    }

    private static double widthParam(BenchOptions options) {
        String v = options.params().get("width");
        if (v == null) {
            return VGG_WIDTH;
        }
        try {
            double w = Double.parseDouble(v.trim());
            if (w > 0 && w <= 4) {
                return w;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UserInputException("--param width=" + v + ": expected a number in (0, 4]");
    }

    @Override
    public List<Measurement> run(BenchOptions options) {
        List<Measurement> out = new ArrayList<>();
        for (var e : runs.entrySet()) {
            String[] modes = {"float", "qat"};
            double[] rate = new double[2];
            for (int m = 0; m < 2; m++) {
                // one unmeasured step fills this graph's step arrays, which the measured steps then reuse,
                // as a training phase's steps after its first do
                e.getValue()[m].run(1);
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                long cpu0 = perThreadCpu() ? mx.getCurrentThreadCpuTime() : -1;
                long process0 = processCpuNanos();
                long start = System.nanoTime();
                long n = e.getValue()[m].run(steps);
                double s = (System.nanoTime() - start) / 1e9;
                // the next measurement steps another graph: free this one's arrays, as training does when a
                // phase ends, so one graph's arrays are held at a time, as in training (docs/speed.md)
                e.getValue()[m].freeStepArrays();
                String key = e.getKey() + "-" + modes[m];
                out.add(Measurement.throughput("images-per-second-" + key, n / s, "images/s"));
                rate[m] = n / s;
                // with one OpenMP thread ND4J computes on this thread, so its CPU time is the work done:
                // a figure far less disturbed by other processes than wall time
                if (cpu0 >= 0) {
                    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    out.add(Measurement.throughput("images-per-cpu-second-" + key, n / cpu, "images/s"));
                    rate[m] = n / cpu;
                    // the whole JVM's CPU time also counts the collector, the JIT and ND4J's deallocator
                    // thread: the like of a peer's process time
                    if (process0 >= 0) {
                        double process = (processCpuNanos() - process0) / 1e9;
                        out.add(Measurement.throughput("images-per-process-cpu-second-" + key, n / process, "images/s"));
                    }
                }
            }
            // what fake quantization costs is read as a ratio (docs/speed.md: the goal is at most 1.5x)
            out.add(Measurement.time("qat-cost-" + e.getKey(), rate[0] / rate[1], "x"));
        }
        return out;
    }

    /**
     * Whether the training thread's CPU time measures the work: with one OpenMP thread ND4J computes on
     * the calling thread, and the platform must give that thread's CPU time.
     */
    private static boolean perThreadCpu() {
        return "1".equals(System.getenv("OMP_NUM_THREADS")) && ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported();
    }

    /** This JVM's CPU time in nanoseconds, or -1 where the platform does not give it. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    @Override
    public Map<String, String> notes() {
        return notes;
    }

    @Override
    public void tearDown() {
        runs.values().forEach(r -> {
            for (TrainingThroughput t : r) {
                t.freeStepArrays();
            }
        });
        runs.clear();
    }
}
