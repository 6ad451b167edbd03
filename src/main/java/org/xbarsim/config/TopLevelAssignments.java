package org.xbarsim.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a HOCON text that set a key at the top level (outside every object and array). HOCON
 * lets a later assignment override an earlier one, and Typesafe Config keeps only the last, so a
 * second {@code base} would silently replace the first: the loader counts them here. Strings (also
 * triple-quoted ones) and comments ({@code #}, {@code //}) are skipped.
 */
final class TopLevelAssignments {
    private TopLevelAssignments() {
    }

    /** 1-based line numbers where {@code key} (bare or quoted) is set at the top level of {@code text}. */
    static List<Integer> lines(String text, String key) {
        List<Integer> out = new ArrayList<>();
        int depth = 0;
        int line = 1;
        boolean lineStart = true;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = true;
                i++;
                continue;
            }
            if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                line += count(text, i, end);
                i = end;
                lineStart = false;
                continue;
            }
            if (c == '#' || text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
                continue;
            }
            if (Character.isWhitespace(c) || c == ',') {
                i++;
                continue;
            }
            if (depth == 0 && lineStart && startsAssignment(text, i, key)) {
                out.add(line);
            }
            lineStart = false;
            if (c == '"') {
                int end = i + 1;
                while (end < n && text.charAt(end) != '"' && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                i = Math.min(n, end + 1);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
            }
            i++;
        }
        return out;
    }

    /** {@code key}, then spaces, then {@code =}, {@code :} or {@code {} at {@code i}. */
    private static boolean startsAssignment(String text, int i, String key) {
        int j;
        if (text.startsWith("\"" + key + "\"", i)) {
            j = i + key.length() + 2;
        } else if (text.startsWith(key, i)) {
            j = i + key.length();
        } else {
            return false;
        }
        while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j++;
        }
        return j < text.length() && (text.charAt(j) == '=' || text.charAt(j) == ':' || text.charAt(j) == '{');
    }

    private static int count(String text, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }
}
