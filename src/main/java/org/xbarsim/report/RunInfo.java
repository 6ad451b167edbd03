package org.xbarsim.report;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;

/**
 * {@code run-info.json}: everything about a run that changes from run to run or machine to
 * machine, kept out of {@code report.json} so that file stays byte-identical.
 *
 * @param format              always {@value #FORMAT}
 * @param version             {@value #VERSION}
 * @param startedAt           wall-clock start, ISO-8601 UTC
 * @param wallSeconds         wall time of the simulation, seconds
 * @param host                host name
 * @param os                  operating system name, version and architecture
 * @param jvm                 JVM vendor, name and version
 * @param availableProcessors processors the JVM sees
 * @param threads             dispatcher threads the simulation used
 * @param maxHeapBytes        the JVM's heap limit
 * @param peakHeapBytes       highest heap use seen (sum of heap pool peaks)
 * @param events              simulation events (same as report.json's, repeated for the rate)
 * @param eventsPerSecond     events / wallSeconds
 * @param commandLine         the arguments of the command
 * @param windows             the simulation kernel's time windows (docs/simulation.md), 0 when not recorded
 * @param phases              wall and CPU seconds of each phase of the command, in the order they ran (empty when not recorded)
 */
public record RunInfo(String format, int version, String startedAt, double wallSeconds, String host, String os,
                      String jvm, int availableProcessors, int threads, long maxHeapBytes, long peakHeapBytes,
                      long events, double eventsPerSecond, List<String> commandLine, long windows,
                      List<Phase> phases) {
    public static final String FORMAT = "xbarsim-run-info";
    public static final int VERSION = 1;

    public RunInfo {
        commandLine = List.copyOf(commandLine);
        phases = List.copyOf(phases);
    }

    /**
     * One phase of a command: its wall time and the JVM's CPU time over it (every thread; -1 where the
     * JVM does not tell).
     */
    public record Phase(String name, double seconds, double cpuSeconds) {
    }

    /** Fills host, OS, JVM, processors and heap figures from this JVM. */
    public static RunInfo capture(Instant startedAt, double wallSeconds, int threads, long events,
                                  List<String> commandLine) {
        return capture(startedAt, wallSeconds, threads, events, commandLine, 0, List.of());
    }

    /** As {@link #capture(Instant, double, int, long, List)}, with the kernel's window count and the command's phase times. */
    public static RunInfo capture(Instant startedAt, double wallSeconds, int threads, long events,
                                  List<String> commandLine, long windows, List<Phase> phases) {
        Runtime rt = Runtime.getRuntime();
        return new RunInfo(FORMAT, VERSION, startedAt.toString(), wallSeconds, hostName(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                rt.availableProcessors(), threads, rt.maxMemory(), currentPeakHeapBytes(), events,
                wallSeconds > 0 ? events / wallSeconds : 0, commandLine, windows, phases);
    }

    /** Sum of the peak usage of the heap memory pools since the JVM started (or the last reset). */
    public static long currentPeakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
