package org.xbarsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * sim-configs/isaac.conf at full activity reproduces ISAAC's published figures (Shafiee et al.,
 * ISCA 2016): Table I's tile (330 mW, 0.372 mm^2) and chip (65.8 W, 85.4 mm^2 with the
 * HyperTransport links) and Table II's ISAAC-CE peak efficiency at 16 bits (644 GOPs/s/W,
 * 479 GOPs/s/mm^2), each within 3 %.
 */
class IsaacFiguresTest {
    private static final double TOLERANCE = 0.03;
    private final ChipConfig config = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf"));
    private final CostModel model = config.costModel();
    private final Allocation whole = Allocation.wholeChip(config.chip());
    private final Allocation onChip = whole.with(ComponentKind.IO_LINK, 0);

    private static void assertWithin(double published, double actual, String what) {
        assertEquals(published, actual, TOLERANCE * published,
                what + ": " + actual + " vs published " + published + " (" + String.format("%+.2f %%", 100 * (actual / published - 1)) + ")");
    }

    @Test
    void tileReproducesTableOne() {
        int tiles = config.chip().tiles();
        assertWithin(330, FullActivity.price(model, onChip).averageMw() / tiles, "tile power, mW");
        assertWithin(0.372, model.area(onChip).total() / 1e6 / tiles, "tile area, mm^2");
    }

    @Test
    void chipReproducesTableOne() {
        assertWithin(65_800, FullActivity.price(model, whole).averageMw(), "chip power, mW");
        assertWithin(85.4, model.area(whole).total() / 1e6, "chip area, mm^2");
    }

    @Test
    void peakEfficiencyAtSixteenBitsReproducesTableTwo() {
        double gops = FullActivity.peakOpsPerSecond(config.chip(), 16) / 1e9;
        assertWithin(644, gops / (FullActivity.price(model, whole).averageMw() / 1e3), "GOPs/s/W");
        assertWithin(479, gops / (model.area(whole).total() / 1e6), "GOPs/s/mm^2");
    }

    @Test
    void oneImaReproducesTableOnesRows() {
        // one IMA: 8 arrays of 128x128 with 1 ADC each
        Allocation ima = Allocation.of(config.chip(), 0, 8, false, false);
        ComponentBreakdown area = model.area(ima);
        assertEquals(9600, area.get(ComponentKind.ADC), 1e-6);              // 0.0096 mm^2
        assertEquals(200, area.get(ComponentKind.CROSSBAR), 1e-6);          // 8 x 2.5e-5 mm^2
        assertEquals(40, area.get(ComponentKind.SAMPLE_HOLD), 1e-6);        // 0.00004 mm^2
        assertEquals(170, area.get(ComponentKind.DAC), 0.5);                // 0.00017 mm^2 (1024 x 0.166)
        assertEquals(2870, area.get(ComponentKind.REGISTER), 1e-6);         // 0.0021 + 0.00077 mm^2
        ComponentBreakdown mw = FullActivity.price(model, ima).powerMw();
        assertEquals(16, mw.get(ComponentKind.ADC), 1e-9, "8 ADCs x 2 mW, leakage included");
        assertEquals(4, mw.get(ComponentKind.DAC), 1e-9);
        assertEquals(2.4, mw.get(ComponentKind.CROSSBAR), 1e-9);
        assertEquals(0.01, mw.get(ComponentKind.SAMPLE_HOLD), 1e-9);
        assertEquals(1.24 + 0.23, mw.get(ComponentKind.REGISTER), 1e-9, "input register reads carry both registers' power");
    }

    @Test
    void leakageIsPartOfThePublishedPowerNotAddedToIt() {
        // one ADC converting at 1.28 GS/s for 100 ns draws ISAAC's 2 mW in all, 0.2 mW of it leakage
        Allocation oneAdc = Allocation.builder(0).set(ComponentKind.ADC, 1).build();
        ActionCounts counts = new ActionCounts().add(ComponentKind.ADC, Action.CONVERT, 128);
        RunCost p = model.price(counts.snapshot(), oneAdc, 128);
        assertEquals(2.0, p.averageMw(), 1e-12);
        assertEquals(0.2, p.leakageMw().total(), 1e-12);
    }
}
