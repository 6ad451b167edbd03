package org.xbarsim.hw.shiftadd;

import org.xbarsim.hw.TestChips;
import org.xbarsim.hw.common.ColumnSums;
import org.xbarsim.hw.crossbar.BitPlanes;
import org.xbarsim.hw.crossbar.CrossbarModel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.mapping.CrossbarPlacement;
import org.xbarsim.mapping.Mapper;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.mapping.MappingTarget;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Dense;
import org.xbarsim.model.InputSpec;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Metadata;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;

class ShiftAddModelTest {
    @Test
    void crossbarThenShiftAddGivesTheExactDotProductForBothEncodingsAndCellSizes() {
        Random rnd = new Random(5);
        long flipped = 0;
        int in = 40;
        int out = 6;
        int[] w = new int[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextInt(255) - 127;
        }
        Dense d = new Dense("d", in, out, 8, IntVector.wrap(w), IntVector.wrap(new int[out]), List.of(Requant.shiftOnly(0)),
                Activation.NONE, 16, null);
        IntModel m = new IntModel("t", new InputSpec(Shape.flat(in), 8, 0, 0), List.of(d), null, Metadata.of("t", "none", "random", 0));
        for (SignedEncoding enc : SignedEncoding.values()) {
            for (int cell = 1; cell <= 2; cell++) {
                for (int dac : new int[] {1, 2}) {
                  for (boolean flip : new boolean[] {false, true}) {
                    CrossbarGeometry g = new CrossbarGeometry(16, 32, cell, 8, enc);
                    Mapping map = Mapper.map(m, new MappingTarget(g, 4, 16, MappingTarget.TilePacking.SHARED, flip));
                    flipped += map.crossbars().stream().mapToInt(CrossbarPlacement::flippedColumns).sum();
                    int[] x = new int[in];
                    for (int i = 0; i < in; i++) {
                        x[i] = rnd.nextInt(256);
                    }
                    long[] acc = new long[out];
                    for (CrossbarPlacement p : map.crossbars()) {
                        int[] rowsIn = new int[p.usedRows()];
                        for (int a = 0; a < rowsIn.length; a++) {
                            rowsIn[a] = x[p.inputRows().get(a)];
                        }
                        CrossbarModel xb = CrossbarModel.of(p, cell, 1, dac);
                        BitPlanes bp = BitPlanes.of(rowsIn, 8);
                        long[] partial = ShiftAddModel.of(p, dac).combine(ColumnSums.of(IntVector.wrap(xb.columnSums(bp))), xb.readsFor(8),
                                bp.inputSum());
                        for (int i = 0; i < partial.length; i++) {
                            acc[p.outputColumns().get(i)] += partial[i];
                        }
                    }
                    long[] expected = new long[out];
                    for (int o = 0; o < out; o++) {
                        for (int i = 0; i < in; i++) {
                            expected[o] += (long) d.weight(i, o) * x[i];
                        }
                    }
                    assertArrayEquals(expected, acc, enc + " cell " + cell + " dac " + dac + " flip " + flip);
                  }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(flipped > 0, "some columns flipped");
    }

    @Test
    void aFlippedColumnIsCorrectedAndCountedOnlyWhereNoOffsetTermAbsorbsIt() {
        // output 0: plain positive column, flipped (level 3) negative column; output 1: plain pair
        List<org.xbarsim.mapping.ColumnRole> roles = List.of(
                new org.xbarsim.mapping.ColumnRole(0, 0, 0, 0, org.xbarsim.mapping.Polarity.POSITIVE),
                new org.xbarsim.mapping.ColumnRole(0, 0, 0, 0, org.xbarsim.mapping.Polarity.NEGATIVE, 3),
                new org.xbarsim.mapping.ColumnRole(1, 1, 0, 0, org.xbarsim.mapping.Polarity.POSITIVE),
                new org.xbarsim.mapping.ColumnRole(1, 1, 0, 0, org.xbarsim.mapping.Polarity.NEGATIVE));
        ShiftAddModel differential = new ShiftAddModel(roles, 2, 0, 1);
        // one read, 4 active inputs: the flipped column senses 5, its true sum is 3 x 4 - 5 = 7
        assertArrayEquals(new long[] {6 - 7, 2 - 1}, differential.combine(ColumnSums.of(IntVector.of(6, 5, 2, 1)), 1, 4));
        assertEquals(8 * (4 + 1), differential.operations(8)); // one correction per read for output 0
        ShiftAddModel offset = new ShiftAddModel(roles, 2, 8, 1);
        assertEquals(8 * 4, offset.operations(8)); // folded into the offset term each output already has
        assertArrayEquals(new long[] {6 - 7 - 32, 2 - 1 - 32}, offset.combine(ColumnSums.of(IntVector.of(6, 5, 2, 1)), 1, 4));
    }

    @Test
    void thePipelineEstimateCountsTheOperationsTheUnitDoes() {
        for (SignedEncoding enc : SignedEncoding.values()) {
            for (boolean flip : new boolean[] {false, true}) {
                var chip = TestChips.small(16, 16, 64, 64, 2, enc, 8, flip);
                Mapping m = Mapper.map(org.xbarsim.model.RandomModels.lenet5(3), MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
                for (var layer : m.layers()) {
                    for (CrossbarPlacement p : layer.crossbars()) {
                        ShiftAddModel unit = ShiftAddModel.of(p, 1);
                        assertEquals(unit.operations(8) + unit.outputs(), p.shiftAddOperations(8), enc + (flip ? ", flipped" : ""));
                    }
                }
            }
        }
    }

    @Test
    void combineEqualsTheColumnByColumnFormulaOnRandomColumnsIncludingWrapAround() {
        // the unit folds each column's sign, flip and shift into one factor and the flip and offset terms
        // into one per output; this is the formula written column by column (the code before that change)
        Random rnd = new Random(11);
        org.xbarsim.mapping.Polarity[] polarities = org.xbarsim.mapping.Polarity.values();
        for (int trial = 0; trial < 300; trial++) {
            int outputs = 1 + rnd.nextInt(6);
            int columns = 1 + rnd.nextInt(40);
            int dac = 1 + rnd.nextInt(3);
            int reads = 1 + rnd.nextInt(9);
            boolean huge = trial % 10 == 0; // values and offsets that overflow 64 bits: both must wrap alike
            long offset = rnd.nextInt(3) == 0 ? 0 : huge ? rnd.nextLong() : rnd.nextInt(1 << 10);
            List<org.xbarsim.mapping.ColumnRole> roles = new java.util.ArrayList<>();
            for (int j = 0; j < columns; j++) {
                int slice = rnd.nextInt(4);
                roles.add(new org.xbarsim.mapping.ColumnRole(j < outputs ? j : rnd.nextInt(outputs), 0, slice,
                        huge ? rnd.nextInt(63) : 2 * slice, polarities[rnd.nextInt(polarities.length)],
                        rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(255)));
            }
            int[] v = new int[reads * columns];
            for (int i = 0; i < v.length; i++) {
                v[i] = huge ? rnd.nextInt() : rnd.nextInt(1 << 9);
            }
            long inputSum = huge ? rnd.nextLong() : rnd.nextInt(1 << 15);
            long[] expected = new long[outputs];
            for (int j = 0; j < columns; j++) {
                long sensed = 0;
                for (int r = 0; r < reads; r++) {
                    sensed += (long) v[r * columns + j] << (r * dac);
                }
                org.xbarsim.mapping.ColumnRole role = roles.get(j);
                expected[role.outputIndex()] += role.polarity().sign() * (role.trueSum(sensed, inputSum) << role.shift());
            }
            for (int o = 0; o < outputs; o++) {
                expected[o] -= offset * inputSum;
            }
            ShiftAddModel unit = new ShiftAddModel(roles, outputs, offset, dac);
            assertArrayEquals(expected, unit.combine(ColumnSums.of(IntVector.wrap(v)), reads, inputSum), "trial " + trial);
            assertArrayEquals(expected, unit.combine(ColumnSums.of(IntVector.wrap(v)), reads, inputSum), "trial " + trial + ", again");
        }
    }
}
