package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network and compress it (crossbar-aligned pruning, power-of-two integer quantization).")
final class TrainCommand extends NotLanded {
    @Override
    String missing() {
        return "the training module (issue #3)";
    }
}
