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
import org.xbarsim.hw.crossbar.BitPlanes;
import org.xbarsim.hw.crossbar.CrossbarModel;

/**
 * One crossbar MVM on a full 128 x 128 array of 2-bit cells: every DAC read's column sums (what a
 * converting ADC gets), and the sums recombined across the reads (what an ideal ADC's shift-add unit gets).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CrossbarReadBenchmark {
    /** Share of the 8-bit inputs that are zero (ReLU outputs are often half zero or more). */
    @Param({"0", "0.5", "0.9"})
    public double zeros;

    private CrossbarModel crossbar;
    private BitPlanes inputs;
    private long[] recombined;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        int[] levels = new int[128 * 128];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = r.nextInt(4);
        }
        crossbar = new CrossbarModel(128, 128, 2, levels, 128, 1);
        recombined = new long[crossbar.columns()]; // another length would take the generic path
        int[] x = new int[128];
        for (int a = 0; a < x.length; a++) {
            x[a] = r.nextDouble() < zeros ? 0 : r.nextInt(256);
        }
        inputs = BitPlanes.of(x, 8);
    }

    @Benchmark
    public int[] columnSums() {
        return crossbar.columnSums(inputs);
    }

    @Benchmark
    public long[] recombinedSums() {
        crossbar.lazySums(inputs).addReads(recombined, crossbar.readsFor(8), 1);
        return recombined;
    }
}
