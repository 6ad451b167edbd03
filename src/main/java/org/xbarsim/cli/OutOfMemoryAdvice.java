package org.xbarsim.cli;

import java.util.Map;
import org.xbarsim.OutOfMemory;

/**
 * What a command prints when the Java heap filled up, instead of a stack trace: how large the heap
 * was, a larger one to try (twice as large, within the machine's memory) and, for the commands that
 * simulate, how to hold fewer images at once with that command's own options.
 */
final class OutOfMemoryAdvice {
    /** Exit status of a command that ran out of memory (not bad input: the same command fits a larger heap). */
    static final int EXIT_OUT_OF_MEMORY = 3;
    /** Per command: how to need less memory with its options (memory grows with the images in flight). */
    private static final Map<String, String> FEWER_IMAGES = Map.of(
            "simulate", "run a large set in parts with --first and --images",
            "compare", "compare on fewer images (--images)",
            "demo", "run the demo on fewer images (--images)",
            "sweep", "lower the sweep file's images.count or run fewer points at once (--jobs), then run the failed points "
                    + "again with --retry-failed",
            "worker", "lower the sweep file's images.count or run fewer points at once on this worker (--jobs)");

    private OutOfMemoryAdvice() {
    }

    /** The message for {@code command} on this JVM. */
    static String message(String command) {
        return "out of memory: " + OutOfMemory.heapAdvice(command) + fewerImages(command);
    }

    /**
     * The message for {@code command} (its name, e.g. {@code simulate}) when the heap was {@code heapBytes}
     * on a machine with {@code physicalBytes} of memory (0 when unknown).
     */
    static String message(String command, long heapBytes, long physicalBytes) {
        return "out of memory: " + OutOfMemory.heapAdvice(command, heapBytes, physicalBytes) + fewerImages(command);
    }

    private static String fewerImages(String command) {
        String fewer = FEWER_IMAGES.get(command);
        return fewer == null ? "" : ". A simulation holds the work of every image in flight, so memory grows with the images: "
                + fewer + " (docs/simulation.md, \"Limits\")";
    }
}
