package org.xbarsim.cli;

import java.util.List;
import org.xbarsim.UserInputException;
import picocli.CommandLine.Model.CommandSpec;

/** Options that choose images of a data set, which a command given {@code --input FILE} would ignore without a word. */
final class DataSetOptions {
    private DataSetOptions() {
    }

    /**
     * Refuses the first of {@code options} given on the command line beside {@code --input}.
     *
     * @param what what the option does, e.g. "chooses images of a data set"
     * @param runs what runs instead, e.g. "every image of the file runs"
     */
    static void refuseBesideInput(CommandSpec spec, List<String> options, String what, String runs) {
        for (String o : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new UserInputException(o + " " + what + "; with --input FILE " + runs + ": leave out " + o + " or --input");
            }
        }
    }
}
