package org.xbarsim.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
                    CrossbarGeometry g = new CrossbarGeometry(16, 32, cell, 8, enc);
                    Mapping map = Mapper.map(m, new MappingTarget(g, 4, 16));
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
                        long[] partial = ShiftAddModel.of(p, dac).combine(IntVector.wrap(xb.columnSums(bp)), xb.readsFor(8),
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
                    assertArrayEquals(expected, acc, enc + " cell " + cell + " dac " + dac);
                }
            }
        }
    }
}
