package org.xbarsim;

import java.util.List;

/**
 * Bad input from the user (a file, an option, a data set): the command line prints the message
 * alone, without a stack trace, and exits with status 2. Messages name the file, the field and the
 * problem.
 */
public class UserInputException extends RuntimeException {
    private final List<String> problems;

    public UserInputException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Several problems found at once; the message lists them one per line under {@code headline}. */
    public UserInputException(String headline, List<String> problems) {
        super(headline + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
