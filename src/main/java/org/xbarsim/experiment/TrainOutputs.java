package org.xbarsim.experiment;

import java.nio.file.Path;
import org.xbarsim.train.TrainingPipeline;

/** Where a training step's files are, inside its folder. */
final class TrainOutputs {
    static final String PREFIX = "model";

    private TrainOutputs() {
    }

    static Path compressed(Path step) {
        return TrainingPipeline.Outputs.of(step.resolve(PREFIX)).compressed();
    }

    static Path baseline(Path step) {
        return TrainingPipeline.Outputs.of(step.resolve(PREFIX)).baseline();
    }

    static Path report(Path step) {
        return TrainingPipeline.Outputs.of(step.resolve(PREFIX)).reportJson();
    }
}
