package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate inference cycle by cycle on the actor model of a chip.")
final class SimulateCommand extends NotLanded {
    @Override
    String missing() {
        return "the actor simulation (issue #5)";
    }
}
