package org.xbarsim.hw.buffer;

import org.xbarsim.hw.host.Host;
import org.xbarsim.hw.common.Activations;
import org.xbarsim.hw.common.Port;
import org.xbarsim.hw.network.Routes;

import java.util.List;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ActivityCode;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * A tile's output buffer (eDRAM) as a component of its own: the output unit stores each set of
 * finished pixels in it; the buffer holds at most its configured bytes, writes and reads take turns
 * on its one port ({@code bytes / bandwidth + latency} each), and each set is read once per
 * destination and sent on (to a tile of the next layer or the host). A set takes its bytes from the
 * cycle its write lands until its last read ends. A write that does not fit waits for the reads
 * already scheduled to free room (a {@code stall} on the output buffer; the output unit that
 * produced it is not held up). Every read is scheduled when its set is stored, so only a set larger
 * than the whole buffer can never be written ({@link InputBufferFullException}).
 */
public final class OutputBuffer implements Process<OutputBuffer.Command> {
    public sealed interface Command permits Store {}

    /** One read of a stored set: the values it carries to tile {@code tile} ({@link Routes#HOST}: the host) and their bytes. */
    public record Delivery(int tile, Activations values, long bytes) {}

    /** Finished pixels of layer {@code layerIndex}, image {@code image}: {@code bytes} written once, then read once per delivery. */
    public record Store(int image, int layerIndex, String layerName, long bytes, List<Delivery> deliveries) implements Command {}

    private final int tile;
    private final BufferSpec spec;
    private final Port port = new Port();
    private final Routes routes;
    private final InputBufferModel occupancy;

    public OutputBuffer(int tile, BufferSpec spec, Routes routes) {
        this.tile = tile;
        this.spec = spec;
        this.routes = routes;
        this.occupancy = new InputBufferModel(spec.sizeBytes(), "chip.tile.output-buffer.size-bytes");
    }

    /** Peak occupancy and waits for room. */
    public InputBufferModel use() {
        return occupancy;
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Store s) { // the only command (sealed)
            store(s, ctx);
        }
    }

    private void store(Store s, Context<Command> ctx) {
        long bits = s.bytes() * 8;
        long at = occupancy.write(ctx.now(), bits, () -> "tile " + tile + "'s output buffer: the outputs of layer '" + s.layerName()
                + "' of image " + s.image());
        if (at > ctx.now()) {
            ctx.record(ActivityCode.stall(ComponentKind.OUTPUT_BUFFER), ctx.now(), at - ctx.now(), s.bytes(), s.layerIndex(), s.image());
        }
        long write = spec.transferCycles(s.bytes());
        long start = port.reserve(at, write);
        ctx.record(ActivityCode.of(ComponentKind.OUTPUT_BUFFER, Action.WRITE), start, write, s.bytes(), s.layerIndex(), s.image());
        long end = start + write;
        long lastRead = end;
        for (Delivery d : s.deliveries()) {
            long read = spec.transferCycles(d.bytes());
            long readStart = port.reserve(end, read);
            ctx.record(ActivityCode.of(ComponentKind.OUTPUT_BUFFER, Action.READ), readStart, read, d.bytes(), s.layerIndex(), s.image());
            if (d.tile() == Routes.HOST) {
                routes.send(ctx, tile, Routes.HOST, readStart + read, routes.host(), new Host.Outputs(d.values()), d.bytes());
            } else {
                routes.send(ctx, tile, d.tile(), readStart + read, routes.inputBuffer(d.tile()), new InputBuffer.Write(d.values()), d.bytes());
            }
            lastRead = Math.max(lastRead, readStart + read);
        }
        occupancy.release(lastRead, bits);
        ctx.record(ActivityCode.of(ComponentKind.OUTPUT_BUFFER, Action.FREE), lastRead, 0, s.bytes(), s.layerIndex(), s.image());
    }
}
