package org.xbarsim.hw.buffer;

/**
 * A tile's input or output buffer is too small for the model and mapping: it cannot hold one unit
 * of data its layer needs at once (found before simulating), or it filled up with data that waits
 * for data queued behind a write that does not fit (found when the write arrives): the simulation
 * could never go on.
 */
public final class InputBufferFullException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InputBufferFullException(String message) {
        super(message);
    }

    InputBufferFullException(long capacityBytes, long heldBits, long writeBits, String what, String sizeKey) {
        super(heldBits == 0
                ? what + " (" + (writeBits + 7) / 8 + " B) is larger than the whole buffer of " + capacityBytes + " B; it needs at"
                        + " least " + (writeBits + 7) / 8 + " B (" + sizeKey + ")"
                : what + " (" + (writeBits + 7) / 8 + " B) does not fit: the buffer holds " + (heldBits + 7) / 8 + " of its "
                        + capacityBytes + " B with data that waits for data queued behind this write, so nothing would"
                        + " ever be freed; it needs more than " + (heldBits + writeBits + 7) / 8 + " B (" + sizeKey + ")");
    }

    /** The first InputBufferFullException in {@code e}'s cause chain (the simulation wraps a component's failure), or null. */
    public static InputBufferFullException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputBufferFullException f) {
                return f;
            }
        }
        return null;
    }
}
