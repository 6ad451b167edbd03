package org.xbarsim.hw.buffer;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.hw.common.Activations;
import org.xbarsim.hw.common.LayerPlan;
import org.xbarsim.hw.common.Port;
import org.xbarsim.hw.crossbar.BitPlanes;
import org.xbarsim.hw.crossbar.Crossbar;
import org.xbarsim.hw.host.Host;
import org.xbarsim.hw.network.Routes;
import org.xbarsim.hw.tile.TileController;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ActivityCode;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * A tile's input buffer (eDRAM) as a component of its own: it stores arriving activations (at most
 * its configured bytes), and as soon as an output pixel's inputs are all there it reads, on its one
 * read port ({@code bytes / bandwidth + latency} each, reads queue), the row lists the tile
 * controller's program names for that pixel ({@link TileController}) and sends them over the tile's
 * bus to the crossbars. An input is freed when the read of the last pixel that needs it ends. A
 * write that does not fit waits for the reads already scheduled to free room: the producer's
 * transfer is held back (a {@code stall} on the input buffer); one that can never fit is refused
 * ({@link InputBufferFullException}). Tells the host when it has started every pixel of an image of
 * the first layer (so the next image may come).
 */
public final class InputBuffer implements Process<InputBuffer.Command> {
    public sealed interface Command permits Write {}

    /** Activations arriving for the buffer, from the host or an output buffer. */
    public record Write(Activations values) implements Command {}

    private final int tile;
    private final LayerInputModel[] inputs; // by plan, null when this tile holds none of its crossbars
    private final TileController controller;
    private final BufferSpec spec;
    private final Port readPort = new Port();
    private final Routes routes;
    private final InputBufferModel occupancy;

    private InputBuffer(int tile, LayerInputModel[] inputs, TileController controller, BufferSpec spec, Routes routes) {
        this.tile = tile;
        this.inputs = inputs.clone();
        this.controller = controller;
        this.spec = spec;
        this.routes = routes;
        this.occupancy = new InputBufferModel(spec.sizeBytes());
    }

    public static InputBuffer create(int tile, LayerInputModel[] inputs, TileController controller, BufferSpec spec, Routes routes) {
        return new InputBuffer(tile, inputs, controller, spec, routes);
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Write w) { // the only command (sealed)
            store(w.values(), ctx);
        }
    }

    /** Peak occupancy and waits for room. */
    public InputBufferModel use() {
        return occupancy;
    }

    /** Frees buffer room at {@code cycle}, and traces it (bytes rounded up) so a timeline can show the occupancy. */
    private void free(Context<Command> ctx, long cycle, long bits, LayerPlan plan, int image) {
        if (bits > 0) {
            occupancy.release(cycle, bits);
            ctx.record(ActivityCode.of(ComponentKind.INPUT_BUFFER, Action.FREE), cycle, 0, (bits + 7) / 8, plan.layerIndex(), image);
        }
    }

    private void store(Activations a, Context<Command> ctx) {
        LayerInputModel in = inputs[a.plan()];
        if (in == null) {
            throw new IllegalStateException("tile " + tile + " got inputs of layer plan " + a.plan() + " it does not hold");
        }
        LayerPlan plan = in.plan();
        int bits = plan.inputBits();
        long writeBits = (long) a.values().size() * bits;
        long writeBytes = (writeBits + 7) / 8;
        // a write that does not fit waits for room: the producer's transfer is held back (a stall)
        long now = occupancy.write(ctx.now(), writeBits, () -> "tile " + tile + "'s input buffer: the write of layer '" + plan.name()
                + "' inputs of image " + a.image());
        if (now > ctx.now()) {
            ctx.record(ActivityCode.stall(ComponentKind.INPUT_BUFFER), ctx.now(), now - ctx.now(), writeBytes, plan.layerIndex(),
                    a.image());
        }
        ctx.record(ActivityCode.of(ComponentKind.INPUT_BUFFER, Action.WRITE), now, 0, writeBytes, plan.layerIndex(), a.image());
        long heldBefore = in.heldElements();
        List<Integer> ready = in.accept(a.image(), a.indices().toArray(), a.values().toArray(), new ArrayList<>());
        free(ctx, now, writeBits - (in.heldElements() - heldBefore) * bits, plan, a.image()); // elements no pixel here reads
        for (int pixel : ready) {
            List<TileController.Target> targets = controller.targets(a.plan(), plan.pixelCopy()[pixel]);
            BitPlanes[] planes = new BitPlanes[targets.size()];
            long[] due = new long[targets.size()];
            long lastRead = now;
            for (TileController.Target xb : targets) {
                int i = xb.index();
                if (xb.reads()) {
                    int[] x = in.gather(a.image(), pixel, xb.rows());
                    long bytes = ((long) x.length * bits + 7) / 8;
                    long dur = spec.transferCycles(bytes);
                    long start = readPort.reserve(now, dur);
                    if (start > now) {
                        ctx.record(ActivityCode.stall(ComponentKind.INPUT_BUFFER), now, start - now, 1, plan.layerIndex(), a.image());
                    }
                    ctx.record(ActivityCode.of(ComponentKind.INPUT_BUFFER, Action.READ), start, dur, bytes, plan.layerIndex(), a.image());
                    ctx.record(ActivityCode.of(ComponentKind.BUS, Action.TRANSFER), start, dur, bytes, plan.layerIndex(), a.image());
                    planes[i] = BitPlanes.of(x, bits);
                    due[i] = Math.max(start + dur, now + ctx.minLatencyCycles());
                    lastRead = Math.max(lastRead, start + dur);
                }
                // same row list as an earlier crossbar: its one read is broadcast to both
                int g = xb.group();
                ctx.send(xb.address(), due[g], new Crossbar.Drive(a.image(), a.plan(), pixel, planes[g]));
            }
            long heldBeforeIssue = in.heldElements();
            boolean imageDone = in.issued(a.image(), pixel);
            free(ctx, lastRead, (heldBeforeIssue - in.heldElements()) * bits, plan, a.image()); // inputs no later pixel reads
            if (imageDone && a.plan() == 0) {
                ctx.send(routes.host(), Math.max(readPort.freeAt(), now + ctx.minLatencyCycles()), new Host.Credit(a.image(), tile));
            }
        }
    }
}
