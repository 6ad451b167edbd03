package org.xbarsim.trace;

import java.util.regex.Pattern;

/** The spelling of component kinds and action names in a trace header: lower-case kebab-case. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Names() {
    }

    /** True for lower-case kebab-case names such as {@code shift-add}. */
    static boolean isValid(String s) {
        return s != null && NAME.matcher(s).matches();
    }
}
