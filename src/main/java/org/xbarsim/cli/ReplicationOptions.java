package org.xbarsim.cli;

import org.xbarsim.config.ChipConfig;
import org.xbarsim.mapping.Replication;
import picocli.CommandLine.Option;

/** {@code --replicate} and {@code --replicate-budget}, shared by map, simulate and compare. */
final class ReplicationOptions {
    @Option(names = "--replicate", paramLabel = "none|auto|LAYER=R,...",
            description = "Weight duplication: copies of each layer's crossbars that share its output positions. none, auto "
                    + "(greedy on the slowest pipeline stage within --replicate-budget) or e.g. conv1=4,conv2=2. "
                    + "Default: the config's mapping.replicate (none). Docs: docs/replication.md")
    String replicate;

    @Option(names = "--replicate-budget", paramLabel = "CROSSBARS",
            description = "Crossbars auto may fill, every copy counted; 0 = the chip's. Default: the config's "
                    + "mapping.replicate-budget (0).")
    Long budget;

    /** The choice: these options over the config's keys. */
    Replication choose(ChipConfig config) {
        return Replication.choose(config.replication(), replicate, budget);
    }
}
