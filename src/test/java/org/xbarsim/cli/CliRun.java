package org.xbarsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the command line as {@code main} builds it, with what it printed: shared by the command tests. */
record CliRun(int exit, String out, String err) {
    static CliRun run(String... args) {
        CommandLine cl = Main.commandLineFor(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
