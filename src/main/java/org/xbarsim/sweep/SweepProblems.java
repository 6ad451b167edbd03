package org.xbarsim.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbarsim.UserInputException;

/**
 * Every problem found in a sweep file and its points, collected so that all are listed at once as
 * {@code file:line: axis/point: problem}. Identical messages (the same bad value reached by many
 * points) are listed once.
 */
final class SweepProblems {
    /** More problems than this are summarized by a count: the first ones show the mistake. */
    static final int LISTED = 40;

    private final String file;
    private final Set<String> messages = new LinkedHashSet<>();

    SweepProblems(String file) {
        this.file = file;
    }

    /** A problem at {@code line} of the sweep file (0: no line), about {@code where} (a key, an axis, a point). */
    void add(int line, String where, String problem) {
        messages.add(file + (line > 0 ? ":" + line : "") + ": " + (where == null ? "" : where + ": ") + problem);
    }

    /** A message that already names its file and line (from the chip config loader). */
    void addRaw(String message) {
        messages.add(message);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    int size() {
        return messages.size();
    }

    /** Throws one {@link UserInputException} listing every problem, when there is any. */
    void throwIfAny() {
        if (messages.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(messages);
        List<String> shown = new ArrayList<>(all.subList(0, Math.min(LISTED, all.size())));
        if (all.size() > LISTED) {
            shown.add("... and " + (all.size() - LISTED) + " more");
        }
        throw new UserInputException("invalid sweep " + file + " (" + all.size() + (all.size() == 1 ? " problem" : " problems")
                + "):", shown);
    }
}
