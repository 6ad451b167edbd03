package org.xbarsim;

/** Telling a failure that is the Java heap filling up (perhaps passed on from another thread) from any other. */
public final class OutOfMemory {
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
}
