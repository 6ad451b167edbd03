package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run an integer model file on a data set's test images with the golden integer engine; print top-1 accuracy.")
final class EvalCommand extends NotLanded {
    @Override
    String missing() {
        return "the evaluation command (issue #2)";
    }
}
