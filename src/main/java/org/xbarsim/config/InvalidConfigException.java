package org.xbarsim.config;

import java.util.List;
import org.xbarsim.UserInputException;

/**
 * A chip configuration with errors: the message lists them one per line, and {@link #configProblems()}
 * keeps them as findings (file, line, key, value, problem) for output meant for scripts.
 */
public final class InvalidConfigException extends UserInputException {
    private final transient List<ConfigProblem> configProblems;

    InvalidConfigException(String file, List<ConfigProblem> errors) {
        super("invalid chip configuration " + file + " (" + errors.size() + (errors.size() == 1 ? " problem" : " problems")
                + "):", errors.stream().map(ConfigProblem::message).toList());
        this.configProblems = List.copyOf(errors);
    }

    /** The errors, in the order of the message. */
    public List<ConfigProblem> configProblems() {
        return configProblems;
    }
}
