package org.xbarsim.cost;

/**
 * Average power over a run of {@code cycles} cycles ({@code nanoseconds} at the chip clock):
 * dynamic power = dynamic energy / time (pJ/ns = mW), plus the leakage of the allocated
 * components. All breakdowns in mW.
 */
public record PowerReport(long cycles, double nanoseconds, ComponentBreakdown dynamicMw, ComponentBreakdown leakageMw) {

    /** Dynamic plus leakage, per component. */
    public ComponentBreakdown totalMw() {
        return dynamicMw.plus(leakageMw);
    }

    /** Average power of the whole allocation (mW). */
    public double averageMw() {
        return dynamicMw.total() + leakageMw.total();
    }

    /** Average power of the computing part only (mW). */
    public double computeMw() {
        return dynamicMw.compute() + leakageMw.compute();
    }

    /** Leakage energy over the run (pJ): leakage power x time. */
    public double leakageEnergyPj() {
        return leakageMw.total() * nanoseconds;
    }
}
