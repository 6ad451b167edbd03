package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare a compressed model against its unpruned baseline (power, energy, latency, area).")
final class CompareCommand extends NotLanded {
    @Override
    String missing() {
        return "the comparison report (a later issue)";
    }
}
