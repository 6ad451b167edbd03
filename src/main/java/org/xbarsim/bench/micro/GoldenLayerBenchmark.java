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

/**
 * One layer of the golden integer engine alone ({@link GoldenEngine#runLayer}), on one image's
 * input to that layer: where an inference's time goes. Layers are indices into the model's layers
 * (LeNet-5: 0 conv1, 1 pool1, 2 conv2, 3 pool2, 5 fc1, 6 fc2, 7 fc3; 4 is the flatten, which costs
 * nothing). One image at a time: a batch (bench --case golden, eval) puts several images' positions
 * side by side in LeNet-5's second convolution, which this does not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GoldenLayerBenchmark {
    @Param({"0", "1", "2", "3", "5", "6", "7"})
    public int layer;

    private GoldenEngine engine;
    private int[] input;

    @Setup
    public void setUp() {
        IntModel m = RandomModels.lenet5(1);
        engine = new GoldenEngine(m);
        SplittableRandom r = new SplittableRandom(1);
        int[] raw = new int[m.input().shape().size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = r.nextInt(256);
        }
        int[] x = m.input().quantize(raw);
        input = layer == 0 ? x : engine.run(x).layerOutputs().get(layer - 1).toArray();
    }

    @Benchmark
    public int[] layer() {
        return engine.runLayer(layer, input);
    }
}
