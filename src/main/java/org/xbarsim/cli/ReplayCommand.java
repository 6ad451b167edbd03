package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a request trace against a simulated chip to measure latency under load.")
final class ReplayCommand extends NotLanded {
    @Override
    String missing() {
        return "trace replay (a later issue)";
    }
}
