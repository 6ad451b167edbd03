package org.xbarsim.bench.micro;

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

/** One image through the golden integer engine, whole network, on one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GoldenEngineBenchmark {
    @Param({"lenet5", "vgg-small"})
    public String model;

    private GoldenEngine engine;
    private int[] image;

    @Setup
    public void setUp() {
        IntModel m = model.equals("lenet5") ? RandomModels.lenet5(1) : RandomModels.vggSmall(1);
        engine = new GoldenEngine(m);
        SplittableRandom r = new SplittableRandom(1);
        image = new int[m.input().shape().size()];
        for (int i = 0; i < image.length; i++) {
            image[i] = r.nextInt(256);
        }
    }

    @Benchmark
    public int inference() {
        return engine.runRaw(image).predicted();
    }
}
