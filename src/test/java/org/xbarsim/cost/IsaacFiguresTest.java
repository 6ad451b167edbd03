package org.xbarsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;

/**
 * The shipped ISAAC figures, scaled per cell or per unit in defaults.conf, give back ISAAC Table I's
 * per-IMA rows (reference/hardware-costs.md) for one IMA: 8 arrays of 128x128 with 1 ADC each.
 */
class IsaacFiguresTest {
    @Test
    void oneImaReproducesTableOneAreas() {
        ChipConfig c = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf"));
        CostModel m = c.costModel();
        ComponentBreakdown area = m.area(Allocation.of(c.chip(), 1, 8, false, false));
        assertEquals(9600, area.get(ComponentKind.ADC), 1e-6);              // 0.0096 mm^2
        assertEquals(200, area.get(ComponentKind.CROSSBAR), 1e-6);          // 8 x 2.5e-5 mm^2
        assertEquals(40, area.get(ComponentKind.SAMPLE_HOLD), 1e-6);        // 0.00004 mm^2
        assertEquals(170, area.get(ComponentKind.DAC), 0.5);                // 0.00017 mm^2 (1024 x 0.166)
        assertEquals(83000, area.get(ComponentKind.INPUT_BUFFER), 1e-6);    // 64 KB eDRAM 0.083 mm^2
        assertEquals(2870, area.get(ComponentKind.REGISTER), 1e-6);         // 0.0021 + 0.00077 mm^2
    }

    @Test
    void oneTileIsTableOnesTileWithoutTheEdramBus() {
        ChipConfig c = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf"));
        double tileMm2 = c.costModel().area(Allocation.wholeChip(c.chip())).total() / 1e6 / c.chip().tiles();
        // Table I tile rows: eDRAM 0.083 + router 0.151/4 + sigmoid 0.0006 + shift-add 0.00006 + max-pool 0.00024
        // + output register 0.0032, plus 12 IMAs x (ADC 0.0096 + DAC 0.00017 + S&H 0.00004 + arrays 0.0002
        // + shift-add 0.00024 + input register 0.0021 + output register 0.00077). The 0.090 mm^2 eDRAM-to-IMA
        // bus is not modelled (docs/cost-model.md, Limits).
        double tableOne = 0.083 + 0.151 / 4 + 0.0006 + 0.00006 + 0.00024 + 0.0032
                + 12 * (0.0096 + 0.00017 + 0.00004 + 0.0002 + 0.00024 + 0.0021 + 0.00077);
        assertEquals(tableOne, tileMm2, 1e-5);
    }

    @Test
    void oneArrayReadAtIsaacRateGivesTableOnePower() {
        ChipConfig c = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf"));
        CostModel m = c.costModel();
        // One array read per 100 ns (120 cycles at 1.2 GHz) is 0.3 mW; one conversion per cycle is 2 mW.
        ActionCounts counts = new ActionCounts().add(ComponentKind.CROSSBAR, Action.READ, 1)
                .add(ComponentKind.ADC, Action.CONVERT, 120);
        PowerReport p = m.averagePower(counts.snapshot(), Allocation.builder(0).build(), 120);
        assertEquals(0.3, p.dynamicMw().get(ComponentKind.CROSSBAR), 1e-9);
        assertEquals(2.0, p.dynamicMw().get(ComponentKind.ADC), 1e-3);
    }
}
