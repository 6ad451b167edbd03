package org.xbarsim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Base of subcommands whose capability has not landed yet: they say so plainly and exit non-zero,
 * never pretending to work.
 */
abstract class NotLanded implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What is missing, e.g. "the simulator (issue #5)". */
    abstract String missing();

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xbarsim " + spec.name() + ": not available yet: " + missing()
                + " has not landed in this build.");
        return Main.EXIT_NOT_AVAILABLE;
    }
}
