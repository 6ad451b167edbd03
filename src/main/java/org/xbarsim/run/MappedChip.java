package org.xbarsim.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.hw.Accelerator;
import org.xbarsim.hw.buffer.InputBufferFullException;
import org.xbarsim.io.InputFiles;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingReader;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.mapping.PipelineEstimate;
import org.xbarsim.mapping.Replication;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;

/**
 * A model file mapped onto the chip of a config file, ready to simulate: what {@code simulate} and
 * {@code replay --requests} both start from.
 */
record MappedChip(IntModel model, ChipConfig config, Chip chip, Mapping mapping, Accelerator accelerator) {

    /** Reads, maps (with the config's weight duplication) and wires. */
    static MappedChip load(Path modelFile, Path configFile) {
        return load(modelFile, configFile, null, null, null);
    }

    /**
     * Reads, maps and wires; a model that cannot be mapped or simulated is a user error naming both
     * files. {@code replicate} and {@code replicateBudget} ({@code --replicate}, {@code
     * --replicate-budget}) override the config's duplication when not null; with duplication on, the
     * pipeline estimate goes to {@code err} (when not null).
     */
    static MappedChip load(Path modelFile, Path configFile, String replicate, Long replicateBudget, PrintWriter err) {
        return load(modelFile, configFile, null, replicate, replicateBudget, err);
    }

    /**
     * As {@link #load(Path, Path, String, Long, PrintWriter)}; with a {@code mappingFile} (not null)
     * the chip is wired from that file (the whole plan: crossbars, copies, reducers, routes) rather
     * than by mapping the model again, and {@code replicate} must be null; a config file that asks for
     * duplication ({@code mapping.replicate} other than none) gets a note on {@code err} that the
     * mapping file's copies are used instead. A problem the wiring finds is blamed on the mapping file
     * when there is one (it holds the plan), else on the model file.
     */
    /**
     * The model's mapping on the chip: read from {@code mappingFile} when not null, else made with the duplication
     * asked for; a model the mapper refuses is a user error naming both files.
     */
    static Mapping mapping(IntModel m, Path modelFile, ChipConfig cfg, Path configFile, Path mappingFile, String replicate,
                           Long replicateBudget) {
        MappingTarget target = MappingTarget.of(cfg.chip(), MappingTarget.TilePacking.SHARED);
        if (mappingFile != null) {
            String text = InputFiles.readString(mappingFile, "mapping file", InputFiles.MAX_MAPPING_BYTES);
            return MappingReader.parse(mappingFile.toString(), text, m, target);
        }
        try {
            return Replication.choose(cfg.replication(), replicate, replicateBudget).map(m, target, cfg.chip());
        } catch (UserInputException | IllegalArgumentException e) {
            throw new UserInputException(modelFile + " cannot be mapped onto " + configFile + ": " + e.getMessage(), e);
        }
    }

    static MappedChip load(Path modelFile, Path configFile, Path mappingFile, String replicate, Long replicateBudget,
            PrintWriter err) {
        IntModel m = ModelFile.read(modelFile);
        ChipConfig cfg = ChipConfigLoader.load(configFile);
        Chip chip = cfg.chip();
        if (mappingFile != null && (replicate != null || replicateBudget != null)) {
            throw new UserInputException("--mapping " + mappingFile + " fixes the copies of every layer: leave out --replicate"
                    + " and --replicate-budget");
        }
        Mapping mapping = mapping(m, modelFile, cfg, configFile, mappingFile, replicate, replicateBudget);
        String narrow = narrowWeights(m, modelFile, mapping.geometry(), configFile);
        if (narrow != null && err != null) {
            err.println(narrow);
        }
        if (mappingFile != null) {
            if (cfg.replication() != null && !cfg.replication().isNone() && err != null) {
                err.println("note: " + configFile + ": mapping.replicate = \"" + cfg.replication().text() + "\" is not used: the"
                        + " mapping file " + mappingFile + " fixes the copies of every layer");
            }
        } else if (!Replication.choose(cfg.replication(), replicate, replicateBudget).isNone() && err != null) {
            err.println(PipelineEstimate.of(m, mapping, chip).describe());
        }
        try {
            return new MappedChip(m, cfg, chip, mapping, new Accelerator(m, mapping, chip));
        } catch (InputBufferFullException e) {
            throw new UserInputException(configFile + " cannot run " + modelFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException((mappingFile != null ? mappingFile + " (with " + modelFile + ")" : modelFile.toString()) + ": "
                    + e.getMessage());
        }
    }

    /**
     * A warning when every layer's weights are narrower than the chip stores: each weight still takes
     * the cells of the chip's width, so crossbars, energy and area are those of wider weights (a
     * comparison of two models on such a chip overstates what the narrow one costs); null otherwise.
     */
    static String narrowWeights(IntModel m, Path modelFile, org.xbarsim.arch.CrossbarGeometry g, Path configFile) {
        int widest = 0;
        for (org.xbarsim.model.WeightedLayer w : m.weightedLayers()) {
            widest = Math.max(widest, w.weightBits());
        }
        if (widest == 0 || widest >= g.weightBits()) {
            return null;
        }
        return "warning: " + modelFile + " has weights of at most " + widest + " bits, but " + configFile + " stores "
                + g.weightBits() + "-bit weights (chip.tile.weights.bits): each weight takes the cells of " + g.weightBits()
                + " bits (" + g.physicalColumnsPerLogical() + " columns), so its crossbars, energy and area are those of "
                + g.weightBits() + "-bit weights; set chip.tile.weights.bits = " + widest + " to map it as trained";
    }
}
