package org.xbarsim.cli;

import java.util.Locale;
import java.util.Set;

/**
 * What a command prints when the Java heap filled up, instead of a stack trace: how large the heap
 * was, how to give the JVM more, and for the commands that simulate, how to run fewer images at once.
 */
final class OutOfMemoryAdvice {
    /** Exit status of a command that ran out of memory (not bad input: the same command fits a larger heap). */
    static final int EXIT_OUT_OF_MEMORY = 3;
    private static final Set<String> SIMULATING = Set.of("simulate", "compare", "replay", "sweep", "worker", "demo", "experiment");

    private OutOfMemoryAdvice() {
    }

    /** True when {@code t} or one of its causes is an {@link OutOfMemoryError}. */
    static boolean causedBy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** The message for {@code command} (its name, e.g. {@code simulate}), on a JVM whose heap is at most {@code maxHeapBytes}. */
    static String message(String command, long maxHeapBytes) {
        String heap = maxHeapBytes >= 1L << 30
                ? String.format(Locale.ROOT, "%.1f GB", maxHeapBytes / (double) (1L << 30))
                : (maxHeapBytes >> 20) + " MB";
        StringBuilder s = new StringBuilder("out of memory: the Java heap (at most ").append(heap)
                .append(") filled up. Give the JVM a larger heap, e.g. XBARSIM_JAVA_OPTS=-Xmx16g ./xbarsim ")
                .append(command).append(" ... (the launcher's default is -Xmx8g; this machine has ")
                .append(physicalMemory()).append(")");
        if (SIMULATING.contains(command)) {
            s.append(". A simulation holds the work of every image in flight, so memory grows with --images: run a large"
                    + " set in parts with --first and --images (docs/simulation.md, \"Limits\")");
        }
        return s.toString();
    }

    private static String physicalMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.0f GB of memory", os.getTotalMemorySize() / (double) (1L << 30));
        }
        return "an unknown amount of memory";
    }
}
