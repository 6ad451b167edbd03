package org.xbarsim.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.data.ImageSet;

/**
 * The training loop: mini-batch Adam on a {@link NetworkGraph}, with optional pruning masks, group
 * lasso, zerorize steps and weight fake-quantization. All arithmetic is ND4J; this class only
 * sequences it.
 */
final class Trainer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Trainer.class);
    /**
     * Steps between garbage collections (ND4J skips one that would come within 100 ms of the last).
     * Since {@link StepArrayPool} serves a step's arrays to the next, little native garbage is left for
     * a collection to free, and a full one costs 30-40 ms: 64 steps instead of 8 gave the same models,
     * a peak resident memory within 8 % and less CPU per image (docs/speed.md, "Fewer collections");
     * JavaCPP's maxbytes cap still forces one whenever native memory would pass it.
     */
    static final int GC_EVERY_STEPS = 64;
    private final Architecture arch;
    private final ImageSet train;
    private final int batchSize;
    private final long seed;
    private final ProgressBar progress;
    private final CrossbarGeometry geometry;
    private final Augmentation augmentation;

    Trainer(Architecture arch, CrossbarGeometry geometry, ImageSet train, int batchSize, long seed, ProgressBar progress,
            Augmentation augmentation) {
        this.augmentation = augmentation;
        this.arch = arch;
        this.geometry = geometry;
        this.train = train;
        this.batchSize = batchSize;
        this.seed = seed;
        this.progress = progress;
    }

    /** Decides the groups to zero at zerorize step {@code k} (1-based) of {@code steps}. */
    interface Zerorizer {
        GroupSelector.Selection select(FloatParams p, int k, int steps);
    }

    /**
     * One training phase.
     *
     * @param name             for progress and stream names
     * @param epochs           passes over the training set
     * @param lr               Adam learning rate (cosine-decayed to a tenth over the phase)
     * @param activationScales fake-quantized activations at these scales, or null
     * @param quantizeWeights  feed power-of-two fake-quantized weights (straight-through estimator)
     * @param fixedMasks       hard masks kept after every step, or null
     * @param zerorizer        zerorize-recover schedule, or null
     * @param zerorizeSteps    number of zerorize steps, spread evenly; the last one ends the phase
     * @param lasso            group-lasso strength on kernel groups (0 = off)
     * @param teacher          distil from this network, or null
     * @param averageDecay     end the phase with an exponential moving average of the parameters of this
     *                         decay ({@link WeightAverage}), or 0 to end it with the last step's values
     */
    record Phase(String name, int epochs, double lr, double[] activationScales, boolean quantizeWeights,
                 List<GroupMask> fixedMasks, Zerorizer zerorizer, int zerorizeSteps, double lasso, Teacher teacher,
                 double averageDecay) {
        Phase {
            if (averageDecay != 0 && zerorizer != null) {
                // the average would mix weights from before and after a zerorize step
                throw new IllegalArgumentException("weight averaging and zerorize steps cannot share a phase");
            }
        }

        /** A plain float phase: no quantization, masks, pruning, teacher or averaging. */
        static Phase floating(String name, int epochs, double lr) {
            return new Phase(name, epochs, lr, null, false, null, null, 1, 0, null, 0);
        }
    }

    /** Trains {@code p} in place; returns the masks of the last zerorize step (or the fixed masks). */
    List<GroupMask> run(FloatParams p, Phase phase, int weightBits) {
        if (phase.epochs() <= 0) {
            return phase.fixedMasks();
        }
        Teacher teacher = phase.teacher();
        if (p.hasBatchNorm() && (phase.quantizeWeights() || phase.activationScales() != null)) {
            throw new IllegalArgumentException("batch norm is folded before quantization-aware fine-tuning");
        }
        NetworkGraph graph = new NetworkGraph(arch, phase.activationScales(), 8,
                teacher == null ? null : teacher.distillation(), p.hasBatchNorm());
        List<INDArray> params = p.trainable();
        Adam adam = new Adam(params);
        int n = train.size();
        int batches = (n + batchSize - 1) / batchSize;
        long totalSteps = (long) batches * phase.epochs();
        List<GroupMask> masks = phase.fixedMasks();
        List<INDArray[]> hard = masks == null ? null : maskArrays(masks);
        List<GroupMask> lassoGroups = masks;
        if (phase.lasso() > 0 && lassoGroups == null) {
            lassoGroups = new GroupSelector(arch, geometry).unpruned().masks();
        }
        long step = 0;
        int zeroDone = 0;
        // A step's SameDiff activations and gradients serve the next step (graph.endStep); what a step makes
        // outside them is freed only by the garbage collector, and the heap fills too slowly to trigger it
        // (resident memory once grew by ~7 GB per vgg-small epoch). ND4J's occasional GC bounds that garbage.
        MemoryManager memory = Nd4j.getMemoryManager();
        memory.setOccasionalGcFrequency(GC_EVERY_STEPS);
        try (WeightAverage average = phase.averageDecay() == 0 ? null : new WeightAverage(params, phase.averageDecay())) {
            for (int epoch = 1; epoch <= phase.epochs(); epoch++) {
                int[] order = Streams.permutation(n, Streams.of(seed, "shuffle-" + phase.name() + "-" + epoch));
                progress.startEpoch();
                double lossSum = 0;
                long correct = 0;
                long seen = 0;
                int thisEpoch = epoch;
                try (BatchPrefetcher prefetch = new BatchPrefetcher(batches, b -> batch(phase.name(), thisEpoch, order, b))) {
                    for (int b = 0; b < batches; b++) {
                        int from = b * batchSize;
                        int to = Math.min(n, from + batchSize);
                        double t = (double) step / Math.max(1, totalSteps);
                        double lr = phase.lr() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * t)));
                        Batch batch = step(graph, adam, p, params, phase, weightBits, lassoGroups, prefetch.take(b), lr);
                        if (hard != null) {
                            applyMasks(p, hard);
                        }
                        step++;
                        // a while, not an if: with fewer batches than zerorize steps several fall on one batch, and
                        // the last one (the final hard zeroing) must always happen
                        while (phase.zerorizer() != null && zeroDone < phase.zerorizeSteps()
                                && step >= (long) Math.ceil((double) totalSteps * (zeroDone + 1) / phase.zerorizeSteps())) {
                            zeroDone++;
                            GroupSelector.Selection s = phase.zerorizer().select(p, zeroDone, phase.zerorizeSteps());
                            masks = s.masks();
                            applyMasks(p, maskArrays(masks));
                            lassoGroups = masks;
                        }
                        if (average != null) {
                            average.update(params);
                        }
                        memory.invokeGcOccasionally();
                        correct += batch.correct();
                        seen += to - from;
                        lossSum += batch.loss() * (to - from);
                        progress.update(phase.name(), epoch, phase.epochs(), b + 1, batches, lossSum / seen, (double) correct / seen);
                    }
                }
                LOG.info("{} epoch {}/{}: loss {}, train accuracy {}", phase.name(), epoch, phase.epochs(),
                        String.format(java.util.Locale.ROOT, "%.4f", lossSum / seen),
                        String.format(java.util.Locale.ROOT, "%.4f", (double) correct / seen));
            }
            if (average != null) {
                average.copyInto(params);
            }
        } finally {
            graph.freeStepArrays();   // about one step's arrays: hundreds of MB for vgg-small
        }
        return masks;
    }

    /** Mean loss and correct predictions of one batch, measured before its update. */
    private record Batch(double loss, long correct) {
    }

    /**
     * Batch {@code b} of an epoch in {@code order}: images {@code order[b * batchSize ..]}, augmented with a
     * stream of their own, and their one-hot labels. Made on the {@link BatchPrefetcher}'s thread.
     */
    private BatchPrefetcher.Prepared batch(String phase, int epoch, int[] order, int b) {
        int from = b * batchSize;
        int to = Math.min(train.size(), from + batchSize);
        // one stream per batch: a batch's images do not depend on how many draws earlier batches made
        SplittableRandom augment = augmentation.isOn() ? Streams.of(seed, "augment-" + phase + "-" + epoch + "-" + b) : null;
        return new BatchPrefetcher.Prepared(Batches.augmentedImages(train, order, from, to, augmentation, augment),
                Batches.oneHot(train, order, from, to));
    }

    /**
     * One optimizer step on {@code batch}: forward and backward pass (on fake-quantized weights when the
     * phase quantizes), the group-lasso gradient, and Adam's update of {@code params}.
     */
    private Batch step(NetworkGraph graph, Adam adam, FloatParams p, List<INDArray> params, Phase phase, int weightBits,
                       List<GroupMask> lassoGroups, BatchPrefetcher.Prepared batch, double lr) {
        // arrays this step creates and nothing keeps are released at its end, not left to the
        // garbage collector: native memory otherwise grows by gigabytes over a long run
        List<INDArray> owned = new ArrayList<>();
        INDArray x = own(owned, batch.images());
        INDArray y = own(owned, batch.labels());
        List<INDArray> fw = new ArrayList<>();
        for (INDArray w : p.weights) {
            fw.add(phase.quantizeWeights() ? own(owned, PowerOfTwo.fakeQuantize(w, weightBits)) : w);
        }
        graph.setParameters(fw, p.biases);
        if (p.hasBatchNorm()) {
            graph.setNormalization(p.gammas, p.betas);
        }
        Teacher teacher = phase.teacher();
        INDArray soft = teacher == null ? null : own(owned, teacher.softTargets(x));
        OutAndGrad og = graph.step(x, y, soft);
        Map<String, INDArray> g = og.getGradients();
        List<INDArray> grads = new ArrayList<>();
        for (int i = 0; i < p.weights.size(); i++) {
            INDArray gw = own(owned, graph.weightGradient(og, i));
            if (phase.lasso() > 0) {
                gw.addi(own(owned, groupLassoGradient(p.weights.get(i), lassoGroups.get(i))).muli(phase.lasso()));
            }
            grads.add(gw);
        }
        for (int i = 0; i < p.biases.size(); i++) {
            grads.add(g.get(graph.biasNames().get(i)));
        }
        for (String name : graph.normalizationNames()) {
            grads.add(g.get(name));
        }
        adam.apply(params, grads, lr);
        INDArray logits = og.getOutputs().get(NetworkGraph.LOGITS);
        INDArray pred = own(owned, logits.argMax(1));
        INDArray truth = own(owned, y.argMax(1));
        INDArray same = own(owned, pred.eq(truth));
        long correct = own(owned, same.castTo(DataType.INT32)).sumNumber().longValue();
        double loss = og.getOutputs().get(NetworkGraph.LOSS).getDouble(0);
        if (teacher != null) {
            loss -= teacher.constantLoss(soft);
        }
        graph.endStep();
        release(owned);
        return new Batch(loss, correct);
    }

    static INDArray own(List<INDArray> owned, INDArray a) {
        owned.add(a);
        return a;
    }

    /** Frees the native buffers of arrays nothing else refers to (views share their parent's buffer). */
    static void release(List<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a.closeable()) {
                a.close();
            }
        }
        arrays.clear();
    }

    /** 1/0 weight and bias masks as arrays shaped like the parameters. */
    static List<INDArray[]> maskArrays(List<GroupMask> masks) {
        List<INDArray[]> out = new ArrayList<>();
        for (GroupMask m : masks) {
            out.add(new INDArray[] {
                Nd4j.create(m.weightMask(), m.layer.paramShape(), 'c'),
                Nd4j.create(m.biasMask(), new long[] {m.layer.outChannels()}, 'c')});
        }
        return out;
    }

    /** The most {@link #rescaleKept} multiplies a layer's weights by at one zerorize step. */
    static final double MAX_RESCALE = 8;

    /**
     * Scales each layer's weights so that the groups {@code masks} keep hold the layer's whole weight
     * energy {@code sum w^2} (factor {@code sqrt(all / kept)}, at most {@link #MAX_RESCALE}); the pruned
     * weights are zeroed afterwards by the caller. Without it, pruning most of an under-trained layer's
     * near-equal groups shrinks its outputs, deep layers end up below their biases, the ReLUs stop
     * firing for every input and the network outputs a constant it cannot train out of
     * (docs/results.md, "The compression recipe").
     */
    static void rescaleKept(FloatParams p, List<GroupMask> masks) {
        List<INDArray[]> arrays = maskArrays(masks);
        for (int i = 0; i < arrays.size(); i++) {
            INDArray w = p.weights.get(i);
            INDArray kept = w.mul(arrays.get(i)[0]);
            double all = w.norm2Number().doubleValue();
            double left = kept.norm2Number().doubleValue();
            kept.close();
            arrays.get(i)[0].close(); // native memory: free it now rather than at the next collection
            arrays.get(i)[1].close();
            if (left > 0) {
                w.muli(Math.min(MAX_RESCALE, all / left));
            }
        }
    }

    /** Zeroes the pruned weights, and the biases (and batch norm's gammas and betas) of pruned filters. */
    static void applyMasks(FloatParams p, List<INDArray[]> masks) {
        for (int i = 0; i < masks.size(); i++) {
            p.weights.get(i).muli(masks.get(i)[0]);
            p.biases.get(i).muli(masks.get(i)[1]);
            if (p.hasBatchNorm() && p.gammas.get(i) != null) {
                // a pruned filter's normalized output would otherwise be beta, not 0
                p.gammas.get(i).muli(masks.get(i)[1]);
                p.betas.get(i).muli(masks.get(i)[1]);
            }
        }
    }

    /**
     * d/dw of {@code sum_g ||w_g||_2} over the kernel groups of {@code m}'s export layout:
     * {@code w / ||w_g||} (about zero for an all-zero group). The filters are gathered into export
     * order, padded to whole column tiles and viewed as {@code [tiles, L, units, rowsPerUnit]}, so a
     * kernel group's norm is a reduction over axes 1 and 3.
     */
    static INDArray groupLassoGradient(INDArray w, GroupMask m) {
        Architecture.Weighted l = m.layer;
        int cout = l.outChannels();
        int units = l.inChannels();
        int rpu = l.rowsPerChannel();
        int lcols = m.tileColumns;
        int padded = m.tiles * lcols;
        INDArray rows = Nd4j.pullRows(w.reshape('c', cout, (long) units * rpu), 1, m.order);
        if (padded > cout) {
            rows = Nd4j.concat(0, rows, Nd4j.zeros(DataType.FLOAT, padded - cout, (long) units * rpu));
        }
        INDArray t = rows.reshape('c', m.tiles, lcols, units, rpu);
        INDArray norms = Transforms.sqrt(t.mul(t).sum(true, 1, 3), false).addi(1e-8);
        INDArray g = t.div(norms.broadcast(m.tiles, lcols, units, rpu)).reshape('c', padded, (long) units * rpu);
        int[] position = m.positionOf();
        return Nd4j.pullRows(g, 1, position).reshape('c', l.paramShape());
    }
}
