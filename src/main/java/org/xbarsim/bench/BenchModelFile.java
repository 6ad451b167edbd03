package org.xbarsim.bench;

import java.nio.file.Path;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.RandomModels;

/**
 * The model file a simulating case runs: {@code --param model=FILE}, or a random LeNet-5 (seed 1)
 * written into the case's scratch folder, since the commands it times read a model file.
 */
record BenchModelFile(Path file, IntModel model) {
    static BenchModelFile of(BenchOptions options, Path scratch) {
        String given = options.params().get("model");
        if (given != null) {
            Path file = Path.of(given);
            return new BenchModelFile(file, ModelFile.read(file));
        }
        IntModel m = RandomModels.lenet5(1);
        Path file = scratch.resolve("lenet5.json");
        ModelFile.write(file, m);
        return new BenchModelFile(file, m);
    }
}
