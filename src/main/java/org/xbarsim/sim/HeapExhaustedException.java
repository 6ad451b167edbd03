package org.xbarsim.sim;

/**
 * A component, the coordinator or the trace writer ran out of Java heap. Caught where the work runs
 * (before Pekko would see a fatal error and end the JVM), so the run ends with an error the command
 * line explains; the cause is the {@link OutOfMemoryError}.
 *
 * <p>No heap is held back for reporting: a 32 MB reserve made every one of six out-of-memory runs end
 * this way instead of three, but it also made a 1,500-image run in a 1 GB heap, which completes in
 * 66 s without it, run out after 8 s (docs/files-and-limits.md, "Exit status").
 */
public final class HeapExhaustedException extends RuntimeException {
    public HeapExhaustedException(String where, OutOfMemoryError cause) {
        super(where + " ran out of Java heap", cause);
    }
}
