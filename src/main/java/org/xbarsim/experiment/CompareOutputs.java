package org.xbarsim.experiment;

import java.nio.file.Path;

/** Where a comparison step's files are, inside its folder. */
final class CompareOutputs {
    static final String FOLDER = "compare";

    private CompareOutputs() {
    }

    static Path report(Path step) {
        return step.resolve(FOLDER).resolve("report.json");
    }
}
