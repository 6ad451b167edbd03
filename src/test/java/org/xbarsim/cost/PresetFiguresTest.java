package org.xbarsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * The MNSIM and PUMA presets against their sources, as docs/cost-model.md states them: MNSIM's
 * ADC and DAC draw their published power at full activity; PUMA's chip sits where the docs say
 * against its published peak efficiency (Ankit et al., ASPLOS 2019: 837 GOPs/s/W, 577 GOPs/s/mm^2).
 */
class PresetFiguresTest {
    @Test
    void mnsimConvertersDrawTheirPublishedPowerAtFullActivity() {
        ChipConfig c = ChipConfigLoader.load(Path.of("sim-configs/mnsim.conf"));
        Allocation pair = Allocation.of(c.chip(), 0, 2, false, false);
        assertEquals(128, pair.count(ComponentKind.ADC), "SimConfig.ini ADC_Num = 128 per array pair");
        ComponentBreakdown mw = FullActivity.price(c.costModel(), pair).powerMw();
        // each ADC converts its 4 columns in 4 x 8 ns: 1.26 mW (ADC.py choice 6)
        assertEquals(128 * 1.26, mw.get(ComponentKind.ADC), 1e-9);
        assertEquals(1650e-6 * 128, c.costModel().area(pair).get(ComponentKind.ADC) / 1e6, 1e-12);
    }

    @Test
    void mnsimCrossbarIsMnsimsDefaultArray() {
        ChipConfig c = ChipConfigLoader.load(Path.of("sim-configs/mnsim.conf"));
        Allocation pair = Allocation.of(c.chip(), 0, 2, false, false);
        // Crossbar.py: 256 x 256 x Device_Area 1.44 um^2 + 1150 um^2 of driver per row, per array
        assertEquals(2 * (256 * 256 * 1.44 + 1150 * 256), c.costModel().area(pair).get(ComponentKind.CROSSBAR), 1e-6);
        // Device.py: V^2 / R per cell (V^2 = 0.1 x 0.15^2, R = 1e10 / (1e4 x 0.67 + 1e6 x 0.33)) x 3.16 ns
        double cellPj = 0.1 * 0.15 * 0.15 / (1e10 / (1e4 * 0.67 + 1e6 * 0.33)) * 3.16e-9 * 1e12;
        assertEquals(65536 * cellPj, c.costModel().energyPerAction(ComponentKind.CROSSBAR, Action.READ), 65536 * cellPj * 1e-4);
    }

    @Test
    void pumaPeakEfficiencyIsWhereTheDocsSay() {
        ChipConfig c = ChipConfigLoader.load(Path.of("sim-configs/puma.conf"));
        Allocation whole = Allocation.wholeChip(c.chip());
        double gops = FullActivity.peakOpsPerSecond(c.chip(), 16) / 1e9;
        double perW = gops / (FullActivity.price(c.costModel(), whole).averageMw() / 1e3);
        double perMm2 = gops / (c.costModel().area(whole).total() / 1e6);
        assertEquals(0.42, perW / 837, 0.005, "docs/cost-model.md: 353.3 GOPs/s/W = 0.42x");
        assertEquals(0.56, perMm2 / 577, 0.005, "docs/cost-model.md: 321.7 GOPs/s/mm^2 = 0.56x");
    }
}
