package org.xbarsim.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options for one benchmark session; immutable.
 *
 * @param repeat     measured repeats per case (at least 1)
 * @param warmup     unmeasured repeats before them (at least 0)
 * @param maxThreads thread count for "all threads" measurements (at least 1)
 * @param dataDir    folder for data-set files, or {@code null} for the defaults
 * @param params     case parameters ({@code --param key=value}), sorted by key
 */
public record BenchOptions(int repeat, int warmup, int maxThreads, Path dataDir, Map<String, String> params) {
    public BenchOptions {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat = " + repeat + ": must be at least 1");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup = " + warmup + ": must be at least 0");
        }
        if (maxThreads < 1) {
            throw new IllegalArgumentException("threads = " + maxThreads + ": must be at least 1");
        }
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public static BenchOptions defaults() {
        return new BenchOptions(5, 1, Runtime.getRuntime().availableProcessors(), null, Map.of());
    }

    /** Integer parameter {@code key}, or {@code fallback} when absent. */
    public int intParam(String key, int fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new org.xbarsim.UserInputException("--param " + key + "=" + v + ": expected an integer");
        }
    }
}
