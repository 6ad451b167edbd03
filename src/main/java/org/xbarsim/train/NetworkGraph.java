package org.xbarsim.train;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graph of one architecture: forward pass, softmax cross-entropy loss and (through
 * SameDiff's automatic differentiation) the gradients of every weight and bias.
 *
 * <p>Parameters are graph variables whose arrays the trainer sets before each step, so the trainer
 * can feed quantized and masked weights while it keeps float master copies: the gradient with
 * respect to the quantized weight, applied to the float weight, is the straight-through estimator.
 * When {@code activationScales} (powers of two) are given, every ReLU output is fake-quantized to
 * unsigned 8 bits at that scale ({@code q = round(min(a, 255 s) / s) * s}, {@link
 * ActivationQuantizer}), so the forward pass sees exactly the integer grid and the backward pass the
 * clipped identity.
 */
final class NetworkGraph {
    static final String INPUT = "input";
    static final String LABELS = "labels";
    /** Soft targets {@code softmax(t / T)} of the teacher, when distilling. */
    static final String SOFT_TARGETS = "soft_targets";
    static final String LOGITS = "logits";
    static final String LOSS = "loss";

    private final SameDiff sd;
    private final List<String> weightNames = new ArrayList<>();
    private final List<String> biasNames = new ArrayList<>();
    private final List<String> activationNames = new ArrayList<>();
    /** Per normalized layer, in layer order: the names of its gamma, beta, batch mean and batch variance. */
    private final List<String> gammaNames = new ArrayList<>();
    private final List<String> betaNames = new ArrayList<>();
    private final List<String> batchMeanNames = new ArrayList<>();
    private final List<String> batchVarianceNames = new ArrayList<>();
    private final List<Boolean> convolution = new ArrayList<>();
    /** The graph's own [kh, kw, in, out] copies of convolution weights, freed when replaced. */
    private final Map<Integer, INDArray> convCopies = new HashMap<>();
    private final boolean distilling;

    /**
     * @param activationScales one power-of-two scale per non-logits weighted layer, or {@code null} for float
     *                         activations
     * @param activationBits   bits of the unsigned activations when fake-quantized
     */
    NetworkGraph(Architecture arch, double[] activationScales, int activationBits) {
        this(arch, activationScales, activationBits, null);
    }

    /**
     * @param distillation when not null, the loss also matches the teacher's soft targets (placeholder
     *                     {@link #SOFT_TARGETS}) at its temperature, weighted as {@link
     *                     TrainOptions.Distillation} says
     */
    NetworkGraph(Architecture arch, double[] activationScales, int activationBits,
                 TrainOptions.Distillation distillation) {
        this(arch, activationScales, activationBits, distillation, false);
    }

    /**
     * @param batchNorm every {@linkplain FloatParams#normalized hidden convolution}'s output is
     *                  normalized with the batch's own mean and variance per channel, then scaled by
     *                  gamma and shifted by beta, before the ReLU: the training-mode batch norm of
     *                  Ioffe and Szegedy (2015). Only float phases use it; {@link BatchNormFolding}
     *                  folds it away before quantization
     */
    NetworkGraph(Architecture arch, double[] activationScales, int activationBits,
                 TrainOptions.Distillation distillation, boolean batchNorm) {
        this(arch, activationScales, activationBits, distillation, batchNorm, true);
    }

    /**
     * @param inputLayerGradient a first convolution's weight and bias gradients from {@link
     *                           InputLayerGradient} (no gradient with respect to the input); false
     *                           leaves them to ND4J's {@code conv2d_bp}, for comparison in tests
     */
    NetworkGraph(Architecture arch, double[] activationScales, int activationBits,
                 TrainOptions.Distillation distillation, boolean batchNorm, boolean inputLayerGradient) {
        if (batchNorm && activationScales != null) {
            throw new IllegalArgumentException("batch norm is folded before activations are quantized");
        }
        this.distilling = distillation != null;
        sd = SameDiff.create();
        var in = arch.input();
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, in.channels(), in.height(), in.width());
        Runnable ownInputGradient = null;
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, arch.classes());
        int qmax = (1 << activationBits) - 1;
        for (Architecture.Spec s : arch.layers()) {
            if (s instanceof Architecture.Weighted w) {
                String wn = "w_" + w.name();
                String bn = "b_" + w.name();
                // convolution weights live in the graph as [kh, kw, in, out] (the op's native, contiguous layout)
                long[] shape = w.isConv() ? new long[] {w.kernel(), w.kernel(), w.inChannels(), w.outChannels()}
                        : w.paramShape();
                SDVariable wv = sd.var(wn, Nd4j.zeros(DataType.FLOAT, shape));
                convolution.add(w.isConv());
                SDVariable bv = sd.var(bn, Nd4j.zeros(DataType.FLOAT, w.outChannels()));
                weightNames.add(wn);
                biasNames.add(bn);
                SDVariable z;
                if (w.isConv()) {
                    Conv2DConfig cfg = Conv2DConfig.builder().kH(w.kernel()).kW(w.kernel()).sH(1).sW(1)
                            .pH(w.pad()).pW(w.pad()).dH(1).dW(1).dataFormat("NCHW").build();
                    if (x.name().equals(INPUT) && inputLayerGradient) {
                        ownInputGradient = () -> InputLayerGradient.install(sd, INPUT, wn, bn, cfg, in.channels(), in.height(),
                                in.width());
                    }
                    z = sd.cnn().conv2d(x, wv, bv, cfg);
                    if (batchNorm && FloatParams.normalized(w)) {
                        z = normalize(w, z);
                    }
                } else {
                    z = x.mmul(sd.transpose(wv)).add(bv);
                }
                if (w.logits()) {
                    x = sd.identity(LOGITS, z);
                } else {
                    SDVariable a = relu(sd, z);
                    if (activationScales != null) {
                        a = ActivationQuantizer.quantize(sd, a, activationScales[w.index()], qmax);
                    }
                    x = sd.identity("act_" + w.name(), a);
                    activationNames.add(x.name());
                }
            } else if (s instanceof Architecture.Pool) {
                x = sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).pH(0).pW(0)
                        .dH(1).dW(1).isNHWC(false).build());
            } else {
                x = sd.reshape(x, -1, flatSize(arch, s));
            }
        }
        if (distillation == null) {
            sd.loss().softmaxCrossEntropy(LOSS, labels, x, null);
        } else {
            double t = distillation.temperature();
            double a = distillation.alpha();
            SDVariable soft = sd.placeHolder(SOFT_TARGETS, DataType.FLOAT, -1, arch.classes());
            SDVariable hard = sd.loss().softmaxCrossEntropy("loss_hard", labels, x, null);
            SDVariable kd = sd.loss().softmaxCrossEntropy("loss_soft", soft, x.div(t), null);
            // T^2 keeps the soft term's gradient on the scale of the hard one (Hinton et al.)
            hard.mul(1 - a).add(LOSS, kd.mul(a * t * t));
            sd.setLossVariables(LOSS);
        }
        createGradientFunction();
        if (ownInputGradient != null) {
            ownInputGradient.run();
        }
    }

    /**
     * The ReLU as {@code max(z, 0)}: the same values and the same gradient (passed where {@code z > 0}),
     * and its backward (a comparison, a cast, a multiply) costs ND4J far less than {@code relu}'s
     * {@code thresholdedrelu_bp} (docs/speed.md, "Fake quantization in fewer, cheaper ops").
     */
    static SDVariable relu(SameDiff sd, SDVariable z) {
        return new ScalarMax(sd, z, 0).outputVariable();
    }

    /** Batch norm of a convolution's output {@code z} ([n, c, h, w]) with the batch's statistics. */
    private SDVariable normalize(Architecture.Weighted w, SDVariable z) {
        int c = w.outChannels();
        SDVariable gamma = sd.var("gamma_" + w.name(), Nd4j.ones(DataType.FLOAT, c));
        SDVariable beta = sd.var("beta_" + w.name(), Nd4j.zeros(DataType.FLOAT, c));
        SDVariable mean = sd.identity("bn_mean_" + w.name(), z.mean(true, 0, 2, 3));
        SDVariable centred = z.sub(mean);
        SDVariable variance = sd.identity("bn_var_" + w.name(), centred.mul(centred).mean(true, 0, 2, 3));
        SDVariable scale = sd.reshape(gamma, 1, c, 1, 1).div(sd.math().sqrt(variance.add(BatchNormFolding.EPSILON)));
        gammaNames.add(gamma.name());
        betaNames.add(beta.name());
        batchMeanNames.add(mean.name());
        batchVarianceNames.add(variance.name());
        return centred.mul(scale).add(sd.reshape(beta, 1, c, 1, 1));
    }

    /**
     * Builds the backward graph now. ND4J 1.0.0-M2.1 prints a debug line per differentiated op to
     * {@code System.out} while doing so, which would land in the command's output; it is discarded.
     */
    private void createGradientFunction() {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
    }

    private static long flatSize(Architecture arch, Architecture.Spec flatten) {
        int i = arch.layers().indexOf(flatten);
        for (int j = i + 1; j < arch.layers().size(); j++) {
            if (arch.layers().get(j) instanceof Architecture.Weighted w) {
                return w.inChannels();
            }
        }
        throw new IllegalStateException("flatten without a following dense layer");
    }

    SameDiff sameDiff() {
        return sd;
    }

    List<String> weightNames() {
        return weightNames;
    }

    List<String> biasNames() {
        return biasNames;
    }

    /** Names of the post-ReLU activations, one per non-logits weighted layer. */
    List<String> activationNames() {
        return activationNames;
    }

    /**
     * Sets the parameters from arrays in the model file's order ({@code [out, in, kh, kw]} or
     * {@code [out, in]}); convolution weights are copied into the graph's layout.
     */
    void setParameters(List<INDArray> weights, List<INDArray> biases) {
        for (int i = 0; i < weights.size(); i++) {
            INDArray w = weights.get(i);
            if (convolution.get(i)) {
                INDArray copy = w.permute(2, 3, 1, 0).dup('c');
                sd.getVariable(weightNames.get(i)).setArray(copy);
                INDArray old = convCopies.put(i, copy);
                if (old != null && old.closeable()) {
                    old.close();
                }
            } else {
                sd.getVariable(weightNames.get(i)).setArray(w);
            }
            sd.getVariable(biasNames.get(i)).setArray(biases.get(i));
        }
    }

    /** Sets batch norm's gammas and betas (lists over weighted layers, null where a layer has none). */
    void setNormalization(List<INDArray> gammas, List<INDArray> betas) {
        int k = 0;
        for (int i = 0; i < gammas.size(); i++) {
            if (gammas.get(i) != null) {
                sd.getVariable(gammaNames.get(k)).setArray(gammas.get(i));
                sd.getVariable(betaNames.get(k)).setArray(betas.get(i));
                k++;
            }
        }
        if (k != gammaNames.size()) {
            throw new IllegalArgumentException(k + " normalized layers given, the graph has " + gammaNames.size());
        }
    }

    /** Sets everything {@code p} holds: weights and biases, and batch norm's parameters when the graph has it. */
    void setParameters(FloatParams p) {
        setParameters(p.weights, p.biases);
        if (!gammaNames.isEmpty()) {
            setNormalization(p.gammas, p.betas);
        }
    }

    /** Names of the batch means of the normalized layers, in layer order (shape [1, c, 1, 1] each). */
    List<String> batchMeanNames() {
        return batchMeanNames;
    }

    /** Names of the batch variances of the normalized layers, in layer order. */
    List<String> batchVarianceNames() {
        return batchVarianceNames;
    }

    /** Names of the gammas, then the betas, of the normalized layers: the order {@link FloatParams#trainable()} ends with. */
    List<String> normalizationNames() {
        List<String> all = new ArrayList<>(gammaNames);
        all.addAll(betaNames);
        return all;
    }

    /** The gradient of weight {@code i} from {@link #step}, in the model file's order. */
    INDArray weightGradient(OutAndGrad og, int i) {
        INDArray g = og.getGradients().get(weightNames.get(i));
        return convolution.get(i) ? g.permute(3, 2, 0, 1).dup('c') : g.dup('c');
    }

    /**
     * Loss, logits and the gradients of all parameters for one batch. Their arrays stay valid until
     * {@link #endStep()}.
     */
    OutAndGrad step(INDArray input, INDArray oneHot) {
        return step(input, oneHot, null);
    }

    /** As {@link #step(INDArray, INDArray)}, with the teacher's soft targets when distilling. */
    OutAndGrad step(INDArray input, INDArray oneHot, INDArray softTargets) {
        if (distilling != (softTargets != null)) {
            throw new IllegalArgumentException(distilling ? "soft targets missing" : "graph built without distillation");
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(INPUT, input);
        ph.put(LABELS, oneHot);
        if (softTargets != null) {
            ph.put(SOFT_TARGETS, softTargets);
        }
        List<String> params = new ArrayList<>(weightNames);
        params.addAll(biasNames);
        params.addAll(normalizationNames());
        stepArrays().beginStep();
        return sd.calculateGradientsAndOutputs(ph, List.of(LOSS, LOGITS), params);
    }

    /**
     * Ends a {@link #step}: its arrays (outputs and gradients included, so the step's {@link OutAndGrad}
     * must not be used any more) serve the next step instead of waiting for a garbage collection.
     */
    void endStep() {
        stepArrays().endStep();
    }

    /** Frees the arrays kept for the next step (once training with this graph is over). */
    void freeStepArrays() {
        stepArrays().close();
    }

    /** The memory of this thread's gradient session, installed on first use. */
    private StepArrayPool stepArrays() {
        SameDiff grad = sd.getFunction("grad");
        InferenceSession session = grad.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                id -> new InferenceSession(grad));
        if (session.getMmgr() instanceof StepArrayPool pool) {
            return pool;
        }
        StepArrayPool pool = new StepArrayPool();
        session.setMmgr(pool);
        return pool;
    }

    /** The mean cross-entropy of one labelled batch (a graph built without distillation). */
    double loss(INDArray input, INDArray oneHot) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(INPUT, input);
        ph.put(LABELS, oneHot);
        return sd.output(ph, List.of(LOSS)).get(LOSS).getDouble(0);
    }

    /** Outputs {@code names} for one batch of inputs. */
    Map<String, INDArray> output(INDArray input, List<String> names) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(INPUT, input);
        return sd.output(ph, names);
    }
}
