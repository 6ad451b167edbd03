package org.xbarsim.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

/**
 * What a command prints when the Java heap filled up, instead of a stack trace: how large the heap
 * was, a larger one to try (twice as large, within the machine's memory) and, for the commands that
 * simulate, how to hold fewer images at once with that command's own options.
 */
final class OutOfMemoryAdvice {
    /** Exit status of a command that ran out of memory (not bad input: the same command fits a larger heap). */
    static final int EXIT_OUT_OF_MEMORY = 3;
    private static final long GB = 1L << 30;
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
        return message(command, heapBytes(), physicalBytes());
    }

    /**
     * The message for {@code command} (its name, e.g. {@code simulate}) when the heap was {@code heapBytes}
     * on a machine with {@code physicalBytes} of memory (0 when unknown).
     */
    static String message(String command, long heapBytes, long physicalBytes) {
        StringBuilder s = new StringBuilder("out of memory: the Java heap (").append(size(heapBytes)).append(") filled up. ");
        long larger = Math.max(1, (2 * heapBytes + GB - 1) / GB); // twice as large, in whole GB
        long room = physicalBytes > 0 ? physicalBytes / GB - 2 : Long.MAX_VALUE; // leave the system 2 GB
        if (larger <= room) {
            s.append("Give the JVM a larger heap, e.g. XBARSIM_JAVA_OPTS=-Xmx").append(larger).append("g ./xbarsim ")
                    .append(command).append(" ...");
        } else {
            s.append("The heap is already close to this machine's memory");
        }
        if (physicalBytes > 0) {
            s.append(" (this machine has ").append(size(physicalBytes)).append(')');
        }
        String fewer = FEWER_IMAGES.get(command);
        if (fewer != null) {
            s.append(". A simulation holds the work of every image in flight, so memory grows with the images: ").append(fewer)
                    .append(" (docs/simulation.md, \"Limits\")");
        }
        return s.toString();
    }

    /** The heap's size as the command line set it ({@code -Xmx}), else as the JVM reports it. */
    static long heapBytes() {
        long xmx = -1;
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx")) {
                xmx = parseSize(a.substring(4)); // the last one counts, as for the JVM
            }
        }
        return xmx > 0 ? xmx : Runtime.getRuntime().maxMemory();
    }

    /** {@code 8g}, {@code 400m}, {@code 1024k} or bytes; -1 when not a size. */
    static long parseSize(String v) {
        if (!v.matches("[0-9]{1,12}[kKmMgGtT]?")) {
            return -1;
        }
        char unit = Character.toLowerCase(v.charAt(v.length() - 1));
        long n = Long.parseLong(Character.isDigit(unit) ? v : v.substring(0, v.length() - 1));
        return switch (unit) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            case 't' -> n << 40;
            default -> n;
        };
    }

    private static String size(long bytes) {
        return bytes >= GB ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) GB).replace(".0 GB", " GB")
                : (bytes >> 20) + " MB";
    }

    private static long physicalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}
