package org.xbarsim;

/**
 * Bounds on counts a user sets, checked before any work starts so that no option can start an
 * unbounded number of threads.
 */
public final class Limits {
    /** The most worker or dispatcher threads any command starts. */
    public static final int MAX_THREADS = 256;

    private Limits() {
    }

    /**
     * The thread count to use: {@code requested}, or all processors (at most {@link #MAX_THREADS})
     * when it is null.
     *
     * @param option the option's name for messages, e.g. {@code --threads}
     * @throws UserInputException when {@code requested} is outside 1..{@link #MAX_THREADS}
     */
    public static int threads(Integer requested, String option) {
        if (requested == null) {
            return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        }
        if (requested < 1 || requested > MAX_THREADS) {
            throw new UserInputException(option + " " + requested + ": must be between 1 and " + MAX_THREADS
                    + " (this machine has " + Runtime.getRuntime().availableProcessors() + " processors)");
        }
        return requested;
    }

    /**
     * The dispatcher threads of a simulation: {@code requested}, or all processors but one (at least 1,
     * at most {@link #MAX_THREADS}) when it is null. A simulation's windows hold few events each, so a
     * second dispatcher thread mostly waits and wakes; the processor left over runs the JIT compiler,
     * the collector, the golden check and the trace writer beside the one simulating. On two cores,
     * one dispatcher thread ran a 1,500-image LeNet-5 1.5x and a one-image VGG-16 7 % faster than two
     * (docs/simulation.md, "Tenth pass"); larger machines were not measured, where a wide layer's many
     * crossbars may use more threads.
     *
     * @throws UserInputException when {@code requested} is outside 1..{@link #MAX_THREADS}
     */
    public static int simulationThreads(Integer requested, String option) {
        if (requested == null) {
            return defaultSimulationThreads();
        }
        return threads(requested, option);
    }

    /** All processors but one, at least 1 and at most {@link #MAX_THREADS}. */
    public static int defaultSimulationThreads() {
        return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors() - 1));
    }
}
