package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.vocabulary.Action;

import java.util.List;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.TileSpec;

/**
 * Area, leakage, energy and average power of a chip's allocated components, from a cost table.
 * Independent of timing: the simulator (or an analytical estimate) supplies action counts and a
 * cycle count; swapping the cost table never changes a cycle. Formulas (docs/cost-model.md):
 *
 * <ul>
 *   <li>area(kind) = allocated instances x share x scale x {@code area-um2}, where share is the
 *       fraction of a part shared with unused tiles that the allocation pays for, scale is rows x columns
 *       for a crossbar, the buffer size in bytes for a buffer, the register bytes per crossbar for
 *       a register file, the rows for an index unit, and 1 otherwise;</li>
 *   <li>leakage(kind) = allocated instances x share x scale x {@code leakage-mw};</li>
 *   <li>energy(kind, action) = count x {@code energy-pj.action}, times rows x columns for a
 *       crossbar read;</li>
 *   <li>{@link #price}: energy = dynamic energy + leakage x time, power = energy / time, with
 *       "compute" the compute kinds' dynamic energy plus their leakage.</li>
 * </ul>
 * Sums run in {@link ComponentKind} then {@link Action} order.
 */
public final class CostModel {
    private final Chip chip;
    private final CostTable table;

    public CostModel(Chip chip, CostTable table) {
        if (chip == null || table == null) {
            throw new IllegalArgumentException("chip and cost table are required");
        }
        this.chip = chip;
        this.table = table;
    }

    public Chip chip() {
        return chip;
    }

    public CostTable table() {
        return table;
    }

    /** The multiplier applied to one instance's area and leakage figure. */
    public double instanceScale(ComponentKind kind) {
        TileSpec t = chip.tile();
        return switch (kind.scaledBy()) {
            case UNIT -> 1;
            case CELLS -> (double) t.crossbar().cells();
            case INPUT_BUFFER_BYTES -> (double) t.inputBuffer().sizeBytes();
            case OUTPUT_BUFFER_BYTES -> (double) t.outputBuffer().sizeBytes();
            case REGISTER_BYTES -> (double) t.registerBytesPerCrossbar();
            case ROWS -> t.crossbar().rows();
        };
    }

    /**
     * Energy of one action (pJ): the table figure, times the cells of the array for a crossbar read;
     * 0 for an action the kind does not have (a stall is never priced).
     */
    public double energyPerAction(ComponentKind kind, Action action) {
        if (!kind.has(action)) {
            return 0;
        }
        double e = table.get(kind).energyPj(action);
        return kind == ComponentKind.CROSSBAR ? e * chip.tile().crossbar().cells() : e;
    }

    /** Area of the allocated components (um^2). */
    public ComponentBreakdown area(Allocation allocation) {
        double[] v = new double[ComponentKind.values().length];
        for (ComponentKind k : ComponentKind.values()) {
            v[k.ordinal()] = allocation.count(k) * allocation.share(k) * instanceScale(k) * table.get(k).areaUm2();
        }
        return new ComponentBreakdown(v);
    }

    /** Leakage power of the allocated components (mW). */
    public ComponentBreakdown leakage(Allocation allocation) {
        double[] v = new double[ComponentKind.values().length];
        for (ComponentKind k : ComponentKind.values()) {
            v[k.ordinal()] = allocation.count(k) * allocation.share(k) * instanceScale(k) * table.get(k).leakageMw();
        }
        return new ComponentBreakdown(v);
    }

    /** Dynamic energy of the counted actions (pJ), per component and action. */
    public EnergyBreakdown energy(ActionCounts.Snapshot counts) {
        List<EnergyBreakdown.Entry> out = EnergyBreakdown.newList();
        for (ActionCounts.Entry e : counts.entries()) {
            out.add(new EnergyBreakdown.Entry(e.kind(), e.action(), e.count(),
                    e.count() * energyPerAction(e.kind(), e.action())));
        }
        return new EnergyBreakdown(out);
    }

    /**
     * Prices {@code counts} made over {@code cycles} cycles at the chip clock by the components of
     * {@code allocation}: dynamic energy per action plus their leakage over that time. The one pricing
     * path: the mapper's estimate, the simulator's report and the {@code cost} command all call it.
     * {@code cycles = 0} means the time is unknown (energies are then dynamic only).
     */
    public RunCost price(ActionCounts.Snapshot counts, Allocation allocation, long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("cycles must be >= 0, got " + cycles);
        }
        return new RunCost(energy(counts), leakage(allocation), chip.nanoseconds(cycles));
    }
}
