package org.xbarsim.hw.common;

import java.util.HashMap;
import java.util.Map;

/**
 * Sums for one output pixel's column tile that arrive in parts (one per crossbar, or one per tile),
 * added up until the expected number of parts is in. Shared by the shift-add units and the output
 * unit, which both wait for every contributor before passing a pixel on.
 */
public final class PixelSums {
    private record Key(int image, int plan, int columnTile, int pixel) {
        // written out: the record's generated equals and hashCode go through a bootstrap method and
        // showed in the simulator's profile (every partial sum looks its pixel up)
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.pixel == pixel && k.columnTile == columnTile && k.plan == plan && k.image == image;
        }

        @Override
        public int hashCode() {
            return ((image * 31 + plan) * 31 + columnTile) * 31 + pixel;
        }
    }

    private static final class Sum {
        final long[] acc;
        int received;

        Sum(int n) {
            acc = new long[n];
        }
    }

    private final Map<Key, Sum> open = new HashMap<>(); // looked up only, never iterated: order cannot leak out

    /**
     * Adds {@code values} to the pixel's running sums; returns the totals (and forgets them) when
     * this is the {@code expected}-th part, otherwise null.
     */
    public long[] add(int image, int plan, int columnTile, int pixel, LongVector values, int expected) {
        Key key = new Key(image, plan, columnTile, pixel);
        Sum s = open.computeIfAbsent(key, k -> new Sum(values.size()));
        for (int i = 0; i < s.acc.length; i++) {
            s.acc[i] += values.get(i);
        }
        if (++s.received < expected) {
            return null;
        }
        open.remove(key);
        return s.acc;
    }
}
