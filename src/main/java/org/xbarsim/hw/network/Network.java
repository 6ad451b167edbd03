package org.xbarsim.hw.network;

import org.xbarsim.hw.host.Host;
import org.xbarsim.hw.buffer.InputBuffer;
import org.xbarsim.hw.output.OutputUnit;

import org.xbarsim.vocabulary.ActivityCode;

import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.sim.Address;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;

/** The on-chip network: carries any message between tiles with the delay {@link NetworkModel} gives it. */
public final class Network implements Process<Network.Command> {
    public sealed interface Command permits Transfer {}

    /** {@code payload} ({@code bytes} long) from tile {@code fromTile} to {@code to} on tile {@code toTile}. */
    public record Transfer<T>(int fromTile, int toTile, long bytes, Address<T> to, T payload) implements Command {}

    private final NetworkModel model;

    private Network(NetworkModel model) {
        this.model = model;
    }

    public static Process<Command> create(NetworkModel model) {
        return new Network(model);
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        deliver((Transfer<?>) message, ctx);
    }

    private <T> void deliver(Transfer<T> t, Context<Command> ctx) {
        NetworkModel.Timing timing = model.schedule(ctx.now(), t.fromTile(), t.toTile(), t.bytes());
        // the wait on busy ports and links is traced first, then the transfer as it would go on an idle network
        long moving = ctx.now() + timing.waitCycles();
        if (timing.waitCycles() > 0) {
            ctx.record(ActivityCode.stall(ComponentKind.NETWORK), ctx.now(), timing.waitCycles(), 1, -1, imageOf(t.payload()));
        }
        ctx.send(t.to(), Math.max(timing.arrivalCycle(), ctx.now() + ctx.minLatencyCycles()), t.payload());
        ctx.record(ActivityCode.of(ComponentKind.NETWORK, Action.TRANSFER), moving, timing.arrivalCycle() - moving,
                t.bytes() * Math.max(1, timing.hops()), -1, imageOf(t.payload()));
    }

    private static int imageOf(Object payload) {
        if (payload instanceof InputBuffer.Write in) {
            return in.values().image();
        }
        if (payload instanceof Host.Outputs out) {
            return out.values().image();
        }
        if (payload instanceof OutputUnit.Partial p) {
            return p.image();
        }
        return -1;
    }
}
