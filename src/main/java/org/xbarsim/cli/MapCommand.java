package org.xbarsim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.cost.ComponentBreakdown;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.cost.EnergyBreakdown;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.mapping.LayerMapping;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingCost;
import org.xbarsim.mapping.MappingJson;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.mapping.PipelineEstimate;
import org.xbarsim.mapping.ReadBack;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xbarsim map}: places an integer model on a chip's crossbars, prints the placement per
 * layer with the area and an analytical energy estimate, optionally compares it with a baseline,
 * and writes the mapping as JSON (docs/mapping.md).
 */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Map an integer model onto a chip's crossbars: bit-sliced weights, signed encoding, im2col, "
                + "crossbar-aligned compaction (pruned crossbar blocks and kernel groups free whole crossbars).",
            "Prints per layer the matrix, slices, row/column tiles, crossbars (dense vs allocated), tiles "
                + "and cell utilization; the pipeline estimate (copies of each layer with --replicate, cycles per image "
                + "of each stage, expected interval between images); the area of the occupied components; and an ANALYTICAL energy estimate "
                + "per inference (simulate measures it). With --baseline, also maps the baseline and prints the "
                + "crossbar, area and energy ratios between the two. Docs: docs/mapping.md"
        })
final class MapCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Integer model file to map.")
    Path model;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Chip configuration (sim-configs/*.conf).")
    Path config;

    @Option(names = "--baseline", paramLabel = "FILE", description = "A second (unpruned) model to compare with.")
    Path baseline;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the mapping as JSON here (atomically); an existing file is replaced only with --force.")
    Path out;

    @Option(names = "--force", description = "Replace the --out file when it exists.")
    boolean force;

    @Option(names = "--cells", description = "Include every crossbar's cell levels in the JSON (large).")
    boolean cells;

    @Option(names = "--verify", description = "Read every weight back from the placed cells and check it equals the model's.")
    boolean verify;

    @CommandLine.Mixin
    ReplicationOptions replication = new ReplicationOptions();

    @Option(names = "--packing", defaultValue = "shared", paramLabel = "POLICY",
            description = "Tile assignment: shared (layers share tiles) or layer-per-tile (default: ${DEFAULT-VALUE}).")
    String packing;

    @Option(names = "--quiet", description = "Accepted for scripts that pass it to every command: this command shows no progress.")
    boolean quiet;

    @Override
    public Integer call() {
        if (out != null) {
            org.xbarsim.io.OutputPaths.checkFileTarget(out, force, "--out");
        }
        ChipConfig chip = ChipConfigLoader.load(config);
        chip.warnings().forEach(w -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + w.message()));
        IntModel m = ModelFile.read(model);
        IntModel b = baseline == null ? null : ModelFile.read(baseline);
        return run(m, b, chip, spec.commandLine().getOut());
    }

    /** Maps {@code m}, naming the model file and the config in a does-not-fit error. */
    private Mapping map(IntModel m, Path file, MappingTarget target, ChipConfig chip) {
        try {
            return replication.choose(chip).map(m, target, chip.chip());
        } catch (UserInputException e) {
            throw new UserInputException((file == null ? "" : file + " on ") + (config == null ? "" : config + ": ")
                    + e.getMessage(), e);
        }
    }

    MappingTarget.TilePacking packing() {
        for (MappingTarget.TilePacking p : MappingTarget.TilePacking.values()) {
            if (p.key().equals(packing)) {
                return p;
            }
        }
        throw new UserInputException("--packing " + packing + ": unknown policy (known: shared, layer-per-tile)");
    }

    /** Everything after loading; separate so tests can drive it with in-memory models and chips. */
    int run(IntModel m, IntModel b, ChipConfig chip, PrintWriter o) {
        MappingTarget target = MappingTarget.of(chip.chip(), packing());
        Mapping mapping = map(m, model, target, chip);
        MappingCost cost = MappingCost.of(m, mapping, chip.chip(), chip.costs());
        printHeader(o, chip.chip(), target);
        printModel(o, m, model, mapping, cost);
        PipelineEstimate pipeline = PipelineEstimate.of(m, mapping, chip.chip());
        printPipeline(o, pipeline, chip.chip());
        boolean ok = !verify || verified(o, mapping, m);

        ObjectNode json = MappingJson.tree(mapping, cells);
        json.set("pipeline", MappingJson.pipeline(pipeline));
        json.set("cost", costJson(mapping, cost));
        if (b != null) {
            Mapping bm = map(b, baseline, target, chip);
            MappingCost bc = MappingCost.of(b, bm, chip.chip(), chip.costs());
            printModel(o, b, baseline, bm, bc);
            printPipeline(o, PipelineEstimate.of(b, bm, chip.chip()), chip.chip());
            ok &= !verify || verified(o, bm, b);
            o.println();
            printComparison(o, m, mapping, cost, b, bm, bc);
            ObjectNode base = json.putObject("baseline");
            base.put("model", b.name());
            base.put("denseCrossbars", bm.denseCrossbars());
            base.put("allocatedCrossbars", bm.allocatedCrossbars());
            base.put("tilesUsed", bm.tilesUsed().size());
            base.set("cost", costJson(bm, bc));
            ObjectNode ratios = json.putObject("baselineOverModel");
            ratios.put("crossbars", ratio(bm.allocatedCrossbars(), mapping.allocatedCrossbars()));
            ratios.put("computeArea", ratio(bc.areaUm2().compute(), cost.areaUm2().compute()));
            ratios.put("totalArea", ratio(bc.areaUm2().total(), cost.areaUm2().total()));
            ratios.put("estimatedComputeEnergy", ratio(bc.energy().computePj(), cost.energy().computePj()));
            ratios.put("estimatedTotalEnergy", ratio(bc.energy().totalPj(), cost.energy().totalPj()));
        }
        if (out != null) {
            AtomicFiles.writeString(out, MappingJson.write(json));
            o.println();
            o.println("mapping written to " + out);
        }
        o.flush();
        return ok ? 0 : 1;
    }

    private static void printHeader(PrintWriter o, Chip chip, MappingTarget t) {
        CrossbarGeometry g = t.geometry();
        o.printf(Locale.ROOT, "chip %s: %d tiles x %d crossbars of %dx%d, %d-bit cells, %d-bit %s weights%s%n", chip.name(),
                t.tiles(), t.crossbarsPerTile(), g.rows(), g.columns(), g.bitsPerCell(), g.weightBits(), g.encoding().key(),
                t.flipColumns() ? ", flipped columns" : "");
        o.printf(Locale.ROOT, "  %d slice%s per weight, %d physical columns per output, %d outputs per crossbar; tiles %s%n",
                g.slicesPerWeight(), g.slicesPerWeight() == 1 ? "" : "s", g.physicalColumnsPerLogical(),
                g.logicalColumnsPerCrossbar(), t.packing().key());
    }

    private static void printModel(PrintWriter o, IntModel m, Path file, Mapping mapping, MappingCost cost) {
        o.println();
        o.printf(Locale.ROOT, "model %s from %s (%s, %s; %d weights, %s zero)%n", m.name(), file, m.metadata().kind(),
                m.isMultiplierFree() ? "multiplier-free" : "needs digital multipliers", m.weightCount(),
                percent(m.zeroWeightCount(), m.weightCount()));
        CrossbarGeometry g = mapping.geometry();
        CrossbarGeometry p = m.prunedFor();
        if (p != null && !(p.rows() == g.rows() && p.logicalColumnsPerCrossbar() == g.logicalColumnsPerCrossbar())) {
            o.printf(Locale.ROOT, "  warning: pruned for %dx%d crossbars with %d outputs each (%d-bit cells, %d-bit %s weights);"
                            + " this chip has %dx%d with %d outputs each, so its pruned groups may not free whole crossbars%n",
                    p.rows(), p.columns(), p.logicalColumnsPerCrossbar(), p.bitsPerCell(), p.weightBits(), p.encoding().key(),
                    g.rows(), g.columns(), g.logicalColumnsPerCrossbar());
        }
        o.printf(Locale.ROOT, "  %-10s %-7s %12s %6s %5s %5s %8s %8s %8s %6s %6s%n", "layer", "kind", "matrix", "slices",
                "rowT", "colT", "dense", "alloc", "unstr", "tiles", "util");
        int slices = mapping.geometry().slicesPerWeight();
        for (LayerMapping l : mapping.layers()) {
            long cells = l.allocatedCrossbars() * (long) mapping.geometry().rows() * mapping.geometry().columns();
            o.printf(Locale.ROOT, "  %-10s %-7s %12s %6d %5d %5d %8d %8d %8d %6d %6s%n", l.layerName(), l.kind(),
                    l.matrixRows() + "x" + l.matrixCols(), slices, l.rowTiles(), l.columnTiles(), l.denseCrossbars(),
                    l.allocatedCrossbars(), l.unstructured().crossbars(), l.tiles().size(), percent(l.usedCells(), cells));
        }
        o.printf(Locale.ROOT, "  %-10s %-7s %12s %6s %5s %5s %8d %8d %8d %6d %6s%n", "total", "", "", "", "", "",
                mapping.denseCrossbars(), mapping.allocatedCrossbars(), mapping.unstructuredCrossbars(),
                mapping.tilesUsed().size(), percent(mapping.usedCells(), mapping.allocatedCells()));
        o.printf(Locale.ROOT, "  (dense: no compaction; alloc: allocated, crossbar-aligned; unstr: element-wise sparsity"
                + " with index hardware;%n   tiles: tiles holding the layer, shared ones counted per layer; util: programmed"
                + " / allocated cells)%n");
        ComponentBreakdown a = cost.areaUm2();
        o.printf(Locale.ROOT, "  area of the occupied components: compute %.4f mm^2, total %.4f mm^2%n",
                a.compute() / 1e6, a.total() / 1e6);
        o.printf(Locale.ROOT, "    compute = crossbars %.4f + DACs %.4f + ADCs %.4f + S&H %.4f + shift-add %.4f"
                        + " + multipliers %.4f mm^2%n", mm2(a, ComponentKind.CROSSBAR), mm2(a, ComponentKind.DAC),
                mm2(a, ComponentKind.ADC), mm2(a, ComponentKind.SAMPLE_HOLD), mm2(a, ComponentKind.SHIFT_ADD),
                mm2(a, ComponentKind.MULTIPLIER));
        ComponentBreakdown ua = cost.unstructured().areaUm2();
        o.printf(Locale.ROOT, "  same zeros as element-wise sparsity with index hardware: %d crossbars, compute %.4f mm^2,"
                + " total %.4f mm^2%n", mapping.unstructuredCrossbars(), ua.compute() / 1e6, ua.total() / 1e6);
        EnergyBreakdown e = cost.energy().dynamicPj();
        o.printf(Locale.ROOT, "  ESTIMATE (analytical action counts, dynamic only, not simulated): energy per inference"
                + " compute %.4g uJ, total %.4g uJ%n", e.computePj() / 1e6, e.totalPj() / 1e6);
        o.printf(Locale.ROOT, "    crossbar reads %d, DAC drives %d, ADC conversions %d, shift-adds %d, buffer bytes %d,"
                        + " multiplies %d%n",
                count(e, ComponentKind.CROSSBAR, Action.READ), count(e, ComponentKind.DAC, Action.CONVERT),
                count(e, ComponentKind.ADC, Action.CONVERT), count(e, ComponentKind.SHIFT_ADD, Action.OPERATE),
                count(e, ComponentKind.INPUT_BUFFER, Action.READ) + count(e, ComponentKind.INPUT_BUFFER, Action.WRITE)
                        + count(e, ComponentKind.OUTPUT_BUFFER, Action.READ) + count(e, ComponentKind.OUTPUT_BUFFER, Action.WRITE),
                count(e, ComponentKind.MULTIPLIER, Action.OPERATE));
    }

    /** Per stage: copies, crossbars, cycles per image; the busiest tile or router; the interval between images. */
    private static void printPipeline(PrintWriter o, PipelineEstimate p, Chip chip) {
        o.printf(Locale.ROOT, "  pipeline ESTIMATE (chip timing, not simulated; docs/replication.md):%n");
        o.printf(Locale.ROOT, "  %-10s %6s %9s %9s %11s %15s%n", "layer", "copies", "crossbars", "positions", "cycles/MVM",
                "cycles/image");
        for (PipelineEstimate.Stage st : p.stages()) {
            o.printf(Locale.ROOT, "  %-10s %6d %9d %9d %11d %15.0f%s%n", st.layerName(), st.replicas(),
                    (long) st.copyCrossbars() * st.replicas(), st.positions(), st.mvmCycles(), st.cyclesPerImage(),
                    st.layerName().equals(p.bottleneck()) ? "  <- bottleneck" : "");
        }
        p.resources().entrySet().stream().filter(e -> e.getValue() == p.busiestResourceCycles()).findFirst().ifPresent(e ->
                o.printf(Locale.ROOT, "  busiest resource: %s, %.0f cycles/image%s%n", e.getKey(), e.getValue(),
                        e.getKey().equals(p.bottleneck()) ? "  <- bottleneck" : ""));
        double interval = p.intervalCycles();
        o.printf(Locale.ROOT, "  expected interval between images: %.0f cycles = %.4g us (%.4g images/s), bottleneck '%s'%n",
                interval, interval / chip.clockGhz() / 1e3, interval > 0 ? chip.clockGhz() * 1e9 / interval : 0, p.bottleneck());
    }

    private static void printComparison(PrintWriter o, IntModel m, Mapping mm, MappingCost mc, IntModel b, Mapping bm,
                                        MappingCost bc) {
        o.printf(Locale.ROOT, "baseline %s vs model %s (baseline / model; counts and areas from the mapping, energies an"
                + " analytical ESTIMATE per inference, dynamic only, not simulated):%n", b.name(), m.name());
        o.printf(Locale.ROOT, "  zero weights   %9s  / %-9s%n", percent(b.zeroWeightCount(), b.weightCount()),
                percent(m.zeroWeightCount(), m.weightCount()));
        o.printf(Locale.ROOT, "  crossbars      %10d / %-10d = %.2fx%n", bm.allocatedCrossbars(), mm.allocatedCrossbars(),
                ratio(bm.allocatedCrossbars(), mm.allocatedCrossbars()));
        o.printf(Locale.ROOT, "  tiles          %10d / %-10d = %.2fx%n", bm.tilesUsed().size(), mm.tilesUsed().size(),
                ratio(bm.tilesUsed().size(), mm.tilesUsed().size()));
        o.printf(Locale.ROOT, "  compute area   %10.4f / %-10.4f mm^2 = %.2fx%n", bc.areaUm2().compute() / 1e6,
                mc.areaUm2().compute() / 1e6, ratio(bc.areaUm2().compute(), mc.areaUm2().compute()));
        o.printf(Locale.ROOT, "  total area     %10.4f / %-10.4f mm^2 = %.2fx%n", bc.areaUm2().total() / 1e6,
                mc.areaUm2().total() / 1e6, ratio(bc.areaUm2().total(), mc.areaUm2().total()));
        o.printf(Locale.ROOT, "  ESTIMATE compute energy %10.4g / %-10.4g uJ = %.2fx%n", bc.energy().computePj() / 1e6,
                mc.energy().computePj() / 1e6, ratio(bc.energy().computePj(), mc.energy().computePj()));
        o.printf(Locale.ROOT, "  ESTIMATE total energy   %10.4g / %-10.4g uJ = %.2fx%n", bc.energy().totalPj() / 1e6,
                mc.energy().totalPj() / 1e6, ratio(bc.energy().totalPj(), mc.energy().totalPj()));
    }

    private static boolean verified(PrintWriter o, Mapping mapping, IntModel m) {
        List<String> problems = ReadBack.verify(mapping, m);
        if (problems.isEmpty()) {
            o.printf(Locale.ROOT, "  verify: every weight of %s read back from the cells equals the model's%n", m.name());
            return true;
        }
        o.printf(Locale.ROOT, "  verify FAILED for %s:%n", m.name());
        problems.forEach(p -> o.println("    " + p));
        return false;
    }

    private static ObjectNode costJson(Mapping mapping, MappingCost c) {
        ObjectNode n = MappingJson.mapper().createObjectNode();
        ObjectNode area = n.putObject("areaUm2");
        area.put("compute", c.areaUm2().compute());
        area.put("total", c.areaUm2().total());
        ObjectNode byKind = area.putObject("byComponent");
        for (ComponentKind k : ComponentKind.values()) {
            byKind.put(k.key(), c.areaUm2().get(k));
        }
        ObjectNode alloc = n.putObject("allocation");
        alloc.put("tiles", c.allocation().tiles());
        for (ComponentKind k : ComponentKind.values()) {
            alloc.put(k.key(), c.allocation().count(k));
        }
        ObjectNode u = n.putObject("unstructuredAlternative");
        u.put("crossbars", mapping.unstructuredCrossbars());
        u.put("computeAreaUm2", c.unstructured().areaUm2().compute());
        u.put("totalAreaUm2", c.unstructured().areaUm2().total());
        ObjectNode est = n.putObject("energyEstimate");
        est.put("note", "analytical action counts per inference, dynamic energy only; not simulated");
        est.put("computePj", c.energy().computePj());
        est.put("totalPj", c.energy().totalPj());
        var entries = est.putArray("actions");
        for (EnergyBreakdown.Entry e : c.energy().dynamicPj().entries()) {
            ObjectNode x = entries.addObject();
            x.put("component", e.kind().key());
            x.put("action", e.action().key());
            x.put("count", e.count());
            x.put("energyPj", e.energyPj());
        }
        return n;
    }

    private static long count(EnergyBreakdown e, ComponentKind k, Action a) {
        for (EnergyBreakdown.Entry x : e.entries()) {
            if (x.kind() == k && x.action() == a) {
                return x.count();
            }
        }
        return 0;
    }

    private static double mm2(ComponentBreakdown a, ComponentKind k) {
        return a.get(k) / 1e6;
    }

    private static String percent(long a, long b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * a / b);
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
