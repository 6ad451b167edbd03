package org.xbarsim.config;

import java.util.List;
import org.xbarsim.arch.Chip;
import org.xbarsim.cost.CostModel;
import org.xbarsim.cost.CostTable;

/**
 * A loaded and validated chip configuration: the chip, its cost table (digital parts already
 * scaled from {@code costsTechnologyNm} to {@code technologyNm}), every resolved key with its
 * origin (for {@code validate} and run records) and the warnings found.
 */
public record ChipConfig(String file, Chip chip, CostTable costs, double technologyNm, double costsTechnologyNm,
                         List<ResolvedEntry> entries, List<ConfigProblem> warnings) {
    public ChipConfig {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** The cost model of this chip with this cost table. */
    public CostModel costModel() {
        return new CostModel(chip, costs);
    }
}
