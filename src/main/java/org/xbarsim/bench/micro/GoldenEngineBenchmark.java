package org.xbarsim.bench.micro;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.RandomModels;

/**
 * One image through the golden integer engine, whole network, on one thread; and a batch of 32
 * images through {@link GoldenEngine#runBatch}, as {@code eval} and {@code bench --case golden} run
 * them (ParallelEvaluation's chunk).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GoldenEngineBenchmark {
    static final int BATCH = 32;

    @Param({"lenet5", "vgg-small"})
    public String model;

    private GoldenEngine engine;
    private int[] image;
    private List<int[]> batch;

    @Setup
    public void setUp() {
        IntModel m = model.equals("lenet5") ? RandomModels.lenet5(1) : RandomModels.vggSmall(1);
        engine = new GoldenEngine(m);
        SplittableRandom r = new SplittableRandom(1);
        batch = new ArrayList<>();
        for (int b = 0; b < BATCH; b++) {
            int[] raw = new int[m.input().shape().size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = r.nextInt(256);
            }
            image = b == 0 ? raw : image;
            batch.add(m.input().quantize(raw));
        }
    }

    @Benchmark
    public int inference() {
        return engine.runRaw(image).predicted();
    }

    /** Time per batch of {@value #BATCH} images (divide by it for one image). */
    @Benchmark
    public int inferenceBatch() {
        int sum = 0;
        for (GoldenEngine.Inference inf : engine.runBatch(batch)) {
            sum += inf.predicted();
        }
        return sum;
    }
}
