package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The unchecked output paths against the checked {@link WeightedLayer.ColumnFinish}: the same value
 * for every accumulator, and the same overflow error where the checked one has one. The random
 * columns reach the edges of each path: biases over the whole int range, multipliers from 1 to
 * 2^31-1, shifts from 0 to 62, accumulators up to the int limits, narrow and 32-bit clamps.
 */
class RowFinishTest {
    @Test
    void uncheckedPathsGiveTheCheckedResults() {
        SplittableRandom r = new SplittableRandom(31);
        int[] paths = new int[3]; // int, long, checked: each must be exercised
        for (int n = 0; n < 20_000; n++) {
            WeightedLayer.ColumnFinish checked = randomColumn(r);
            RowFinish fast = new RowFinish(checked);
            int[] acc = randomAccumulators(r);
            long maxAbs = 0;
            for (int v : acc) {
                maxAbs = Math.max(maxAbs, Math.abs((long) v));
            }
            // the bound may exceed the row's real maximum, as a layer's bound does
            long bound = r.nextBoolean() ? maxAbs : maxAbs + r.nextLong(r.nextInt(4) == 0 ? 1L << 33 : 1 << 12);
            paths[fast.path(bound).ordinal()]++;
            String what = checked + ", accumulators up to " + maxAbs + ", bound " + bound;
            int[] row = acc.clone();
            String rowError = error(() -> fast.apply(row, row.length, bound));
            String firstError = null;
            for (int p = 0; p < acc.length; p++) {
                int a = acc[p];
                String e = error(() -> checked.apply(a));
                firstError = firstError == null ? e : firstError;
                if (e == null) {
                    assertEquals(checked.apply(a), fast.apply(a, bound), what);
                    if (rowError == null) {
                        assertEquals(checked.apply(a), row[p], what);
                    }
                } else {
                    assertEquals(e, error(() -> fast.apply(a, bound)), what);
                }
            }
            assertEquals(firstError, rowError, what);
        }
        for (int count : paths) {
            assertTrue(count > 300, "each path taken: " + java.util.Arrays.toString(paths));
        }
    }

    private static String error(Runnable r) {
        try {
            r.run();
            return null;
        } catch (LayerOverflowException e) {
            return e.getMessage();
        }
    }

    private static WeightedLayer.ColumnFinish randomColumn(SplittableRandom r) {
        int bias = switch (r.nextInt(3)) {
            case 0 -> r.nextInt(2001) - 1000;
            case 1 -> r.nextInt();
            default -> r.nextBoolean() ? Integer.MAX_VALUE - r.nextInt(100) : Integer.MIN_VALUE + r.nextInt(100);
        };
        long multiplier = switch (r.nextInt(5)) {
            case 0, 1, 2 -> 1;
            case 3 -> 1 + r.nextInt(1 << 16);
            default -> Requant.MAX_MULTIPLIER - r.nextInt(1000);
        };
        int shift = r.nextInt(4) == 0 ? r.nextInt(63) : r.nextInt(32);
        int bits = 1 + r.nextInt(32);
        Activation act = r.nextBoolean() ? Activation.RELU : Activation.NONE;
        Dense layer = new Dense("d", 1, 1, 8, IntVector.of(1), IntVector.of(bias),
                List.of(new Requant(multiplier, shift)), act, bits, null);
        return layer.finisher(0);
    }

    private static int[] randomAccumulators(SplittableRandom r) {
        int[] acc = new int[1 + r.nextInt(40)];
        int scale = switch (r.nextInt(3)) {
            case 0 -> 1 << 12;
            case 1 -> 1 << 24;
            default -> Integer.MAX_VALUE;
        };
        for (int i = 0; i < acc.length; i++) {
            acc[i] = scale == Integer.MAX_VALUE && r.nextInt(8) == 0 ? (r.nextBoolean() ? scale : -scale)
                    : (int) (r.nextLong(2L * scale + 1) - scale);
        }
        return acc;
    }
}
