package org.xbarsim.bench.micro;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;
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
import org.xbarsim.train.NativeBuild;

/**
 * One Adam step over a network's parameter arrays: ND4J's fused updater (what training uses)
 * against the same update written as separate array operations (what training used before).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdamStepBenchmark {
    @Param({"lenet5", "vgg-small"})
    public String arch;

    private final List<INDArray> params = new ArrayList<>();
    private final List<INDArray> grads = new ArrayList<>();
    private final List<AdamUpdater> updaters = new ArrayList<>();
    private final List<INDArray> m = new ArrayList<>();
    private final List<INDArray> v = new ArrayList<>();
    private int step;

    @Setup
    public void setUp() {
        NativeBuild.select();
        long[][] shapes = arch.equals("lenet5")
                ? new long[][] {{6, 1, 5, 5}, {16, 6, 5, 5}, {120, 400}, {84, 120}, {10, 84}, {6}, {16}, {120}, {84}, {10}}
                : new long[][] {{16, 1, 3, 3}, {16, 16, 3, 3}, {32, 16, 3, 3}, {32, 32, 3, 3}, {64, 1568}, {10, 64},
                    {16}, {16}, {32}, {32}, {64}, {10}};
        Nd4j.getRandom().setSeed(1);
        org.nd4j.linalg.learning.config.Adam config = new org.nd4j.linalg.learning.config.Adam(1e-3, 0.9, 0.999, 1e-8);
        for (long[] s : shapes) {
            INDArray p = Nd4j.rand(DataType.FLOAT, s);
            params.add(p);
            grads.add(Nd4j.rand(DataType.FLOAT, s).subi(0.5));
            AdamUpdater u = new AdamUpdater(config);
            u.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * p.length()), p.shape(), 'c', true);
            updaters.add(u);
            m.add(Nd4j.zerosLike(p));
            v.add(Nd4j.zerosLike(p));
        }
    }

    @Benchmark
    public INDArray nd4jUpdater() {
        for (int i = 0; i < params.size(); i++) {
            INDArray g = grads.get(i).dup();
            updaters.get(i).applyUpdater(g, step, 0);
            params.get(i).subi(g);
            g.close();
        }
        step++;
        return params.get(0);
    }

    @Benchmark
    public INDArray separateOperations() {
        step++;
        double c1 = 1 - Math.pow(0.9, step);
        double c2 = 1 - Math.pow(0.999, step);
        for (int i = 0; i < params.size(); i++) {
            INDArray g = grads.get(i);
            try (INDArray gm = g.mul(0.1); INDArray gv = g.mul(g)) {
                m.get(i).muli(0.9).addi(gm);
                v.get(i).muli(0.999).addi(gv.muli(0.001));
            }
            try (INDArray denom = Transforms.sqrt(v.get(i).div(c2), false).addi(1e-8);
                 INDArray update = m.get(i).div(c1).divi(denom).muli(1e-3)) {
                params.get(i).subi(update);
            }
        }
        return params.get(0);
    }
}
