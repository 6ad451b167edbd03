package org.xbarsim.trace;

/**
 * Energy and average power in one time window.
 *
 * @param startCycle first cycle of the window (a multiple of the window width)
 * @param cycles     window width in cycles
 * @param energyPj   energy of the actions attributed to the window, in pJ
 * @param powerMw    {@code energyPj} over the window's duration, in mW (pJ per ns)
 */
public record WindowPower(long startCycle, long cycles, double energyPj, double powerMw) {
}
