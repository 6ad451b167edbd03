package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float master parameters of a network: per weighted layer a weight array ({@code [cout, cin,
 * k, k]} or {@code [out, in]}, c order, so flat index {@code (co * cin + ci) * k*k + r} matches the
 * integer model's storage) and a bias vector.
 */
final class FloatParams {
    final Architecture arch;
    final List<INDArray> weights;
    final List<INDArray> biases;

    private FloatParams(Architecture arch, List<INDArray> weights, List<INDArray> biases) {
        this.arch = arch;
        this.weights = weights;
        this.biases = biases;
    }

    /** He-normal weights from the stream "init-&lt;layer&gt;", zero biases. */
    static FloatParams init(Architecture arch, long seed) {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        for (Architecture.Weighted l : arch.weighted()) {
            SplittableRandom r = Streams.of(seed, "init-" + l.name());
            int n = l.weightCount();
            double std = Math.sqrt(2.0 / l.matrixRows());
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (r.nextGaussian() * std);
            }
            w.add(Nd4j.create(v, l.paramShape(), 'c'));
            b.add(Nd4j.zeros(DataType.FLOAT, l.outChannels()));
        }
        return new FloatParams(arch, w, b);
    }

    static FloatParams of(Architecture arch, List<INDArray> weights, List<INDArray> biases) {
        return new FloatParams(arch, weights, biases);
    }

    FloatParams copy() {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        weights.forEach(x -> w.add(x.dup('c')));
        biases.forEach(x -> b.add(x.dup('c')));
        return new FloatParams(arch, w, b);
    }

    float[] weightValues(int layer) {
        return weights.get(layer).dup('c').data().asFloat();
    }

    float[] biasValues(int layer) {
        return biases.get(layer).dup('c').data().asFloat();
    }
}
