package org.xbarsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ConfigProblem;
import org.xbarsim.config.DerivedFigures;
import org.xbarsim.config.ResolvedEntry;
import org.xbarsim.report.ReportJson;

/**
 * {@code validate --json}: what validate prints, as one JSON object for scripts (docs/config.md lists
 * the keys). For a file with errors only {@code problems} is filled; a model that cannot run on a valid
 * chip has {@code model.runs} false and its reason.
 *
 * @param keys every key of the resolved configuration, its value as JSON and the file:line it came from
 */
record ValidationJson(String format, int version, String file, boolean valid, String chip, List<Finding> problems,
                      List<Finding> warnings, Map<String, Key> keys, DerivedFigures derived, ModelCheck model) {
    static final String FORMAT = "xbarsim-validate";
    static final int VERSION = 1;

    /** A problem or warning: {@code line} is null when it has none (a missing key). */
    record Finding(String file, Integer line, String key, String value, String problem) {
        static Finding of(ConfigProblem p) {
            return new Finding(p.file(), p.line() > 0 ? p.line() : null, p.keyPath(), p.value(), p.problem());
        }
    }

    record Key(JsonNode value, String origin) {
    }

    /** The model of {@code --model}: where it runs, or why it cannot. */
    record ModelCheck(String file, String name, boolean runs, Long crossbars, Integer tiles, String problem) {
    }

    static ValidationJson valid(ChipConfig loaded, ModelCheck model) {
        Map<String, Key> keys = new LinkedHashMap<>();
        for (ResolvedEntry e : loaded.entries()) {
            keys.put(e.keyPath(), new Key(json(e), e.origin()));
        }
        return new ValidationJson(FORMAT, VERSION, loaded.file(), true, loaded.chip().name(), List.of(),
                loaded.warnings().stream().map(Finding::of).toList(), keys, DerivedFigures.of(loaded), model);
    }

    static ValidationJson invalid(String file, List<ConfigProblem> errors) {
        return new ValidationJson(FORMAT, VERSION, file, false, null, errors.stream().map(Finding::of).toList(), List.of(),
                Map.of(), null, null);
    }

    /** A resolved value is printed in HOCON's concise form, which is JSON. */
    private static JsonNode json(ResolvedEntry e) {
        try {
            return ReportJson.mapper().readTree(e.value());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(e.keyPath() + ": resolved value is not JSON: " + e.value(), ex);
        }
    }
}
