package org.xbarsim.hw.tile;

import org.xbarsim.hw.buffer.InputBufferModel;
import org.xbarsim.hw.buffer.LayerInputModel;
import org.xbarsim.hw.common.Activations;
import org.xbarsim.hw.common.LayerPlan;
import org.xbarsim.hw.common.Port;
import org.xbarsim.hw.crossbar.BitPlanes;
import org.xbarsim.hw.crossbar.Crossbar;
import org.xbarsim.hw.host.Host;
import org.xbarsim.hw.network.Routes;

import org.xbarsim.vocabulary.ActivityCode;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.sim.Address;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;

/**
 * A tile's input buffer and controller: stores arriving activations, and as soon as an output
 * pixel's inputs are all there, reads each local crossbar's static row list from the buffer (one
 * read port: reads queue behind each other) and drives it onto the crossbar, if the crossbar
 * belongs to the copy of the layer's weights that computes that pixel ({@link LayerPlan#pixelCopy}). Crossbars with the
 * same row list (the column tiles of one row tile) get one read, broadcast to all of them. Tells
 * the host when it has started every pixel of an image of the first layer (so the next image may
 * come).
 */
public final class TileController implements Process<TileController.Command> {
    public sealed interface Command permits Inputs {}

    /** Activations arriving for the tile's input buffer. */
    public record Inputs(Activations values) implements Command {}

    /** One local crossbar: its id, input row list, actor and the copy of its layer's weights it holds. */
    public record LocalCrossbar(int id, int[] inputRows, Address<Crossbar.Command> address, int copy) {
        public LocalCrossbar(int id, int[] inputRows, Address<Crossbar.Command> address) {
            this(id, inputRows, address, 0);
        }
    }

    private final int tile;
    private final LayerInputModel[] inputs; // by plan, null when this tile holds none of its crossbars
    private final List<List<LocalCrossbar>> crossbars; // by plan
    private final int[][] rowGroup; // [plan][local index] -> index of the first local crossbar with the same row list
    private final BufferSpec buffer;
    private final Port readPort = new Port();
    private final Routes routes;
    private final InputBufferModel occupancy;

    private TileController(int tile, LayerInputModel[] inputs, List<List<LocalCrossbar>> crossbars, BufferSpec buffer, Routes routes) {
        this.tile = tile;
        this.inputs = inputs.clone();
        this.crossbars = crossbars;
        this.rowGroup = new int[crossbars.size()][];
        for (int p = 0; p < crossbars.size(); p++) {
            List<LocalCrossbar> l = crossbars.get(p);
            rowGroup[p] = new int[l.size()];
            for (int i = 0; i < l.size(); i++) {
                rowGroup[p][i] = i;
                for (int j = 0; j < i; j++) {
                    if (l.get(j).copy() == l.get(i).copy() && java.util.Arrays.equals(l.get(j).inputRows(), l.get(i).inputRows())) {
                        rowGroup[p][i] = rowGroup[p][j];
                        break;
                    }
                }
            }
        }
        this.buffer = buffer;
        this.routes = routes;
        this.occupancy = new InputBufferModel(buffer.sizeBytes());
    }

    public static TileController create(int tile, LayerInputModel[] inputs, List<List<LocalCrossbar>> crossbars, BufferSpec buffer,
            Routes routes) {
        return new TileController(tile, inputs, crossbars, buffer, routes);
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Inputs in) { // the only command (sealed)
            store(in.values(), ctx);
        }
    }

    /** The input buffer's peak occupancy and waits for room. */
    public InputBufferModel buffer() {
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
        List<LocalCrossbar> local = crossbars.get(a.plan());
        BitPlanes[] planes = new BitPlanes[local.size()];
        long[] due = new long[local.size()];
        for (int pixel : ready) {
            int copy = plan.pixelCopy()[pixel];
            long lastRead = now;
            for (int i = 0; i < local.size(); i++) {
                LocalCrossbar xb = local.get(i);
                if (xb.copy() != copy) {
                    continue; // another copy of the weights computes this pixel
                }
                int g = rowGroup[a.plan()][i];
                if (g == i) {
                    int[] x = in.gather(a.image(), pixel, xb.inputRows());
                    long bytes = ((long) x.length * bits + 7) / 8;
                    long dur = buffer.transferCycles(bytes);
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
                // same row list as crossbar g: the one read is broadcast to both
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
