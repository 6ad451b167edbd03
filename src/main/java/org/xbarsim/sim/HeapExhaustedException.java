package org.xbarsim.sim;

/**
 * A component, the coordinator or the trace writer ran out of Java heap. Caught where the work runs
 * (before Pekko would see a fatal error and end the JVM), so the run ends with an error the command
 * line explains; the cause is the {@link OutOfMemoryError}.
 *
 * <p>Making one first gives back {@link #reserve}, heap held since the first kernel system started, so
 * that the failure can be reported and the actors stopped while every queued event is still on the
 * heap (without it, stopping them ran out of memory again). The reserve is taken once per JVM: after
 * a failure, later runs (a sweep's next points) go without it rather than claim heap that is short.
 */
public final class HeapExhaustedException extends RuntimeException {
    private static byte[] reserve;
    private static boolean taken;

    public HeapExhaustedException(String where, OutOfMemoryError cause) {
        super(releaseReserve(where), cause);
    }

    /** Frees the reserve before anything else is allocated, then names what ran out. */
    private static String releaseReserve(String where) {
        synchronized (HeapExhaustedException.class) {
            reserve = null;
        }
        return where + " ran out of Java heap";
    }

    /** Bytes held back now (0 after a failure, or before the first kernel system). */
    static synchronized int reserveBytes() {
        return reserve == null ? 0 : reserve.length;
    }

    /** Holds 1/32 of the heap, at most 32 MB, back for reporting a failure: once per JVM. */
    static void keepReserve() {
        synchronized (HeapExhaustedException.class) {
            if (taken) {
                return;
            }
            taken = true;
            try {
                reserve = new byte[(int) Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 32)];
            } catch (OutOfMemoryError e) {
                reserve = null; // no room even for this: go without
            }
        }
    }
}
