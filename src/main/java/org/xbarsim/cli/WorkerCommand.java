package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Join a Pekko Cluster as a sweep worker.")
final class WorkerCommand extends NotLanded {
    @Override
    String missing() {
        return "cluster sweeps (a later issue)";
    }
}
