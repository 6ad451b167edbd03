package org.xbarsim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one-command demo: runs every pipeline stage that has landed, on Fashion-MNIST. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on Fashion-MNIST: train and compress, evaluate, map, simulate, compare.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("xbarsim demo: no pipeline stage has landed yet (issues #2-#5).");
        return Main.EXIT_NOT_AVAILABLE;
    }
}
