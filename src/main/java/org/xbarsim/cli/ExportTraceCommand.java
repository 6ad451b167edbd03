package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "export-trace", mixinStandardHelpOptions = true,
        description = "Export a simulation event trace as Chrome Trace Event JSON (Perfetto).")
final class ExportTraceCommand extends NotLanded {
    @Override
    String missing() {
        return "Chrome-trace export (a later issue)";
    }
}
