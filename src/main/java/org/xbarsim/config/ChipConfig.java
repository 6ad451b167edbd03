package org.xbarsim.config;

import java.util.List;
import org.xbarsim.arch.Chip;
import org.xbarsim.cost.CostModel;
import org.xbarsim.cost.CostTable;
import org.xbarsim.mapping.Replication;

/**
 * A loaded and validated chip configuration: the chip, its cost table (digital parts already
 * scaled from {@code costsTechnologyNm} to {@code technologyNm}), every resolved key with its
 * origin (for {@code validate} and run records), the warnings found, and the weight duplication
 * the {@code mapping.*} keys ask for.
 */
public record ChipConfig(String file, Chip chip, CostTable costs, double technologyNm, double costsTechnologyNm,
                         List<ResolvedEntry> entries, List<ConfigProblem> warnings, Replication replication) {
    public ChipConfig {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /**
     * The warnings about the cost figures (a converter priced at another resolution than the chip's):
     * every command that prices a run shows them. (An ADC narrower than an ideal column sum is said by
     * the simulation's bit-exactness line instead.)
     */
    public List<ConfigProblem> costWarnings() {
        return warnings.stream().filter(w -> w.keyPath() != null && w.keyPath().startsWith("costs.")).toList();
    }

    /** Prints {@link #costWarnings()} to {@code err}, one a line. */
    public void printCostWarnings(java.io.PrintWriter err) {
        costWarnings().forEach(w -> err.println(w.message()));
    }

    /** The cost model of this chip with this cost table. */
    public CostModel costModel() {
        return new CostModel(chip, costs);
    }
}
