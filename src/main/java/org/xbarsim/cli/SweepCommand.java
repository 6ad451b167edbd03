package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep of chip configurations and collect one results table.")
final class SweepCommand extends NotLanded {
    @Override
    String missing() {
        return "config sweeps (a later issue)";
    }
}
