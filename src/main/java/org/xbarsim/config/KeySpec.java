package org.xbarsim.config;

import java.util.List;

/**
 * One configuration key the loader knows: its full path, its type and its valid range (or
 * choices). The meaning and unit of every key are documented next to it in
 * {@code sim-configs/defaults.conf} and in docs/config.md.
 */
record KeySpec(String path, Type type, double min, boolean minExclusive, double max, List<String> choices) {

    enum Type { INTEGER, NUMBER, STRING, CHOICE }

    static KeySpec integer(String path, long min, long max) {
        return new KeySpec(path, Type.INTEGER, min, false, max, List.of());
    }

    static KeySpec number(String path, double min, boolean minExclusive, double max) {
        return new KeySpec(path, Type.NUMBER, min, minExclusive, max, List.of());
    }

    static KeySpec text(String path) {
        return new KeySpec(path, Type.STRING, 0, false, 0, List.of());
    }

    static KeySpec choice(String path, List<String> choices) {
        return new KeySpec(path, Type.CHOICE, 0, false, 0, List.copyOf(choices));
    }

    /** The valid range as written in messages: {@code [1, 16]} or {@code (0, 100]}. */
    String range() {
        if (type == Type.INTEGER) {
            return "[" + (long) min + ", " + (long) max + "]";
        }
        return (minExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max) + "]";
    }

    boolean inRange(double v) {
        return (minExclusive ? v > min : v >= min) && v <= max;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
