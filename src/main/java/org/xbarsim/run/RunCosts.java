package org.xbarsim.run;

import java.util.SortedMap;
import java.util.TreeMap;
import org.xbarsim.cost.ActionCounts;
import org.xbarsim.cost.Allocation;
import org.xbarsim.cost.ComponentBreakdown;
import org.xbarsim.cost.CostModel;
import org.xbarsim.cost.EnergyBreakdown;
import org.xbarsim.cost.RunCost;
import org.xbarsim.report.SimulationReport;
import org.xbarsim.trace.TraceSummary;
import org.xbarsim.trace.WindowPower;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * The report's area, power and energy sections of a run: its action counts over its cycles, priced
 * by one cost model through {@link CostModel#price}. {@code simulate} and re-costing a recorded run
 * both build them here, so the same counts and cost table give the same figures.
 *
 * @param area   area of the allocated components
 * @param power  average and peak power
 * @param energy energy per inference and in total, with its breakdown and the action counts
 */
public record RunCosts(SimulationReport.Area area, SimulationReport.Power power, SimulationReport.Energy energy) {

    /**
     * Prices a run of {@code images} inferences that made {@code counts} over {@code totalCycles}
     * cycles with the components of {@code alloc}; the peak power is the busiest window of
     * {@code trace} (summarized with windows of {@code powerWindow} cycles).
     */
    public static RunCosts of(CostModel cost, Allocation alloc, ActionCounts.Snapshot counts, long totalCycles, int images,
                              TraceSummary trace, long powerWindow) {
        ComponentBreakdown areaUm2 = cost.area(alloc);
        SortedMap<String, SimulationReport.ComponentArea> areas = new TreeMap<>();
        for (ComponentKind k : ComponentKind.values()) {
            if (alloc.count(k) > 0) {
                areas.put(k.key(), new SimulationReport.ComponentArea(alloc.count(k), areaUm2.get(k) / 1e6));
            }
        }
        var area = new SimulationReport.Area(areaUm2.compute() / 1e6, areaUm2.total() / 1e6, areas);

        RunCost priced = cost.price(counts, alloc, totalCycles);
        WindowPower peak = trace.peakPower(cost::energyPerAction);
        var power = new SimulationReport.Power(priced.computeMw(), priced.averageMw(), priced.leakageMw().total(),
                priced.withLeakageMw(peak == null ? 0 : peak.powerMw()), peak == null ? 0 : peak.startCycle(), powerWindow);
        SortedMap<String, Double> byComp = new TreeMap<>();
        ComponentBreakdown bc = priced.dynamicPj().byComponent();
        for (ComponentKind k : ComponentKind.values()) {
            if (bc.get(k) != 0) {
                byComp.put(k.key(), bc.get(k) / 1e3 / images);
            }
        }
        // leakage over the run's duration, per inference: with the dynamic energy above, the headline's total
        SortedMap<String, Double> staticByComp = new TreeMap<>();
        ComponentBreakdown leakPj = priced.leakageMw().times(priced.nanoseconds());
        for (ComponentKind k : ComponentKind.values()) {
            if (leakPj.get(k) != 0) {
                staticByComp.put(k.key(), leakPj.get(k) / 1e3 / images);
            }
        }
        SortedMap<String, Double> byAction = new TreeMap<>();
        SortedMap<String, Long> actionCounts = new TreeMap<>();
        for (EnergyBreakdown.Entry e : priced.dynamicPj().entries()) {
            String key = e.kind().key() + "/" + e.action().key();
            byAction.put(key, e.energyPj() / 1e3 / images);
            actionCounts.put(key, e.count());
        }
        var energy = new SimulationReport.Energy(priced.totalPj() / 1e3 / images, priced.computePj() / 1e3 / images,
                priced.totalPj() / 1e3, byComp, staticByComp, byAction, actionCounts);
        return new RunCosts(area, power, energy);
    }
}
