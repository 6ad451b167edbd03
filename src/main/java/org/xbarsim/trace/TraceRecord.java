package org.xbarsim.trace;

/**
 * One trace record: component {@code component} performed {@code count} unit actions
 * {@code action} during cycles {@code [startCycle, startCycle + durationCycles)} for image
 * {@code image}, of layer {@code layer}.
 *
 * @param startCycle     first cycle (any {@code long})
 * @param durationCycles length in cycles, {@code >= 0}; 0 for an instantaneous event
 * @param component      component id from the header's dictionary
 * @param action         action id from the header's dictionary
 * @param count          unit actions this record stands for, {@code >= 0} (e.g. 128 conversions)
 * @param image          image index the work belongs to, or -1 for none
 * @param arg            one optional extra value (e.g. bytes sent); 0 means "none"
 * @param layer          index of the model layer the work belongs to (in the header's {@code layers}),
 *                       or -1 for none (and for every record of a version-2 trace)
 */
public record TraceRecord(long startCycle, long durationCycles, int component, int action, long count,
                          int image, long arg, int layer) {
    /** The {@code image} of work that belongs to no single image. */
    public static final int NO_IMAGE = -1;
    /** The {@code layer} of work that belongs to no layer, or whose layer the trace does not say. */
    public static final int NO_LAYER = -1;

    /** A record of no layer. */
    public TraceRecord(long startCycle, long durationCycles, int component, int action, long count, int image, long arg) {
        this(startCycle, durationCycles, component, action, count, image, arg, NO_LAYER);
    }

    public TraceRecord {
        if (durationCycles < 0) {
            throw new IllegalArgumentException("durationCycles must be >= 0, got " + durationCycles);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (component < 0 || action < 0) {
            throw new IllegalArgumentException("component and action ids must be >= 0, got "
                    + component + " and " + action);
        }
    }

    /** A record without the optional argument. */
    public static TraceRecord of(long startCycle, long durationCycles, int component, int action, long count,
                                 int image) {
        return new TraceRecord(startCycle, durationCycles, component, action, count, image, 0);
    }

    /** One past the last cycle (saturating at {@code Long.MAX_VALUE}). */
    public long endCycle() {
        long end = startCycle + durationCycles;
        return end < startCycle ? Long.MAX_VALUE : end;
    }
}
