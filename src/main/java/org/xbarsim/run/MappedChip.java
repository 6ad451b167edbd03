package org.xbarsim.run;

import java.nio.file.Path;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.hw.Accelerator;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;

/**
 * A model file mapped onto the chip of a config file, ready to simulate: what {@code simulate} and
 * {@code replay --requests} both start from.
 */
record MappedChip(IntModel model, ChipConfig config, Chip chip, Mapping mapping, Accelerator accelerator) {

    /** Reads, maps and wires; a model that cannot be mapped or simulated is a user error naming both files. */
    static MappedChip load(Path modelFile, Path configFile) {
        IntModel m = ModelFile.read(modelFile);
        ChipConfig cfg = ChipConfigLoader.load(configFile);
        Chip chip = cfg.chip();
        Mapping mapping;
        try {
            mapping = Mapper.map(m, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        } catch (UserInputException | IllegalArgumentException e) {
            throw new UserInputException(modelFile + " cannot be mapped onto " + configFile + ": " + e.getMessage(), e);
        }
        try {
            return new MappedChip(m, cfg, chip, mapping, new Accelerator(m, mapping, chip));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(modelFile + ": " + e.getMessage());
        }
    }
}
