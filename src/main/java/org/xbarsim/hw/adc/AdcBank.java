package org.xbarsim.hw.adc;

import org.xbarsim.hw.common.ColumnSums;

import org.xbarsim.hw.shiftadd.ShiftAdd;

import org.xbarsim.vocabulary.ActivityCode;

import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.sim.Address;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;

/** The ADCs of one crossbar: convert each read's held column sums, then pass the codes to the shift-add unit. */
public final class AdcBank implements Process<AdcBank.Command> {
    public sealed interface Command permits Convert {}

    /**
     * Column sums of {@code reads} reads, {@code sums[r * columns + j]}, sampled from
     * {@code firstSampleCycle} every {@code intervalCycles}; made when converted.
     */
    public record Convert(int image, int plan, int pixel, int reads, long firstSampleCycle, long intervalCycles, ColumnSums sums,
            long inputSum) implements Command {}

    private final AdcModel model;
    private final int crossbarId;
    private final int columns;
    private final Address<ShiftAdd.Command> shiftAdd;
    private final int layerIndex;

    private AdcBank(AdcModel model, int crossbarId, int columns, Address<ShiftAdd.Command> shiftAdd, int layerIndex) {
        this.model = model;
        this.crossbarId = crossbarId;
        this.columns = columns;
        this.shiftAdd = shiftAdd;
        this.layerIndex = layerIndex;
    }

    public static Process<Command> create(AdcModel model, int crossbarId, int columns, Address<ShiftAdd.Command> shiftAdd,
            int layerIndex) {
        return new AdcBank(model, crossbarId, columns, shiftAdd, layerIndex);
    }

    /** Converting a read takes the busiest converter's share of the columns, at the least. */
    @Override
    public long lookaheadCycles() {
        return model.cyclesPerRead(columns);
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Convert c) { // the only command (sealed)
            convert(c, ctx);
        }
    }

    private void convert(Convert c, Context<Command> ctx) {
        long first = Math.max(c.firstSampleCycle(), ctx.now());
        long end = model.schedule(first, c.intervalCycles(), c.reads(), columns);
        ColumnSums values = model.converted(c.sums());
        ctx.send(shiftAdd, Math.max(end, ctx.now() + ctx.minLatencyCycles()),
                new ShiftAdd.Accumulate(c.image(), c.plan(), c.pixel(), crossbarId, c.reads(), values, c.inputSum()));
        ctx.record(ActivityCode.of(ComponentKind.ADC, Action.CONVERT), first, end - first, (long) c.reads() * columns, layerIndex,
                c.image());
    }
}
