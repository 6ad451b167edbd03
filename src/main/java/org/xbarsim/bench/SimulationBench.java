package org.xbarsim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.hw.Accelerator;
import org.xbarsim.hw.TraceRecorder;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.RandomModels;
import org.xbarsim.model.Shape;
import org.xbarsim.sim.Progress;
import org.xbarsim.trace.TraceHeader;
import org.xbarsim.trace.TraceWriter;

/**
 * One full VGG-16 inference (3x32x32, width 64, random integer weights; unpruned, or with
 * crossbar-aligned sparsity) simulated by the actor model on the ISAAC-like chip, with the trace
 * written: wall time, events, events per second, peak heap and trace size. Every repeat checks the
 * simulated logits against the golden engine (ideal ADC by default, so they must match).
 */
final class SimulationBench implements BenchCase {
    static final long MODEL_SEED = 1;
    static final long PRUNE_SEED = 2;

    private final String name;
    private final double defaultSparsity;
    private final Map<String, String> notes = new LinkedHashMap<>();
    private IntModel model;
    private Chip chip;
    private Mapping mapping;
    private int[] image;
    private int[] golden;
    private boolean idealAdc;
    private Path dir;

    SimulationBench(String name, double defaultSparsity) {
        this.name = name;
        this.defaultSparsity = defaultSparsity;
    }

    static SimulationBench unpruned() {
        return new SimulationBench("sim-vgg16", 0);
    }

    static SimulationBench pruned() {
        return new SimulationBench("sim-vgg16-p88", 0.88);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "actor simulation of one VGG-16 inference (3x32x32, width 64, random weights, "
                + (defaultSparsity == 0 ? "unpruned" : Math.round(defaultSparsity * 100) + "% crossbar-aligned sparsity")
                + ") on the ISAAC-like chip (--param config, default sim-configs/isaac.conf), trace written";
    }

    @Override
    public boolean quick() {
        return false;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("config", "chip config file (default sim-configs/isaac.conf)",
                "width", "VGG-16 width, 64 = the original (default 64)",
                "threads", "dispatcher threads (default: all processors but one, at most --threads)",
                "ideal-adc", "1 = exact ADC and check logits against the golden engine, 0 = the chip's ADC (default 1)");
    }

    @Override
    public void setUp(BenchOptions options) {
        Path cfg = Path.of(options.params().getOrDefault("config", "sim-configs/isaac.conf"));
        int width = options.intParam("width", 64);
        idealAdc = options.intParam("ideal-adc", 1) == 1;
        chip = ChipConfigLoader.load(cfg).chip();
        IntModel m = RandomModels.vgg16(MODEL_SEED, width, new Shape(3, 32, 32));
        if (defaultSparsity > 0) {
            m = RandomModels.prune(m, chip.tile().geometry(), defaultSparsity, PRUNE_SEED);
        }
        model = m;
        try {
            mapping = Mapper.map(model, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(cfg + ": VGG-16 does not fit this chip: " + e.getMessage());
        }
        Random r = new Random(MODEL_SEED);
        int[] raw = new int[3 * 32 * 32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = r.nextInt(256);
        }
        image = model.input().quantize(raw);
        golden = new GoldenEngine(model).run(image).logits().toArray();
        try {
            dir = Files.createTempDirectory("xbarsim-bench-sim");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        notes.put("model", model.name() + ", " + model.weightCount() + " weights, " + model.zeroWeightCount() + " zero");
        notes.put("chip", chip.name() + " (" + cfg + "): " + chip.tiles() + " tiles x " + chip.tile().crossbars() + " crossbars");
        notes.put("mapping", mapping.allocatedCrossbars() + " crossbars allocated on " + mapping.tilesUsed().size() + " tiles");
        notes.put("adc", idealAdc ? "ideal (logits checked against the golden engine)" : chip.tile().adc().bits() + " bits");
        notes.put("dispatcher threads", Integer.toString(options.simulationThreads()));
    }

    @Override
    public List<Measurement> run(BenchOptions options) {
        int threads = options.simulationThreads();
        Path trace = dir.resolve("trace.xbt");
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        TraceRecorder[] rec = new TraceRecorder[1];
        TraceHeader.Builder header = TraceHeader.builder(model.name(), chip.name(), chip.clockGhz())
                .windowCycles(Accelerator.windowCycles(chip)).layers(TraceRecorder.layerNames(model));
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        Accelerator acc = new Accelerator(model, mapping, chip);
        Accelerator.Result res = acc.run(List.of(image), new Accelerator.Options(idealAdc, threads),
                comps -> rec[0] = TraceRecorder.create(comps, header, h -> TraceWriter.create(trace, h)), Progress.NONE, null);
        rec[0].close();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (idealAdc && !Arrays.equals(res.logits().get(0), golden)) {
            throw new IllegalStateException("simulated logits differ from the golden engine's");
        }
        long traceBytes;
        try {
            traceBytes = Files.size(trace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Measurement> out = new ArrayList<>();
        out.add(Measurement.time("wall-seconds", wall, "s"));
        if (cpu0 >= 0) {
            out.add(Measurement.time("cpu-seconds", cpu, "s"));
        }
        out.add(new Measurement("events", res.outcome().events(), "events", false));
        out.add(Measurement.throughput("events-per-second", res.outcome().events() / wall, "events/s"));
        out.add(Measurement.time("peak-heap-mb", peak / 1048576.0, "MiB"));
        out.add(new Measurement("trace-mb", traceBytes / 1048576.0, "MiB", false));
        out.add(new Measurement("trace-records", rec[0].records(), "records", false));
        out.add(new Measurement("simulated-cycles", res.doneCycles()[0] - res.startCycles()[0], "cycles", false));
        out.add(new Measurement("actors", res.components(), "actors", false));
        return out;
    }

    /**
     * CPU time of the whole JVM (every thread: the simulation's, the collector's, the JIT's), or a
     * negative value where the platform does not give it: on a shared machine it says more than the
     * wall time.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    @Override
    public Map<String, String> notes() {
        return notes;
    }

    @Override
    public void tearDown() {
        try {
            if (dir != null) {
                Files.deleteIfExists(dir.resolve("trace.xbt"));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        model = null;
        mapping = null;
    }
}
