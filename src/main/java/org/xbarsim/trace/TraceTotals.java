package org.xbarsim.trace;

/**
 * The totals stored in a trace's end marker, which let a reader detect truncation and give a
 * timeline length without a pass over the records.
 *
 * @param records     number of records in the file
 * @param blocks      number of record blocks
 * @param maxEndCycle largest {@code startCycle + durationCycles} over all records, or 0 if none
 */
public record TraceTotals(long records, long blocks, long maxEndCycle) {
}
