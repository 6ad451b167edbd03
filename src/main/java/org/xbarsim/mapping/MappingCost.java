package org.xbarsim.mapping;

import java.util.List;
import org.xbarsim.arch.Chip;
import org.xbarsim.cost.ActionCounts;
import org.xbarsim.cost.Allocation;
import org.xbarsim.cost.ComponentBreakdown;
import org.xbarsim.cost.CostModel;
import org.xbarsim.cost.CostTable;
import org.xbarsim.cost.RunCost;
import org.xbarsim.model.IntModel;

/**
 * What a mapped model costs on its chip, apart from timing: the components it occupies and their
 * area, and an ANALYTICAL dynamic energy per inference from {@link ActionEstimate}, priced by the
 * same {@link CostModel#price} as the simulator's report (no leakage, which needs a latency, and no
 * schedule effects: the simulator replaces this estimate).
 *
 * @param allocation   components occupied: the used tiles and the allocated crossbars with their
 *                     peripherals, multipliers when the model's scales are not powers of two
 * @param areaUm2      area per component kind
 * @param actions      estimated action counts per layer for one inference
 * @param energy       estimated cost per inference: dynamic energy per component and action, no time
 * @param unstructured the same model if it relied on element-wise sparsity with index hardware:
 *                     its allocation and area (for comparison only)
 */
public record MappingCost(Allocation allocation, ComponentBreakdown areaUm2, List<ActionEstimate.LayerActions> actions,
                          RunCost energy, Alternative unstructured) {

    public MappingCost {
        actions = List.copyOf(actions);
    }

    /** Allocation and area of an alternative mapping. */
    public record Alternative(Allocation allocation, ComponentBreakdown areaUm2) {
    }

    public static MappingCost of(IntModel model, Mapping mapping, Chip chip, CostTable table) {
        CostModel cost = new CostModel(chip, table);
        boolean multipliers = !model.isMultiplierFree();
        Allocation alloc = Allocation.of(chip, mapping.tilesUsed().size(), mapping.allocatedCrossbars(), multipliers, false);
        List<ActionEstimate.LayerActions> actions = ActionEstimate.perInference(model, mapping, chip);
        ActionCounts.Snapshot total = ActionEstimate.total(actions);
        long uCrossbars = mapping.unstructuredCrossbars();
        long perTile = chip.tile().crossbars();
        Allocation uAlloc = Allocation.of(chip, (uCrossbars + perTile - 1) / perTile, uCrossbars, multipliers, true);
        return new MappingCost(alloc, cost.area(alloc), actions, cost.price(total, alloc, 0),
                new Alternative(uAlloc, cost.area(uAlloc)));
    }
}
