package org.xbarsim.hw.network;

import org.xbarsim.hw.buffer.InputBuffer;
import org.xbarsim.hw.buffer.OutputBuffer;
import org.xbarsim.hw.host.Host;
import org.xbarsim.hw.output.OutputUnit;

import java.util.List;
import org.xbarsim.sim.Address;
import org.xbarsim.sim.Context;

/**
 * Where things are: the per-tile components and the network, and the rule that a message to
 * another tile goes through the {@link Network} while one inside a tile goes directly. Tile
 * {@link #HOST} is the host's I/O port.
 */
public final class Routes {
    public static final int HOST = -1;

    private final Address<Network.Command> network;
    private final Address<Host.Command> host;
    private final List<Address<InputBuffer.Command>> inputBuffers;
    private final List<Address<OutputUnit.Command>> outputUnits;
    private final List<Address<OutputBuffer.Command>> outputBuffers;

    public Routes(Address<Network.Command> network, Address<Host.Command> host, List<Address<InputBuffer.Command>> inputBuffers,
            List<Address<OutputUnit.Command>> outputUnits, List<Address<OutputBuffer.Command>> outputBuffers) {
        this.network = network;
        this.host = host;
        this.inputBuffers = new java.util.ArrayList<>(inputBuffers); // null for tiles without crossbars
        this.outputUnits = new java.util.ArrayList<>(outputUnits);
        this.outputBuffers = new java.util.ArrayList<>(outputBuffers);
    }

    public Address<OutputBuffer.Command> outputBuffer(int tile) {
        return outputBuffers.get(tile);
    }

    public Address<InputBuffer.Command> inputBuffer(int tile) {
        return inputBuffers.get(tile);
    }

    public Address<OutputUnit.Command> outputUnit(int tile) {
        return outputUnits.get(tile);
    }

    public Address<Host.Command> host() {
        return host;
    }

    /** Sends {@code payload} of {@code bytes} from tile {@code from} to component {@code to} on tile {@code toTile}. */
    public <T> void send(Context<?> ctx, int from, int toTile, long readyCycle, Address<T> to, T payload, long bytes) {
        long due = Math.max(readyCycle, ctx.now() + ctx.minLatencyCycles());
        if (from == toTile) {
            ctx.send(to, due, payload);
        } else {
            ctx.send(network, due, new Network.Transfer<>(from, toTile, bytes, to, payload));
        }
    }
}
