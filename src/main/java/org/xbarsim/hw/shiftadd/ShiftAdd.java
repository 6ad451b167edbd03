package org.xbarsim.hw.shiftadd;

import org.xbarsim.hw.common.ColumnSums;
import org.xbarsim.hw.common.LayerPlan;
import org.xbarsim.hw.common.LongVector;
import org.xbarsim.hw.common.PixelSums;
import org.xbarsim.hw.common.Port;
import org.xbarsim.hw.network.Routes;
import org.xbarsim.hw.output.OutputUnit;

import org.xbarsim.vocabulary.ActivityCode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.arch.UnitSpec;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.sim.Address;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;

/**
 * The shift-add units of one tile: turn each crossbar's ADC values into partial sums of its
 * logical columns ({@link ShiftAddModel}) and add up the tile's crossbars of the same column tile;
 * when all of them are in, send the tile's partial sum to the output unit that finishes the column
 * tile (over the network if that is another tile).
 */
public final class ShiftAdd implements Process<ShiftAdd.Command> {
    public sealed interface Command permits Accumulate {}

    /** Converted values of one crossbar MVM, {@code values[r * columns + j]} (made when combined, if not yet). */
    public record Accumulate(int image, int plan, int pixel, int crossbarId, int reads, ColumnSums values, long inputSum)
            implements Command {}

    /** What the unit knows about one of its tile's crossbars; {@code copy}: which copy of the layer's weights it holds. */
    public record LocalCrossbar(int id, int plan, int columnTile, ShiftAddModel model, int copy) {
        public LocalCrossbar(int id, int plan, int columnTile, ShiftAddModel model) {
            this(id, plan, columnTile, model, 0);
        }
    }

    private final int tile;
    private final Map<Integer, LocalCrossbar> crossbars = new HashMap<>(); // looked up only
    private final PixelSums sums = new PixelSums();
    private final List<LayerPlan> plans;
    private final int[][][] localCount; // [plan][copy][columnTile]
    private final UnitSpec units;
    private final Port port = new Port();
    private final Routes routes;

    private ShiftAdd(int tile, List<LocalCrossbar> local, List<LayerPlan> plans, UnitSpec units, Routes routes) {
        this.tile = tile;
        this.plans = plans;
        this.units = units;
        this.routes = routes;
        this.localCount = new int[plans.size()][][];
        for (LayerPlan p : plans) {
            localCount[p.plan()] = new int[p.replicas()][p.columnTiles()];
        }
        for (LocalCrossbar c : local) {
            crossbars.put(c.id(), c);
            localCount[c.plan()][c.copy()][c.columnTile()]++;
        }
    }

    public static Process<Command> create(int tile, List<LocalCrossbar> local, List<LayerPlan> plans, UnitSpec units,
            Routes routes) {
        return new ShiftAdd(tile, local, plans, units, routes);
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Accumulate a) { // the only command (sealed)
            accumulate(a, ctx);
        }
    }

    private void accumulate(Accumulate a, Context<Command> ctx) {
        LocalCrossbar xb = crossbars.get(a.crossbarId());
        long[] partial = xb.model().combine(a.values(), a.reads(), a.inputSum());
        long ops = xb.model().operations(a.reads()) + partial.length;
        long dur = (ops + units.count() - 1) / units.count() * units.latencyCycles();
        long start = port.reserve(ctx.now(), dur);
        LayerPlan plan = plans.get(a.plan());
        if (start > ctx.now()) {
            ctx.record(ActivityCode.stall(ComponentKind.SHIFT_ADD), ctx.now(), start - ctx.now(), 1, plan.layerIndex(), a.image());
        }
        ctx.record(ActivityCode.of(ComponentKind.SHIFT_ADD, Action.OPERATE), start, dur, ops, plan.layerIndex(), a.image());
        long[] total = sums.add(a.image(), a.plan(), xb.columnTile(), a.pixel(), LongVector.wrap(partial),
                localCount[a.plan()][xb.copy()][xb.columnTile()]);
        if (total != null) {
            long due = Math.max(start + dur, ctx.now() + ctx.minLatencyCycles());
            OutputUnit.Partial p = new OutputUnit.Partial(a.image(), a.plan(), xb.columnTile(), a.pixel(), LongVector.wrap(total));
            int reducer = plan.reducerByCopy()[xb.copy()][xb.columnTile()];
            routes.send(ctx, tile, reducer, due, routes.outputUnit(reducer), p, 4L * total.length);
        }
    }
}
