package org.xbarsim.arch;

/** Argument checks shared by the chip records; messages name the field and the valid range. */
final class Checks {
    private Checks() {
    }

    static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " = " + value + ": must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    static long inRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " = " + value + ": must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}
