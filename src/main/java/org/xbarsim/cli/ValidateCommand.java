package org.xbarsim.cli;

import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a chip configuration file and print it fully resolved.")
final class ValidateCommand extends NotLanded {
    @Override
    String missing() {
        return "chip configuration files (issue #4)";
    }
}
