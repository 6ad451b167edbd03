package org.xbarsim.hw.crossbar;

import org.xbarsim.hw.adc.AdcBank;

import org.xbarsim.vocabulary.ActivityCode;

import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.sim.Address;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;

/**
 * A crossbar array with its row DACs and column sample-and-holds: drives the input bit-planes onto
 * its rows, read after read, and hands the sampled column sums to its ADCs.
 */
public final class Crossbar implements Process<Crossbar.Command> {
    public sealed interface Command permits Drive {}

    /** Inputs for output pixel {@code pixel} of layer {@code plan}, already split into bit-planes. */
    public record Drive(int image, int plan, int pixel, BitPlanes planes) implements Command {}

    private final CrossbarModel model;
    private final Address<AdcBank.Command> adc;
    private final int layerIndex;

    private Crossbar(CrossbarModel model, Address<AdcBank.Command> adc, int layerIndex) {
        this.model = model;
        this.adc = adc;
        this.layerIndex = layerIndex;
    }

    public static Process<Command> create(CrossbarModel model, Address<AdcBank.Command> adc, int layerIndex) {
        return new Crossbar(model, adc, layerIndex);
    }

    /** A read's first sample comes one read latency after the MVM starts, at the earliest. */
    @Override
    public long lookaheadCycles() {
        return model.readLatencyCycles();
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Drive d) { // the only command (sealed)
            drive(d, ctx);
        }
    }

    private void drive(Drive d, Context<Command> ctx) {
        CrossbarModel.ReadTiming t = model.schedule(ctx.now(), d.planes().bits());
        if (t.startCycle() > ctx.now()) {
            ctx.record(ActivityCode.stall(ComponentKind.CROSSBAR), ctx.now(), t.startCycle() - ctx.now(), 1, layerIndex, d.image());
        }
        long first = t.sampleCycle(0);
        ctx.send(adc, Math.max(first, ctx.now() + ctx.minLatencyCycles()), new AdcBank.Convert(d.image(), d.plan(), d.pixel(),
                t.reads(), first, t.intervalCycles(), model.lazySums(d.planes()), d.planes().inputSum()));
        // the inputs wait in the array's input register (filled over the tile's bus), read by the DACs read after read
        long inBytes = ((long) model.rows() * d.planes().bits() + 7) / 8;
        ctx.record(ActivityCode.of(ComponentKind.REGISTER, Action.READ), t.startCycle(), t.busyCycles(), inBytes, layerIndex, d.image());
        ctx.record(ActivityCode.of(ComponentKind.CROSSBAR, Action.READ), t.startCycle(), t.busyCycles(), t.reads(), layerIndex, d.image());
        ctx.record(ActivityCode.of(ComponentKind.DAC, Action.CONVERT), t.startCycle(), t.busyCycles(),
                (long) t.reads() * model.rows(), layerIndex, d.image());
        ctx.record(ActivityCode.of(ComponentKind.SAMPLE_HOLD, Action.SAMPLE), t.startCycle(), t.busyCycles(),
                (long) t.reads() * model.columns(), layerIndex, d.image());
    }
}
