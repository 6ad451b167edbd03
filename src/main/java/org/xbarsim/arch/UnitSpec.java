package org.xbarsim.arch;

/**
 * A pool of identical digital units in a tile (shift-add, activation, pooling, multipliers): how
 * many there are and the cycles one operation takes. A count of 0 means the tile has none (only
 * allowed for the optional multipliers).
 */
public record UnitSpec(int count, long latencyCycles) {
    public UnitSpec {
        Checks.inRange("unit count", count, 0, 1 << 20);
        Checks.inRange("unit latency cycles", latencyCycles, 1, Integer.MAX_VALUE);
    }
}
