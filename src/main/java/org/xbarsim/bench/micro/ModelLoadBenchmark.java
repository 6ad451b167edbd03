package org.xbarsim.bench.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;
import org.xbarsim.model.Shape;

/**
 * Reading an integer model file: LeNet-5 (61 k weights) and the unpruned VGG-16 of the
 * {@code sim-vgg16} bench case (width 64, 3x32x32 input, about 15 M weights).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class ModelLoadBenchmark {
    @Param({"lenet5", "vgg16"})
    public String model;

    private Path file;

    @Setup
    public void setUp() throws IOException {
        IntModel m = model.equals("lenet5") ? RandomModels.lenet5(1) : RandomModels.vgg16(1, 64, new Shape(3, 32, 32));
        file = Files.createTempFile("xbarsim-jmh-", ".json");
        ModelFile.write(file, m);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public IntModel read() {
        return ModelFile.read(file);
    }
}
