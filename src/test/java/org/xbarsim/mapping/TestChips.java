package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.arch.AdcSpec;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.CrossbarSpec;
import org.xbarsim.arch.DacSpec;
import org.xbarsim.arch.NetworkSpec;
import org.xbarsim.arch.NetworkTopology;
import org.xbarsim.arch.SampleHoldSpec;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.arch.UnitSpec;
import org.xbarsim.arch.WeightStorage;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.cost.ComponentCost;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.cost.CostTable;

/** Chips and cost tables built in code for mapper tests (the sim-configs files are tested elsewhere). */
final class TestChips {
    private TestChips() {
    }

    /** A chip of {@code tiles} tiles, each with {@code perTile} crossbars of the given shape. */
    static Chip chip(int tiles, int perTile, int rows, int cols, int bitsPerCell, int weightBits, SignedEncoding enc,
                     int multipliers) {
        TileSpec tile = new TileSpec(perTile, new CrossbarSpec(rows, cols, bitsPerCell, 100), new WeightStorage(weightBits, enc),
                new DacSpec(1), new AdcSpec(8, cols, 1), new SampleHoldSpec(1), new UnitSpec(4, 1), 288,
                new BufferSpec(65536, 32, 2), new BufferSpec(3072, 32, 2), new UnitSpec(2, 1), new UnitSpec(1, 1),
                new UnitSpec(multipliers, 1));
        return new Chip("test-chip", 1.0, tiles, tile, new NetworkSpec(NetworkTopology.MESH, 4, 2, 32));
    }

    /** Every kind costs 1 pJ per action, unit area 1 um^2 (per cell/byte/row where scaled), no leakage. */
    static CostTable unitCosts() {
        List<ComponentCost> costs = new ArrayList<>();
        for (ComponentKind k : ComponentKind.values()) {
            Map<Action, Double> e = new EnumMap<>(Action.class);
            for (Action a : k.actions()) {
                e.put(a, 1.0);
            }
            costs.add(new ComponentCost(k, e, 1.0, 0.0, "unit test figures"));
        }
        return new CostTable(costs);
    }
}
