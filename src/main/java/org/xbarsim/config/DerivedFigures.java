package org.xbarsim.config;

import java.util.List;
import java.util.Locale;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.cost.Allocation;
import org.xbarsim.cost.ComponentBreakdown;
import org.xbarsim.cost.CostModel;

/**
 * Figures that follow from a resolved chip configuration, shown under it by {@code validate} (as text
 * lines or JSON). Areas in mm2 and leakage in mW are the whole chip's (off-chip links included).
 */
public record DerivedFigures(int physicalColumnsPerWeight, int logicalColumnsPerCrossbar, int adcsPerCrossbar,
                             long crossbarsOnChip, int idealAdcBits, long routersOnChip, double areaMm2,
                             double computeAreaMm2, double leakageMw, double computeLeakageMw) {

    public static DerivedFigures of(ChipConfig config) {
        Chip chip = config.chip();
        CrossbarGeometry g = chip.geometry();
        TileSpec t = chip.tile();
        CostModel cost = config.costModel();
        Allocation all = Allocation.wholeChip(chip);
        ComponentBreakdown area = cost.area(all);
        ComponentBreakdown leak = cost.leakage(all);
        return new DerivedFigures(g.physicalColumnsPerLogical(), g.logicalColumnsPerCrossbar(), t.adcsPerCrossbar(),
                chip.crossbars(), t.idealAdcBits(), chip.network().routersFor(chip.tiles()), area.total() / 1e6,
                area.compute() / 1e6, leak.total(), leak.compute());
    }

    /** The figures as {@code validate} prints them, one per line. */
    public List<String> lines() {
        return List.of(
                "physical columns per weight (k) = " + physicalColumnsPerWeight,
                "logical columns per crossbar (L) = " + logicalColumnsPerCrossbar,
                "ADCs per crossbar = " + adcsPerCrossbar,
                "crossbars on chip = " + crossbarsOnChip,
                "ADC bits an ideal column sum needs = " + idealAdcBits,
                "routers on chip = " + routersOnChip,
                String.format(Locale.ROOT, "whole-chip area (off-chip links included; no multipliers, no index) = %.4f mm^2,"
                        + " compute part %.4f mm^2", areaMm2, computeAreaMm2),
                String.format(Locale.ROOT, "whole-chip leakage = %.3f mW, compute part %.3f mW", leakageMw, computeLeakageMw));
    }
}
