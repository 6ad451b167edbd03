package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Map an integer model onto a chip's crossbars and estimate area and energy.")
final class MapCommand extends NotLanded {
    @Override
    String missing() {
        return "the mapper and cost model (issue #4)";
    }
}
