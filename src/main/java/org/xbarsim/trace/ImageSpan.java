package org.xbarsim.trace;

/**
 * The cycles during which any component worked on one image.
 *
 * @param image      image index
 * @param firstCycle earliest start cycle of its records
 * @param endCycle   latest end cycle of its records
 */
public record ImageSpan(int image, long firstCycle, long endCycle) {
    /** {@code endCycle - firstCycle}: the image's latency as seen in the trace. */
    public long cycles() {
        return endCycle - firstCycle;
    }
}
