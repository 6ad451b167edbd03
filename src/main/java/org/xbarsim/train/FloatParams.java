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
 * integer model's storage) and a bias vector; with batch norm also, per hidden convolution, the
 * normalization's scale {@code gamma} and shift {@code beta} (one per output channel; {@code null}
 * for the other layers). Batch norm only exists while training in float: {@link BatchNormFolding}
 * folds it into the weights and biases before quantization, so no integer model ever has it.
 */
final class FloatParams {
    final Architecture arch;
    final List<INDArray> weights;
    final List<INDArray> biases;
    /** Per weighted layer: batch norm's gamma, or null where the layer has none; the list is null without batch norm. */
    final List<INDArray> gammas;
    /** As {@link #gammas}, for beta. */
    final List<INDArray> betas;

    private FloatParams(Architecture arch, List<INDArray> weights, List<INDArray> biases, List<INDArray> gammas,
                        List<INDArray> betas) {
        this.arch = arch;
        this.weights = weights;
        this.biases = biases;
        this.gammas = gammas;
        this.betas = betas;
    }

    /** Whether layer {@code l} is followed by batch norm in a network that has it: the hidden convolutions. */
    static boolean normalized(Architecture.Weighted l) {
        return l.isConv() && !l.logits();
    }

    /** He-normal weights from the stream "init-&lt;layer&gt;", zero biases, no batch norm. */
    static FloatParams init(Architecture arch, long seed) {
        return init(arch, seed, false);
    }

    /**
     * He-normal weights from the stream "init-&lt;layer&gt;", zero biases; with {@code batchNorm}, gamma 1
     * and beta 0 for every {@linkplain #normalized normalized} layer. The weights do not depend on
     * {@code batchNorm}.
     */
    static FloatParams init(Architecture arch, long seed, boolean batchNorm) {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        List<INDArray> g = batchNorm ? new ArrayList<>() : null;
        List<INDArray> be = batchNorm ? new ArrayList<>() : null;
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
            if (batchNorm) {
                g.add(normalized(l) ? Nd4j.ones(DataType.FLOAT, l.outChannels()) : null);
                be.add(normalized(l) ? Nd4j.zeros(DataType.FLOAT, l.outChannels()) : null);
            }
        }
        return new FloatParams(arch, w, b, g, be);
    }

    static FloatParams of(Architecture arch, List<INDArray> weights, List<INDArray> biases) {
        return new FloatParams(arch, weights, biases, null, null);
    }

    /** With batch norm: {@code gammas} and {@code betas} hold an array exactly for the normalized layers. */
    static FloatParams of(Architecture arch, List<INDArray> weights, List<INDArray> biases, List<INDArray> gammas,
                          List<INDArray> betas) {
        for (Architecture.Weighted l : arch.weighted()) {
            if ((gammas.get(l.index()) != null) != normalized(l) || (betas.get(l.index()) != null) != normalized(l)) {
                throw new IllegalArgumentException("batch norm parameters of " + l.name() + " do not match the layer");
            }
        }
        return new FloatParams(arch, weights, biases, gammas, betas);
    }

    boolean hasBatchNorm() {
        return gammas != null;
    }

    /**
     * Every trainable array in a fixed order: weights, biases, then (with batch norm) the gammas and
     * betas of the normalized layers.
     */
    List<INDArray> trainable() {
        List<INDArray> all = new ArrayList<>(weights);
        all.addAll(biases);
        if (hasBatchNorm()) {
            gammas.stream().filter(x -> x != null).forEach(all::add);
            betas.stream().filter(x -> x != null).forEach(all::add);
        }
        return all;
    }

    FloatParams copy() {
        return new FloatParams(arch, dupAll(weights), dupAll(biases), hasBatchNorm() ? dupAll(gammas) : null,
                hasBatchNorm() ? dupAll(betas) : null);
    }

    private static List<INDArray> dupAll(List<INDArray> arrays) {
        List<INDArray> out = new ArrayList<>();
        arrays.forEach(x -> out.add(x == null ? null : x.dup('c')));
        return out;
    }

    float[] weightValues(int layer) {
        return weights.get(layer).dup('c').data().asFloat();
    }

    float[] biasValues(int layer) {
        return biases.get(layer).dup('c').data().asFloat();
    }
}
