package org.xbarsim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.xbarsim.DidYouMean;

/**
 * Typed accessors for reading a JSON tree strictly while collecting every problem with its JSON
 * path instead of stopping at the first: the model file's reader and the mapping file's reader share
 * them. Each accessor records a problem and returns null (or false) on failure.
 */
public class JsonProblems {
    protected final List<String> problems = new ArrayList<>();

    protected void problem(String path, String what) {
        problems.add(path + ": " + what);
    }

    /** The problems found so far, in order. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    protected boolean object(JsonNode n, String p) {
        if (n == null || !n.isObject()) {
            problem(p, n == null ? "is missing" : "expected an object");
            return false;
        }
        return true;
    }

    /** Records every key of {@code n} that is not {@code known}, with a did-you-mean hint. */
    protected void keys(JsonNode n, String p, String... known) {
        List<String> k = List.of(known);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!k.contains(f)) {
                problem(p + "." + f, "unknown key" + DidYouMean.hint(f, k) + " (known: " + String.join(", ", k) + ")");
            }
        }
    }

    protected String text(JsonNode n, String p, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            problem(p + "." + key, v == null ? "is missing" : "expected a string");
            return null;
        }
        return v.asText();
    }

    protected Long integer(JsonNode n, String p, String key, long lo, long hi) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            problem(p + "." + key, v == null ? "is missing" : "expected an integer");
            return null;
        }
        long x = v.asLong();
        if (x < lo || x > hi) {
            problem(p + "." + key, x + " is outside [" + lo + ", " + hi + "]");
            return null;
        }
        return x;
    }

    protected int[] ints(JsonNode n, String p, String key, int len, int lo, int hi) {
        return intArray(n.get(key), p + "." + key, len, lo, hi);
    }

    /** An array of {@code len} integers in [lo, hi]; {@code len < 0} accepts any length. */
    protected int[] intArray(JsonNode a, String p, long len, long lo, long hi) {
        if (a == null || !a.isArray()) {
            problem(p, a == null ? "is missing" : "expected an array of integers");
            return null;
        }
        if (len >= 0 && a.size() != len) {
            problem(p, a.size() + " values, expected " + len);
            return null;
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToLong() || e.asLong() < lo || e.asLong() > hi) {
                problem(p + "[" + i + "]", "expected an integer in [" + lo + ", " + hi + "], got " + e);
                return null;
            }
            out[i] = (int) e.asLong();
        }
        return out;
    }
}
