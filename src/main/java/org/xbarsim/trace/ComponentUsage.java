package org.xbarsim.trace;

/**
 * What one component did over a whole trace.
 *
 * @param component   the component
 * @param busyCycles  cycles covered by at least one of its records (overlaps counted once)
 * @param records     number of its records
 * @param actionCount sum of {@code count} over its records (all actions)
 */
public record ComponentUsage(TraceComponent component, long busyCycles, long records, long actionCount) {
}
