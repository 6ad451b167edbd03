package org.xbarsim.hw.shiftadd;

import java.util.List;
import org.xbarsim.mapping.ColumnRole;
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
    private final int[] shiftOf;
    private final int[] signOf;
    private final ColumnRole[] roleOf;
    private final int flipCorrections;
    private final long offset;
    private final int dacBits;

    public ShiftAddModel(List<ColumnRole> roles, int outputs, long offset, int dacBits) {
        this.columns = roles.size();
        this.outputs = outputs;
        this.outputOf = new int[columns];
        this.shiftOf = new int[columns];
        this.signOf = new int[columns];
        this.roleOf = roles.toArray(new ColumnRole[0]);
        boolean[] flippedOutput = new boolean[outputs];
        for (int j = 0; j < columns; j++) {
            ColumnRole r = roles.get(j);
            outputOf[j] = r.outputIndex();
            shiftOf[j] = r.shift();
            signOf[j] = r.polarity().sign();
            if (r.flipped()) {
                flippedOutput[r.outputIndex()] = true;
            }
        }
        int n = 0;
        for (boolean f : flippedOutput) {
            n += f ? 1 : 0;
        }
        // With offset encoding the flip correction folds into the offset term each output already has.
        this.flipCorrections = offset != 0 ? 0 : n;
        this.offset = offset;
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
     * @param values   converted values, {@code values[r * columns + j]} for read {@code r}
     * @param reads    number of DAC reads
     * @param inputSum sum of the inputs on the crossbar's rows
     */
    public long[] combine(org.xbarsim.model.IntVector values, int reads, long inputSum) {
        long[] sensed = new long[columns];
        for (int r = 0; r < reads; r++) { // read by read, so the values are visited in their stored order
            int base = r * columns;
            int shift = r * dacBits;
            for (int j = 0; j < columns; j++) {
                sensed[j] += (long) values.get(base + j) << shift;
            }
        }
        long[] out = new long[outputs];
        for (int j = 0; j < columns; j++) {
            out[outputOf[j]] += signOf[j] * (roleOf[j].trueSum(sensed[j], inputSum) << shiftOf[j]);
        }
        if (offset != 0) {
            for (int i = 0; i < outputs; i++) {
                out[i] -= offset * inputSum;
            }
        }
        return out;
    }
}
