package org.xbarsim.hw.output;

import org.xbarsim.hw.buffer.OutputBuffer;
import org.xbarsim.hw.common.Activations;
import org.xbarsim.hw.common.LayerPlan;
import org.xbarsim.hw.common.LayerProbe;
import org.xbarsim.hw.common.LongVector;
import org.xbarsim.hw.common.PixelSums;
import org.xbarsim.hw.common.Port;
import org.xbarsim.hw.network.Routes;

import org.xbarsim.vocabulary.ActivityCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;

/**
 * A tile's output stage for the column tiles it finishes: adds up the partial sums of the tiles
 * that hold the column tile's crossbars, adds the bias and requantizes (a shift, plus a digital
 * multiply for a non-power-of-two layer), clamps (ReLU), pools, and stores the pooled pixels in
 * the tile's {@link OutputBuffer}, telling it which of them go to which tile of the next layer (or
 * the logits to the host).
 */
public final class OutputUnit implements Process<OutputUnit.Command> {
    public sealed interface Command permits Partial {}

    /** One tile's partial sums of column tile {@code columnTile} for one output pixel. */
    public record Partial(int image, int plan, int columnTile, int pixel, LongVector sums) implements Command {}

    private final int tile;
    private final List<LayerPlan> plans;
    private final Map<Long, PoolChainModel> pools = new HashMap<>(); // (plan, columnTile) -> pooling state; looked up only
    private final PixelSums sums = new PixelSums();
    private final TileSpec spec;
    private final Port port = new Port();
    private final Routes routes;
    private final LayerProbe probe;
    // per plan, each column's bias, requantization and limits, looked up on the column's first
    // output (null until then): made once rather than for every output pixel
    private final WeightedLayer.ColumnFinish[][] finishers;

    private OutputUnit(int tile, List<LayerPlan> plans, TileSpec spec, Routes routes, LayerProbe probe) {
        this.tile = tile;
        this.plans = plans;
        this.spec = spec;
        this.routes = routes;
        this.probe = probe;
        this.finishers = new WeightedLayer.ColumnFinish[plans.size()][];
    }

