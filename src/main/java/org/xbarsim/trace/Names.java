package org.xbarsim.trace;

/** The spelling of component kinds and action names in a trace header: lower-case kebab-case. */
final class Names {
    private Names() {
    }

    /**
     * True for lower-case kebab-case names such as {@code shift-add} (the regular expression
     * {@code [a-z0-9]+(-[a-z0-9]+)*}, written out: a chip's header checks thousands of kinds, and a
     * regular expression that hot is compiled by the JIT while a short run needs the cores).
     */
    static boolean isValid(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        boolean afterHyphen = true; // no hyphen first, none doubled
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (afterHyphen) {
                    return false;
                }
                afterHyphen = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                afterHyphen = false;
            } else {
                return false;
            }
        }
        return !afterHyphen; // none last
    }
}
