package org.xbarsim.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.cost.Allocation;
import org.xbarsim.cost.ComponentBreakdown;
import org.xbarsim.cost.CostModel;
import org.xbarsim.cost.FullActivity;
import org.xbarsim.cost.RunCost;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * {@code cost --json}: the full-activity figures the cost command prints as a table, for scripts
 * (docs/cost-model.md lists the keys). Powers in mW include leakage; areas in mm2. The tile is the
 * chip without its off-chip links, divided by the tiles.
 *
 * @param byComponent kinds with power or area on the chip, in the vocabulary's order
 * @param leakage     the leakage part of the totals
 */
record CostFigures(String format, int version, String chip, double technologyNm, double costsTechnologyNm, double clockGhz,
                   int tiles, int crossbarsPerTile, int rows, int columns, long fullActivityIntervalCycles, int groupCrossbars,
                   Map<String, Figures> byComponent, Figures total, Figures compute, Leakage leakage, Peak peak) {
    static final String FORMAT = "xbarsim-cost";
    static final int VERSION = 1;

    /** One row of the table: a group of crossbars, one tile, the chip. */
    record Figures(double groupMw, double groupMm2, double tileMw, double tileMm2, double chipMw, double chipMm2) {
    }

    /** The leakage power included in the totals. */
    record Leakage(double groupMw, double tileMw, double chipMw) {
    }

    /** The chip's peak throughput at full activity and its efficiency. */
    record Peak(int bits, String encoding, double gopsPerS, double gopsPerSPerTile, double gopsPerSPerW,
                double gopsPerSPerMm2) {
    }

    static CostFigures of(ChipConfig loaded, int group, int bits) {
        CostModel model = loaded.costModel();
        Chip chip = model.chip();
        TileSpec t = chip.tile();
        Allocation groupAlloc = CostCommand.groupAllocation(chip, group);
        Allocation onChip = Allocation.wholeChip(chip).with(ComponentKind.IO_LINK, 0);
        Allocation whole = Allocation.wholeChip(chip);
        RunCost g = FullActivity.price(model, groupAlloc);
        RunCost tiles = FullActivity.price(model, onChip);
        RunCost c = FullActivity.price(model, whole);
        ComponentBreakdown ga = model.area(groupAlloc);
        ComponentBreakdown ta = model.area(onChip);
        ComponentBreakdown ca = model.area(whole);
        double perTile = 1.0 / chip.tiles();
        ComponentBreakdown gp = g.powerMw();
        ComponentBreakdown tp = tiles.powerMw();
        ComponentBreakdown cp = c.powerMw();
        Map<String, Figures> byKind = new LinkedHashMap<>();
        for (ComponentKind k : ComponentKind.values()) {
            if (cp.get(k) != 0 || ca.get(k) != 0) {
                byKind.put(k.key(), new Figures(gp.get(k), ga.get(k) / 1e6, tp.get(k) * perTile, ta.get(k) / 1e6 * perTile,
                        cp.get(k), ca.get(k) / 1e6));
            }
        }
        Figures total = new Figures(g.averageMw(), ga.total() / 1e6, tiles.averageMw() * perTile, ta.total() / 1e6 * perTile,
                c.averageMw(), ca.total() / 1e6);
        Figures compute = new Figures(g.computeMw(), ga.compute() / 1e6, tiles.computeMw() * perTile,
                ta.compute() / 1e6 * perTile, c.computeMw(), ca.compute() / 1e6);
        Leakage leakage = new Leakage(g.leakageMw().total(), tiles.leakageMw().total() * perTile, c.leakageMw().total());
        double gops = FullActivity.peakOpsPerSecond(chip, bits) / 1e9;
        Peak peak = new Peak(bits, t.weights().encoding().key(), gops, gops / chip.tiles(), gops / (c.averageMw() / 1e3),
                gops / (ca.total() / 1e6));
        return new CostFigures(FORMAT, VERSION, chip.name(), loaded.technologyNm(), loaded.costsTechnologyNm(), chip.clockGhz(),
                chip.tiles(), t.crossbars(), t.crossbar().rows(), t.crossbar().columns(), FullActivity.intervalCycles(chip), group,
                byKind, total, compute, leakage, peak);
    }
}
