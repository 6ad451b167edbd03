package org.xbarsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.config.ConfigProblem;
import org.xbarsim.config.DerivedFigures;
import org.xbarsim.config.InvalidConfigException;
import org.xbarsim.config.ResolvedEntry;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;
import org.xbarsim.report.ReportJson;
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
        footer = {"", "Example:", "  ./xbarsim validate --config sim-configs/isaac.conf"})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Chip configuration (HOCON), e.g. sim-configs/small.conf.")
    Path config;

    @Option(names = "--model", paramLabel = "FILE",
            description = "An integer model to check against the chip, as map and simulate would.")
    Path model;

    @Option(names = "--json", description = "Print the result as one JSON object (docs/config.md), also when the file "
            + "has errors or the model cannot run (exit status 2 then, the message on standard error as without it).")
    boolean json;

    @Option(names = "--quiet", description = "Accepted for scripts that pass it to every command: this command shows no progress.")
    boolean quiet;

    @Override
    public Integer call() {
        return json ? callJson() : callText();
    }

    private Integer callText() {
        ChipConfig loaded = ChipConfigLoader.load(config);
        String modelLine = model == null ? null : modelLine(mapModel(loaded, ModelFile.read(model)));
        PrintWriter out = spec.commandLine().getOut();
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
        for (String d : DerivedFigures.of(loaded).lines()) {
            out.println("#   " + d);
        }
        if (modelLine != null) {
            out.println(modelLine);
        }
        out.flush();
        printWarnings(loaded);
        return 0;
    }

    /** The JSON on stdout whatever the outcome; a failure's message also on stderr, with status 2. */
    private Integer callJson() {
        PrintWriter out = spec.commandLine().getOut();
        ChipConfig loaded;
        try {
            loaded = ChipConfigLoader.load(config);
        } catch (UserInputException e) {
            // a file with errors lists them; one refused before it was read (an empty path) is one problem
            out.print(ReportJson.toJson(ValidationJson.invalid(config.toString(), e instanceof InvalidConfigException i
                    ? i.configProblems() : java.util.List.of(new ConfigProblem(config.toString(), 0, null, null, e.getMessage(),
                    false)))));
            out.flush();
            throw e;
        }
        ValidationJson.ModelCheck check = null;
        UserInputException modelProblem = null;
        if (model != null) {
            String name = null;
            try {
                IntModel read = ModelFile.read(model);
                name = read.name();
                Mapped m = mapModel(loaded, read);
                check = new ValidationJson.ModelCheck(model.toString(), name, true,
                        m.mapping().allocatedCrossbars(), m.mapping().tilesUsed().size(), null);
            } catch (UserInputException e) {
                modelProblem = e;
                check = new ValidationJson.ModelCheck(model.toString(), name, false, null, null, e.getMessage());
            }
        }
        out.print(ReportJson.toJson(ValidationJson.valid(loaded, check)));
        out.flush();
        printWarnings(loaded);
        if (modelProblem != null) {
            throw modelProblem;
        }
        return 0;
    }

    private void printWarnings(ChipConfig loaded) {
        PrintWriter err = spec.commandLine().getErr();
        for (ConfigProblem w : loaded.warnings()) {
            err.println("xbarsim validate: " + w.message());
        }
        err.flush();
    }

    private record Mapped(IntModel model, Mapping mapping) {
    }

    /** Maps the model as map and simulate do; their refusal is this command's. */
    private Mapped mapModel(ChipConfig loaded, IntModel m) {
        try {
            return new Mapped(m, Mapper.map(m, MappingTarget.of(loaded.chip(), MappingTarget.TilePacking.SHARED)));
        } catch (UserInputException e) {
            throw new UserInputException(model + " on " + config + ": " + e.getMessage(), e);
        }
    }

    private String modelLine(Mapped m) {
        Mapping mapping = m.mapping();
        return "# model " + model + " ('" + m.model().name() + "') can run on this chip: " + mapping.allocatedCrossbars()
                + (mapping.allocatedCrossbars() == 1 ? " crossbar on " : " crossbars on ") + mapping.tilesUsed().size()
                + (mapping.tilesUsed().size() == 1 ? " tile" : " tiles");
    }
}
