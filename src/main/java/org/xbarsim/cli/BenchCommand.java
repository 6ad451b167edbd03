package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run reproducible benchmarks (golden engine, training, simulation) and print medians.")
final class BenchCommand extends NotLanded {
    @Override
    String missing() {
        return "the benchmarks (issue #2)";
    }
}
