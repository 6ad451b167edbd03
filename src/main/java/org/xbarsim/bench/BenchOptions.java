package org.xbarsim.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options for one benchmark session; immutable.
 *
 * @param repeat     measured repeats per case (at least 1)
 * @param warmup     unmeasured repeats before them (at least 0)
 * @param warmupSeconds after those, more warm-up repeats until this much time has passed since the
 *                   first (0 to {@value #MAX_WARMUP_SECONDS}): the JIT compiles a fast case's hot loops
 *                   only after a second or two of running, whatever the repeat count
 * @param maxThreads thread count for "all threads" measurements (at least 1)
 * @param dataDir    folder for data-set files, or {@code null} for the defaults
 * @param params     case parameters ({@code --param key=value}), sorted by key
 */
public record BenchOptions(int repeat, int warmup, double warmupSeconds, int maxThreads, Path dataDir,
                           Map<String, String> params) {
    /** The longest time-based warm-up. */
    public static final double MAX_WARMUP_SECONDS = 600;
    /** The default time-based warm-up (the command's {@code --warmup-seconds}). */
    public static final double DEFAULT_WARMUP_SECONDS = 3;

    public BenchOptions {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat = " + repeat + ": must be at least 1");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup = " + warmup + ": must be at least 0");
        }
        if (!(warmupSeconds >= 0 && warmupSeconds <= MAX_WARMUP_SECONDS)) {
            throw new IllegalArgumentException("warmupSeconds = " + warmupSeconds + ": must be in [0, "
                    + MAX_WARMUP_SECONDS + "]");
        }
        if (maxThreads < 1) {
            throw new IllegalArgumentException("threads = " + maxThreads + ": must be at least 1");
        }
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** A count-only warm-up (no minimum time). */
    public BenchOptions(int repeat, int warmup, int maxThreads, Path dataDir, Map<String, String> params) {
        this(repeat, warmup, 0, maxThreads, dataDir, params);
    }

    public static BenchOptions defaults() {
        return new BenchOptions(5, 1, DEFAULT_WARMUP_SECONDS, Runtime.getRuntime().availableProcessors(), null, Map.of());
    }

    /**
     * Dispatcher threads of a simulation case: its {@code threads} parameter, or all processors but one
     * ({@link org.xbarsim.Limits#defaultSimulationThreads}, as {@code simulate}), at most {@link #maxThreads}.
     */
    public int simulationThreads() {
        return intParam("threads", Math.min(maxThreads, org.xbarsim.Limits.defaultSimulationThreads()));
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
