package org.xbarsim.sim;

/**
 * A component, the coordinator or the trace writer ran out of Java heap. Caught where the work runs
 * (before Pekko would see a fatal error and end the JVM with a stack trace), so the run ends with
 * an error the command line explains; the cause is the {@link OutOfMemoryError}.
 *
 * <p>Making one gives back {@link #reserve}, heap held from the first kernel system's start, so that
 * the failure can be reported and the 7,486 actors of a VGG-16 stopped while every queued event is
 * still on the heap (without it, stopping them ran out of memory again).
 */
public final class HeapExhaustedException extends RuntimeException {
    private static volatile byte[] reserve;

    public HeapExhaustedException(String where, OutOfMemoryError cause) {
        super(where + " ran out of Java heap (" + cause.getMessage() + ")", cause);
        reserve = null;
    }

    /** Holds a little heap back for reporting a failure: 1/32 of the heap, at most 32 MB (once; again after a failure). */
    static void keepReserve() {
        if (reserve == null) {
            reserve = new byte[(int) Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 32)];
        }
    }
}
