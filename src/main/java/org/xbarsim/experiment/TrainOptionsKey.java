package org.xbarsim.experiment;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xbarsim.train.TrainOptions;

/**
 * A training step's options as the text its {@link StepRecord} keeps. It reads like the record's
 * {@code toString()}, but an option added to {@link TrainOptions} after steps were recorded appears only
 * when it differs from the {@code train} default: steps recorded before the option existed keep matching,
 * and adding an option never makes a finished experiment train again.
 */
final class TrainOptionsKey {
    /** The options every record written so far names, whatever their value (frozen: do not add to it). */
    static final Set<String> ALWAYS_NAMED = Set.of("arch", "width", "dataset", "dataDir", "seed", "geometry",
            "crossbarBudget", "targetSparsity", "pretrainEpochs", "pruneEpochs", "qatEpochs", "baselineExtraEpochs",
            "batchSize", "learningRate", "groupLasso", "zerorizeSteps", "trainLimit", "testLimit", "unstructured",
            "outPrefix", "distillation", "allocation", "pruneFromBaseline", "checkpoint", "weightAverage",
            "augmentation", "maxLayerSparsity", "rescalePruned", "minKeptUnits", "batchNorm");

    private TrainOptionsKey() {
    }

    static String of(TrainOptions options) {
        TrainOptions defaults = TrainOptions.builder().build();
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : TrainOptions.class.getRecordComponents()) {
            Object value = valueOf(c, options);
            if (ALWAYS_NAMED.contains(c.getName()) || !Objects.equals(value, valueOf(c, defaults))) {
                parts.add(c.getName() + "=" + value);
            }
        }
        return TrainOptions.class.getSimpleName() + "[" + String.join(", ", parts) + "]";
    }

    private static Object valueOf(RecordComponent c, TrainOptions o) {
        try {
            return c.getAccessor().invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read TrainOptions." + c.getName(), e);
        }
    }
}
