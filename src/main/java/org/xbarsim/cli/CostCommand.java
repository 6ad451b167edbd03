package org.xbarsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.cost.Allocation;
import org.xbarsim.cost.CostModel;
import org.xbarsim.vocabulary.ComponentKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xbarsim cost}: a configured chip's power and area at full activity, per crossbar group,
 * per tile and per chip, with its peak throughput and efficiency: the figures a paper publishes, so
 * a preset can be checked against its source (docs/cost-model.md).
 */
@Command(name = "cost", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Print a chip's power and area at full activity (every crossbar reading back to back, converters "
                + "at their rates, buffers, buses, routers and links at their bandwidth), by component, for a group "
                + "of crossbars, one tile and the whole chip; then its peak throughput and efficiency.",
            "Priced by the same cost model as map and simulate. Docs: docs/cost-model.md (Full activity)."
        },
        footer = {"", "Example (ISAAC's Table I and II figures):",
            "  ./xbarsim cost --config sim-configs/isaac.conf --group-crossbars 8 --bits 16"})
final class CostCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Chip configuration (sim-configs/*.conf).")
    Path config;

    @Option(names = "--group-crossbars", defaultValue = "1", paramLabel = "N",
            description = "Crossbars in the group column, with their DACs, ADCs, sample-and-holds and registers "
                    + "(ISAAC's IMA: 8; default: ${DEFAULT-VALUE}).")
    int groupCrossbars;

    @Option(names = "--bits", paramLabel = "B",
            description = "Weight and input bits of one operation for the peak throughput (default: chip.tile.weights.bits).")
    Integer bits;

    @Option(names = "--json", description = "Print the same figures as one JSON object (docs/cost-model.md), for scripts.")
    boolean json;

    @Option(names = "--quiet", description = "Accepted for scripts that pass it to every command: this command shows no progress.")
    boolean quiet;

    @Override
    public Integer call() {
        ChipConfig loaded = ChipConfigLoader.load(config);
        loaded.warnings().forEach(w -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + w.message()));
        Chip chip = loaded.chip();
        if (groupCrossbars < 1 || groupCrossbars > chip.tile().crossbars()) {
            throw new UserInputException("--group-crossbars " + groupCrossbars + ": must be in [1, " + chip.tile().crossbars()
                    + "] (crossbars per tile in " + config + ")");
        }
        int b = bits == null ? chip.tile().weights().bits() : bits;
        if (b < 2 || b > 16) {
            throw new UserInputException("--bits " + b + ": must be in [2, 16]");
        }
        PrintWriter o = spec.commandLine().getOut();
        CostFigures figures = CostFigures.of(loaded, groupCrossbars, b);
        if (json) {
            o.print(org.xbarsim.report.ReportJson.toJson(figures));
            o.flush();
            return 0;
        }
        o.printf(Locale.ROOT, "technology: chip %s nm, cost figures published at %s nm%s%n", nm(loaded.technologyNm()),
                nm(loaded.costsTechnologyNm()), loaded.technologyNm() == loaded.costsTechnologyNm() ? ""
                        : " (digital parts scaled, Stillmaker and Baas 2017; analog parts and links as published)");
        print(loaded.costModel(), figures, o);
        return 0;
    }

    private static String nm(double nm) {
        return nm == Math.rint(nm) ? Long.toString((long) nm) : Double.toString(nm);
    }

    /** A column of {@code group} crossbars with their converters, sample-and-holds and registers. */
    static Allocation groupAllocation(Chip chip, int group) {
        TileSpec t = chip.tile();
        return Allocation.builder(0)
                .set(ComponentKind.CROSSBAR, group)
                .set(ComponentKind.DAC, (long) group * t.dacsPerCrossbar())
                .set(ComponentKind.ADC, (long) group * t.adcsPerCrossbar())
                .set(ComponentKind.SAMPLE_HOLD, (long) group * t.sampleHoldsPerCrossbar())
                .set(ComponentKind.REGISTER, t.registerBytesPerCrossbar() > 0 ? group : 0)
                .build();
    }

    /** The table of {@code f}, the figures of {@code model}'s chip. */
    static void print(CostModel model, CostFigures f, PrintWriter o) {
        Chip chip = model.chip();
        long interval = f.fullActivityIntervalCycles();
        int group = f.groupCrossbars();
        o.printf(Locale.ROOT, "chip %s: %d tiles x %d crossbars of %dx%d, %.4g GHz%n", f.chip(), f.tiles(), f.crossbarsPerTile(),
                f.rows(), f.columns(), f.clockGhz());
        o.printf(Locale.ROOT, "full activity: every crossbar reads once per %d cycles (%.4g ns), ADCs convert all columns,"
                + " one shift-add per conversion;%n  buffers, bus, routers (%d ports) and off-chip links at their bandwidth;"
                + " power = dynamic + leakage%n", interval, chip.nanoseconds(interval), chip.network().routerPorts());
        o.printf(Locale.ROOT, "%n%-14s %12s %12s   %12s %12s   %12s %12s%n", "component", "group mW", "group mm^2",
                "tile mW", "tile mm^2", "chip mW", "chip mm^2");
        o.printf(Locale.ROOT, "%-14s %25s   %25s   %25s%n", "", "(" + group + " crossbar" + (group == 1 ? ")" : "s)"),
                "(chip w/o links / " + f.tiles() + ")", "");
        f.byComponent().forEach((k, v) -> row(o, k, v));
        row(o, "total", f.total());
        row(o, "compute", f.compute());
        o.printf(Locale.ROOT, "  (compute = crossbar, dac, adc, sample-hold, shift-add, multiplier; dynamic + leakage)%n");
        o.printf(Locale.ROOT, "  of which leakage: group %.4f mW, tile %.4f mW, chip %.2f mW%n", f.leakage().groupMw(),
                f.leakage().tileMw(), f.leakage().chipMw());
        CostFigures.Peak p = f.peak();
        o.printf(Locale.ROOT, "%npeak throughput, %d-bit weights and inputs (%s encoding; a multiply-accumulate = 2 ops):%n",
                p.bits(), p.encoding());
        o.printf(Locale.ROOT, "  %.4g GOPs/s per chip, %.4g GOPs/s per tile%n", p.gopsPerS(), p.gopsPerSPerTile());
        o.printf(Locale.ROOT, "  %.4g GOPs/s/W (chip %.4g W), %.4g GOPs/s/mm^2 (chip %.4g mm^2)%n", p.gopsPerSPerW(),
                f.total().chipMw() / 1e3, p.gopsPerSPerMm2(), f.total().chipMm2());
        o.flush();
    }

    private static void row(PrintWriter o, String name, CostFigures.Figures v) {
        o.printf(Locale.ROOT, "%-14s %12.4f %12.6f   %12.4f %12.6f   %12.2f %12.4f%n", name, v.groupMw(), v.groupMm2(),
                v.tileMw(), v.tileMm2(), v.chipMw(), v.chipMm2());
    }
}
