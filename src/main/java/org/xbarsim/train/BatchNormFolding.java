package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xbarsim.data.ImageSet;

/**
 * Folds batch norm into the weights and biases of the convolution before it, so the network is the
 * plain one every other step (evaluation, calibration, quantization-aware fine-tuning, export)
 * knows: for output channel {@code c} with statistics {@code mu_c, var_c},
 * {@code s_c = gamma_c / sqrt(var_c + eps)}, {@code w'_c = s_c w_c} and
 * {@code b'_c = s_c (b_c - mu_c) + beta_c}, so {@code w'_c x + b'_c} is the normalized output.
 *
 * <p>The statistics are measured, not tracked during training: the training-mode graph runs over
 * fixed images in batches of the training size and each layer's batch means and variances are
 * averaged (weighted by batch size). This is exact for the weights as they are at folding time,
 * which a running average is not after a zerorize step has changed them; and it depends only on
 * the parameters and the images, so folding is deterministic. A filter pruned with its gamma and
 * beta folds to zero weights and a zero bias, so masks survive folding.
 */
final class BatchNormFolding {
    /** Added to the variance before its square root, as in most frameworks. */
    static final double EPSILON = 1e-5;

    private BatchNormFolding() {
    }

    /** {@code p} with its batch norm folded in, measured on {@code images}; {@code p} itself is unchanged. */
    static FloatParams fold(FloatParams p, ImageSet images, int batchSize) {
        if (!p.hasBatchNorm()) {
            throw new IllegalArgumentException("nothing to fold: the network has no batch norm");
        }
        Statistics s = statistics(p, images, batchSize);
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        int k = 0;
        for (Architecture.Weighted l : p.arch.weighted()) {
            INDArray weight = p.weights.get(l.index()).dup('c');
            INDArray bias = p.biases.get(l.index()).dup('c');
            if (FloatParams.normalized(l)) {
                int c = l.outChannels();
                float[] gamma = p.gammas.get(l.index()).dup('c').data().asFloat();
                float[] beta = p.betas.get(l.index()).dup('c').data().asFloat();
                float[] bv = bias.data().asFloat();
                float[] scale = new float[c];
                for (int ch = 0; ch < c; ch++) {
                    double sc = gamma[ch] / Math.sqrt(s.variance[k][ch] + EPSILON);
                    scale[ch] = (float) sc;
                    bv[ch] = (float) (sc * (bv[ch] - s.mean[k][ch]) + beta[ch]);
                }
                long[] shape = weight.shape().clone();
                INDArray rows = weight.reshape('c', c, weight.length() / c);
                rows.muliColumnVector(Nd4j.create(scale, new long[] {c, 1}, 'c'));
                weight = rows.reshape('c', shape);
                bias = Nd4j.create(bv, new long[] {c}, 'c');
                k++;
            }
            w.add(weight);
            b.add(bias);
        }
        return FloatParams.of(p.arch, w, b);
    }

    /** Per normalized layer (in layer order) and channel: mean and variance of the convolution's output. */
    record Statistics(double[][] mean, double[][] variance) {
    }

    static Statistics statistics(FloatParams p, ImageSet images, int batchSize) {
        NetworkGraph graph = new NetworkGraph(p.arch, null, IntegerExport.ACTIVATION_BITS, null, true);
        graph.setParameters(p);
        List<String> means = graph.batchMeanNames();
        List<String> variances = graph.batchVarianceNames();
        List<String> names = new ArrayList<>(means);
        names.addAll(variances);
        double[][] mean = new double[means.size()][];
        double[][] variance = new double[means.size()][];
        for (int from = 0; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            Map<String, INDArray> out = graph.output(Batches.images(images, null, from, to), names);
            double weight = (double) (to - from) / images.size();
            for (int k = 0; k < means.size(); k++) {
                mean[k] = accumulate(mean[k], out.get(means.get(k)), weight);
                variance[k] = accumulate(variance[k], out.get(variances.get(k)), weight);
            }
        }
        return new Statistics(mean, variance);
    }

    private static double[] accumulate(double[] sum, INDArray batch, double weight) {
        double[] v = batch.dup('c').data().asDouble();
        double[] s = sum == null ? new double[v.length] : sum;
        for (int i = 0; i < v.length; i++) {
            s[i] += weight * v[i];
        }
        return s;
    }
}