    public static Process<Command> create(int tile, List<LayerPlan> plans, TileSpec spec, Routes routes, LayerProbe probe) {
        return new OutputUnit(tile, plans, spec, routes, probe);
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Partial p) { // the only command (sealed)
            add(p, ctx);
        }
    }

    private void add(Partial p, Context<Command> ctx) {
        LayerPlan plan = plans.get(p.plan());
        long[] total = sums.add(p.image(), p.plan(), p.columnTile(), p.pixel(), p.sums(),
                plan.contributorsByCopy()[plan.pixelCopy()[p.pixel()]][p.columnTile()]);
        if (total != null) {
            finish(ctx, plan, p, total);
        }
    }

    private void finish(Context<Command> ctx, LayerPlan plan, Partial p, long[] acc) {
        WeightedLayer layer = plan.layer();
        int col0 = plan.columnStarts()[p.columnTile()];
        int n = acc.length;
        int[] y = new int[n];
        long multiplies = finishColumns(finishers(plan, col0, n), col0, acc, y, p.image());
        Shape out = plan.outShape();
        int oy = p.pixel() / out.width();
        int ox = p.pixel() % out.width();
        int plane = out.height() * out.width();
        if (probe != null) {
            probeColumns(p, plan, col0, plane, y);
        }
        PoolChainModel pool = pools.computeIfAbsent(((long) plan.plan() << 32) | p.columnTile(),
                k -> new PoolChainModel(n, out, plan.postOps(), plan.finalPixelsAt(tile, p.columnTile())));
        List<PoolChainModel.Pixel> leaving = pool.accept(p.image(), oy, ox, y);
        long poolOps = pool.lastOperations();

        int outBytes = (n * layer.outputBits() + 7) / 8;
        long activation = ceilDiv(n, spec.activation().count()) * spec.activation().latencyCycles();
        long multiply = multiplies == 0 ? 0 : ceilDiv(multiplies, Math.max(1, spec.multiplier().count()))
                * spec.multiplier().latencyCycles();
        long pooling = poolOps == 0 ? 0 : ceilDiv(poolOps, spec.pooling().count()) * spec.pooling().latencyCycles();
        long start = port.reserve(ctx.now(), activation + multiply + pooling);
        long end = start + activation + multiply + pooling;
        int li = plan.layerIndex();
        ctx.record(ActivityCode.of(ComponentKind.ACTIVATION, Action.OPERATE), start, activation, n, li, p.image());
        if (multiplies > 0) {
            ctx.record(ActivityCode.of(ComponentKind.MULTIPLIER, Action.OPERATE), start + activation, multiply, multiplies, li, p.image());
        }
        if (poolOps > 0) {
            ctx.record(ActivityCode.of(ComponentKind.POOLING, Action.OPERATE), start + activation + multiply, pooling, poolOps, li,
                    p.image());
        }
        if (leaving.isEmpty()) {
            return;
        }
        long bytes = (long) outBytes * leaving.size();
        Shape f = plan.finalShape();
        int[] indices = new int[n * leaving.size()];
        int[] values = new int[n * leaving.size()];
        flatten(leaving, col0, n, f, indices, values);
        Activations act = new Activations(p.image(), plan.plan() + 1, IntVector.wrap(indices), IntVector.wrap(values));
        List<Integer> consumers = plan.consumerTiles();
        List<OutputBuffer.Delivery> deliveries = new ArrayList<>();
        if (consumers.isEmpty()) {
            deliveries.add(new OutputBuffer.Delivery(Routes.HOST, act, bytes));
        } else if (plan.routes() != null) {
            routed(plan, p.image(), leaving, indices, values, n, outBytes, deliveries);
        } else {
            for (int dst : consumers) {
                deliveries.add(new OutputBuffer.Delivery(dst, act, bytes)); // one buffer read per destination
            }
        }
        // the output buffer, a component of this tile, takes the set when the last operation ends
        ctx.send(routes.outputBuffer(tile), Math.max(end, ctx.now() + ctx.minLatencyCycles()),
                new OutputBuffer.Store(p.image(), li, plan.name(), bytes, deliveries));
    }

    // The loops below are methods of their own, not part of finish: a loop that runs long enough has
    // the JIT compile its whole method, and finish, with all it inlines, was compiled four times in a
    // VGG-16 command (about a fifth of the C2 compiler's time, docs/simulation.md, "Seventh pass").

    /** The plan's column finishers, those of columns {@code [col0, col0 + n)} made if not yet. */
    private WeightedLayer.ColumnFinish[] finishers(LayerPlan plan, int col0, int n) {
        WeightedLayer.ColumnFinish[] f = finishers[plan.plan()];
        if (f == null) {
            f = new WeightedLayer.ColumnFinish[plan.layer().matrixCols()];
            finishers[plan.plan()] = f;
        }
        if (f[col0] == null) { // a column tile's columns are made together
            for (int i = 0; i < n; i++) {
                f[col0 + i] = plan.layer().finisher(col0 + i);
            }
        }
        return f;
    }

    /** Bias, requantization and clamp of each column into {@code y}; returns the digital multiplies. */
    private static long finishColumns(WeightedLayer.ColumnFinish[] f, int col0, long[] acc, int[] y, int image) {
        long multiplies = 0;
        for (int i = 0; i < y.length; i++) {
            WeightedLayer.ColumnFinish column = f[col0 + i];
            try {
                y[i] = column.apply(acc[i]);
            } catch (org.xbarsim.model.LayerOverflowException e) {
                throw e.atImage(image);
            }
            if (!column.requant().isPowerOfTwo()) {
                multiplies++;
            }
        }
        return multiplies;
    }

    /** Hands each column's finished value to the layer probe (the bit-exactness check's first difference). */
    private void probeColumns(Partial p, LayerPlan plan, int col0, int plane, int[] y) {
        int[] output = probe.output(p.image(), plan.plan(), true);
        for (int i = 0; i < y.length; i++) {
            output[(col0 + i) * plane + p.pixel()] = y[i];
        }
    }

    /** The pooled pixels' values and their indices in the layer's final output, pixel by pixel. */
    private static void flatten(List<PoolChainModel.Pixel> leaving, int col0, int n, Shape f, int[] indices, int[] values) {
        int k = 0;
        for (PoolChainModel.Pixel px : leaving) {
            for (int i = 0; i < n; i++) {
                indices[k] = ((col0 + i) * f.height() + px.y()) * f.width() + px.x();
                values[k++] = px.values()[i];
            }
        }
    }

    /**
     * Gives each consumer tile only the pixels its copies read (the next layer has several copies of
     * its weights, each computing a band of its outputs): one buffer read per destination.
     */
    private static void routed(LayerPlan plan, int image, List<PoolChainModel.Pixel> leaving, int[] indices, int[] values, int n,
            int pixelBytes, List<OutputBuffer.Delivery> deliveries) {
        Shape f = plan.finalShape();
        for (int dst : plan.consumerTiles()) {
            int count = 0;
            for (PoolChainModel.Pixel px : leaving) {
                if (java.util.Arrays.binarySearch(plan.routes()[px.y() * f.width() + px.x()], dst) >= 0) {
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            int[] idx = new int[n * count];
            int[] val = new int[n * count];
            int k = 0;
            for (int i = 0; i < leaving.size(); i++) {
                PoolChainModel.Pixel px = leaving.get(i);
                if (java.util.Arrays.binarySearch(plan.routes()[px.y() * f.width() + px.x()], dst) >= 0) {
                    System.arraycopy(indices, i * n, idx, k, n);
                    System.arraycopy(values, i * n, val, k, n);
                    k += n;
                }
            }
            deliveries.add(new OutputBuffer.Delivery(dst, new Activations(image, plan.plan() + 1, IntVector.wrap(idx),
                    IntVector.wrap(val)), (long) pixelBytes * count));
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
