package org.xbarsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.config.ConfigProblem;
import org.xbarsim.config.ResolvedEntry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xbarsim validate}: loads a chip configuration, reports every problem, or prints it resolved. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Check a chip configuration file and print it fully resolved: every key with its value and the "
                + "file:line it came from (the file itself or a base such as sim-configs/defaults.conf), followed "
                + "by derived figures.",
            "With --model, also maps the model onto the chip and says whether it can run there (it fits, its "
                + "weights fit the cells, its hidden layers give the unsigned inputs the crossbars take).",
            "On errors, lists every problem at once as 'file:line: key.path = value: problem' and exits with "
                + "status 2. Warnings (e.g. an ADC narrower than the ideal column sum) go to standard error and do "
                + "not fail."
        },
        footer = {"", "Example: ./xbarsim validate --config sim-configs/isaac.conf"})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Chip configuration (HOCON), e.g. sim-configs/small.conf.")
    Path config;

    @Option(names = "--model", paramLabel = "FILE",
            description = "An integer model to check against the chip, as map and simulate would.")
    Path model;

    @Override
    public Integer call() {
        ChipConfig loaded = ChipConfigLoader.load(config);
        String modelLine = model == null ? null : modelLine(loaded);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("# " + loaded.file() + ": valid chip configuration '" + loaded.chip().name() + "'"
                + (loaded.warnings().isEmpty() ? "" : " with " + loaded.warnings().size()
                + (loaded.warnings().size() == 1 ? " warning" : " warnings")));
        out.println("# every key, resolved, with the file:line its value comes from");
        int width = 0;
        for (ResolvedEntry e : loaded.entries()) {
            width = Math.max(width, Math.min(72, e.keyPath().length() + 3 + e.value().length()));
        }
        for (ResolvedEntry e : loaded.entries()) {
            String kv = e.keyPath() + " = " + e.value();
            out.println(kv + " ".repeat(Math.max(1, width - kv.length() + 1)) + "# " + e.origin());
        }
        out.println("# derived");
        for (String d : ChipConfigLoader.derivedFigures(loaded)) {
            out.println("#   " + d);
        }
        if (modelLine != null) {
            out.println(modelLine);
        }
        out.flush();
        for (ConfigProblem w : loaded.warnings()) {
            err.println("xbarsim validate: " + w.message());
        }
        err.flush();
        return 0;
    }

    /** Maps the model as map and simulate do; their refusal is this command's. */
    private String modelLine(ChipConfig loaded) {
        org.xbarsim.model.IntModel m = org.xbarsim.model.ModelFile.read(model);
        org.xbarsim.mapping.Mapping mapping;
        try {
            mapping = org.xbarsim.mapping.Mapper.map(m, org.xbarsim.mapping.MappingTarget.of(loaded.chip(),
                    org.xbarsim.mapping.MappingTarget.TilePacking.SHARED));
        } catch (org.xbarsim.UserInputException e) {
            throw new org.xbarsim.UserInputException(model + " on " + config + ": " + e.getMessage(), e);
        }
        return "# model " + model + " ('" + m.name() + "') can run on this chip: " + mapping.allocatedCrossbars()
                + (mapping.allocatedCrossbars() == 1 ? " crossbar on " : " crossbars on ") + mapping.tilesUsed().size()
                + (mapping.tilesUsed().size() == 1 ? " tile" : " tiles");
    }
}
