package org.xbarsim;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Telling a failure that is the Java heap filling up (perhaps passed on from another thread) from any
 * other, and what to say then: how large the heap was and a larger one to try (twice as large, within
 * the machine's memory). Shared by the command line and the sweep's points.
 */
public final class OutOfMemory {
    private static final long GB = 1L << 30;

    private OutOfMemory() {
    }

    /** True when {@code t} or one of its causes is an {@link OutOfMemoryError}. */
    public static boolean causedBy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** {@link #heapAdvice(String, long, long)} on this JVM. */
    public static String heapAdvice(String command) {
        return heapAdvice(command, heapBytes(), physicalBytes());
    }

    /**
     * "the Java heap (8 GB) filled up. Give the JVM a larger heap, e.g. XBARSIM_JAVA_OPTS=-Xmx16g ./xbarsim
     * COMMAND ... (this machine has 24 GB)" for a heap of {@code heapBytes} on a machine with {@code physicalBytes}
     * of memory (0 when unknown); without "./xbarsim COMMAND ..." when {@code command} is null.
     */
    public static String heapAdvice(String command, long heapBytes, long physicalBytes) {
        StringBuilder s = new StringBuilder("the Java heap (").append(size(heapBytes)).append(") filled up. ");
        long larger = Math.max(1, (2 * heapBytes + GB - 1) / GB); // twice as large, in whole GB
        long room = physicalBytes > 0 ? physicalBytes / GB - 2 : Long.MAX_VALUE; // leave the system 2 GB
        if (larger <= room) {
            s.append("Give the JVM a larger heap, e.g. XBARSIM_JAVA_OPTS=-Xmx").append(larger).append('g');
            if (command != null) {
                s.append(" ./xbarsim ").append(command).append(" ...");
            }
        } else {
            s.append("The heap is already close to this machine's memory");
        }
        if (physicalBytes > 0) {
            s.append(" (this machine has ").append(size(physicalBytes)).append(')');
        }
        return s.toString();
    }

    /** The heap's size as the command line set it ({@code -Xmx}), else as the JVM reports it. */
    public static long heapBytes() {
        long xmx = -1;
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx")) {
                xmx = parseSize(a.substring(4)); // the last one counts, as for the JVM
            }
        }
        return xmx > 0 ? xmx : Runtime.getRuntime().maxMemory();
    }

    /** {@code 8g}, {@code 400m}, {@code 1024k} or bytes; -1 when not a size. */
    public static long parseSize(String v) {
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
