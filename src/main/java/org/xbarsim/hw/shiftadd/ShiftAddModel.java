package org.xbarsim.hw.shiftadd;

import java.util.List;
import org.xbarsim.hw.common.ColumnSums;
import org.xbarsim.mapping.ColumnRole;
import org.xbarsim.mapping.ColumnRoles;
import org.xbarsim.mapping.CrossbarPlacement;

/**
 * Recombines one crossbar's converted column values into signed partial sums of its logical
 * columns: across DAC reads (shift by the input bit position), across weight slices (shift by the
 * slice's significance), across polarities (subtract the negative column of a differential pair)
 * and, with offset encoding, minus {@code offset * sum(inputs)}. A flipped column's value is first
 * turned back into its true sum, {@code flipLevel * sum(inputs) - value} (exact by linearity over
 * the reads: {@code sum(inputs)} is the sum of every read's popcount shifted by its bit position).
 */
public final class ShiftAddModel {
    private final int columns;
    private final int outputs;
    private final int[] outputOf;
    private final long[] scaleOf; // sign x (-1 if flipped) x 2^shift: what a sensed sum counts in its output
    private final long[] inputSumScale; // per output: what sum(inputs) counts (flip corrections, offset)
    private final int flipCorrections;
    private final int dacBits;
    private final long[] sensed; // scratch, one per column: the model is owned by one shift-add unit

    public ShiftAddModel(List<ColumnRole> roles, int outputs, long offset, int dacBits) {
        this.columns = roles.size();
        this.outputs = outputs;
        this.outputOf = new int[columns];
        this.scaleOf = new long[columns];
        this.inputSumScale = new long[outputs];
        this.sensed = new long[columns];
        boolean[] flippedOutput = new boolean[outputs];
        // out = sum_j sign x (trueSum(sensed, inputSum) << shift) - offset x inputSum, with trueSum =
        // flipLevel x inputSum - sensed for a flipped column: linear in sensed and inputSum, so each
        // column gets one factor for its sensed sum and each output one for inputSum (exact: 64-bit
        // integer arithmetic wraps the same whatever the order)
        // the mapper's roles are read field by field, not made into a record each (468,640 for a VGG-16)
        ColumnRoles compact = roles instanceof ColumnRoles c ? c : null;
        for (int j = 0; j < columns; j++) {
            ColumnRole r = compact == null ? roles.get(j) : null;
            long sign = compact != null ? compact.sign(j) : r.polarity().sign();
            int output = compact != null ? compact.outputIndex(j) : r.outputIndex();
            int shift = compact != null ? compact.shift(j) : r.shift();
            int flipLevel = compact != null ? compact.flipLevel(j) : r.flipLevel();
            outputOf[j] = output;
            scaleOf[j] = (flipLevel != 0 ? -sign : sign) << shift;
            if (flipLevel != 0) {
                flippedOutput[output] = true;
                inputSumScale[output] += (sign * flipLevel) << shift;
            }
        }
        for (int i = 0; i < outputs; i++) {
            inputSumScale[i] -= offset;
        }
        int n = 0;
        for (boolean f : flippedOutput) {
            n += f ? 1 : 0;
        }
        // With offset encoding the flip correction folds into the offset term each output already has.
        this.flipCorrections = offset != 0 ? 0 : n;
        this.dacBits = dacBits;
    }

    public static ShiftAddModel of(CrossbarPlacement p, int dacBits) {
        return new ShiftAddModel(p.columns(), p.outputColumns().size(), p.offset(), dacBits);
    }

    public int outputs() {
        return outputs;
    }

    /**
     * Shift-add operations for one MVM: one per converted value, plus (differential encoding) one
     * per read for each output with a flipped column, its correction term.
     */
    public long operations(int reads) {
        return (long) reads * (columns + flipCorrections);
    }

    /**
     * The partial sums of the logical columns. Values an ideal ADC bank passed on unmade are made here,
     * already recombined across the reads ({@link ColumnSums#addReads}).
     *
     * @param values   converted values, {@code values[r * columns + j]} for read {@code r}
     * @param reads    number of DAC reads
     * @param inputSum sum of the inputs on the crossbar's rows
     */
    public long[] combine(ColumnSums values, int reads, long inputSum) {
        long[] sum = sensed;
        values.addReads(sum, reads, dacBits);
        long[] out = new long[outputs];
        for (int i = 0; i < outputs; i++) {
            out[i] = inputSumScale[i] * inputSum;
        }
        for (int j = 0; j < columns; j++) {
            out[outputOf[j]] += scaleOf[j] * sum[j];
        }
        return out;
    }
}
