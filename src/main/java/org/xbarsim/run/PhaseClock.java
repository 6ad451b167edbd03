package org.xbarsim.run;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.xbarsim.report.RunInfo;

/**
 * Wall and CPU time of each phase of a command, for run-info.json: where a run's time went. The CPU
 * time is the whole JVM's (every thread: the command's, the JIT compilers', the collector's), as that
 * is what a phase costs; it can exceed the wall time on several cores.
 */
final class PhaseClock {
    private final List<RunInfo.Phase> phases = new ArrayList<>();
    private long last = System.nanoTime();
    private long lastCpu = processCpuNanos();

    /**
     * Records the phase before this clock was made, from the JVM's start ({@code name}: the JVM
     * starting, loading classes, parsing the command line). Its wall time has the millisecond
     * resolution of the JVM's start time.
     */
    void sinceJvmStart(String name) {
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        phases.add(new RunInfo.Phase(name, Math.max(0, sinceStart) / 1e3, Math.max(0, lastCpu) / 1e9));
    }

    /** Ends the phase running since the last lap (or since this clock was made) under {@code name}. */
    void lap(String name) {
        long now = System.nanoTime();
        long cpu = processCpuNanos();
        phases.add(new RunInfo.Phase(name, (now - last) / 1e9, cpu < 0 || lastCpu < 0 ? -1 : (cpu - lastCpu) / 1e9));
        last = now;
        lastCpu = cpu;
    }

    /** The phases so far, in the order they ended. */
    List<RunInfo.Phase> phases() {
        return List.copyOf(phases);
    }

    /** The JVM's CPU time so far, every thread, or -1 where the JVM does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
