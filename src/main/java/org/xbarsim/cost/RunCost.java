package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;

/**
 * What counted actions over a span of time cost: the one result of {@link CostModel#price}, which
 * {@code map}'s estimate, {@code simulate} and the {@code cost} command all call. Energy is the
 * dynamic energy of the actions plus the leakage of the allocated components over the time; power
 * is energy over time. "Compute" is the {@link ComponentKind#compute()} kinds, dynamic plus leakage,
 * everywhere.
 *
 * @param dynamicPj   dynamic energy per component and action
 * @param leakageMw   leakage power per component of the allocation
 * @param nanoseconds the time the counts were made over; 0 when unknown (an estimate without a
 *                    latency): then energies are dynamic only and powers are not defined
 */
public record RunCost(EnergyBreakdown dynamicPj, ComponentBreakdown leakageMw, double nanoseconds) {

    public RunCost {
        if (!(nanoseconds >= 0) || Double.isInfinite(nanoseconds)) {
            throw new IllegalArgumentException("time must be a finite number of nanoseconds >= 0, got " + nanoseconds);
        }
    }

    /** Energy per component kind (pJ): dynamic plus leakage x time. */
    public ComponentBreakdown energyPj() {
        return dynamicPj.byComponent().plus(leakageMw.times(nanoseconds));
    }

    /** All energy (pJ): dynamic plus leakage. */
    public double totalPj() {
        return energyPj().total();
    }

    /** Energy of the compute kinds (pJ): their dynamic energy plus their leakage. */
    public double computePj() {
        return energyPj().compute();
    }

    /** Leakage energy over the time (pJ). */
    public double leakagePj() {
        return leakageMw.total() * nanoseconds;
    }

    /** Average power of everything (mW = pJ/ns); NaN without a time. */
    public double averageMw() {
        return nanoseconds > 0 ? totalPj() / nanoseconds : Double.NaN;
    }

    /** Average power of the compute kinds (mW), dynamic plus leakage; NaN without a time. */
    public double computeMw() {
        return nanoseconds > 0 ? computePj() / nanoseconds : Double.NaN;
    }

    /** Power per component kind (mW), dynamic plus leakage; NaN without a time. */
    public ComponentBreakdown powerMw() {
        return energyPj().times(nanoseconds > 0 ? 1 / nanoseconds : Double.NaN);
    }

    /** The power of a stretch whose dynamic power is {@code dynamicMw} (a trace window): plus all leakage. */
    public double withLeakageMw(double dynamicMw) {
        return dynamicMw + leakageMw.total();
    }
}
