package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;

import java.util.EnumMap;
import java.util.Map;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.TileSpec;

/**
 * How many instances of each component a mapped model occupies (and so pays area and leakage for),
 * plus the tiles and crossbars it spans. Instances are counted as {@link ComponentKind} describes:
 * crossbar arrays, DACs, ADCs, sample-and-holds, shift-add units, multipliers, input and output
 * buffers and buses (one each per tile), activation and pooling units, routers, register files
 * (one per crossbar), index units (one per crossbar), off-chip links (whole chip only).
 */
public final class Allocation {
    private final long tiles;
    private final long[] counts;
    private final double[] shares;

    private Allocation(long tiles, long[] counts, double[] shares) {
        this.tiles = tiles;
        this.counts = counts;
        this.shares = shares;
    }

    /**
     * The default allocation policy: a model spanning {@code tiles} tiles and using {@code crossbars}
     * arrays occupies, per crossbar, its DACs (one per row), ADCs ({@code columns / columnsPerAdc}),
     * sample-and-holds (one per column), register file and (only when the model relies on
     * unstructured sparsity) one index unit; per tile, the tile's shift-add, activation and pooling
     * units, its input and output buffer, its buffer-to-crossbar bus and (only when the model's
     * scales are not powers of two) its multipliers; {@code ceil(tiles / tilesPerRouter)} routers and
     * the chip's off-chip links. Parts shared by several tiles are charged in proportion to the tiles
     * used: the routers' share is {@code tiles / (routers x tilesPerRouter)}, the links' share
     * {@code tiles / chip tiles} (docs/cost-model.md, "Shared parts").
     */
    public static Allocation of(Chip chip, long tiles, long crossbars, boolean needsMultipliers,
                                boolean needsIndexHardware) {
        if (tiles < 0 || crossbars < 0) {
            throw new IllegalArgumentException("tiles and crossbars must be >= 0, got " + tiles + ", " + crossbars);
        }
        TileSpec t = chip.tile();
        return builder(tiles)
                .set(ComponentKind.CROSSBAR, crossbars)
                .set(ComponentKind.DAC, crossbars * t.dacsPerCrossbar())
                .set(ComponentKind.ADC, crossbars * t.adcsPerCrossbar())
                .set(ComponentKind.SAMPLE_HOLD, crossbars * t.sampleHoldsPerCrossbar())
                .set(ComponentKind.SHIFT_ADD, tiles * t.shiftAdd().count())
                .set(ComponentKind.MULTIPLIER, needsMultipliers ? tiles * t.multiplier().count() : 0)
                .set(ComponentKind.INPUT_BUFFER, tiles)
                .set(ComponentKind.OUTPUT_BUFFER, tiles)
                .set(ComponentKind.ACTIVATION, tiles * t.activation().count())
                .set(ComponentKind.POOLING, tiles * t.pooling().count())
                .set(ComponentKind.NETWORK, chip.network().routersFor(tiles))
                .set(ComponentKind.REGISTER, t.registerBytesPerCrossbar() > 0 ? crossbars : 0)
                .set(ComponentKind.INDEX, needsIndexHardware ? crossbars : 0)
                .set(ComponentKind.BUS, tiles)
                .set(ComponentKind.IO_LINK, tiles > 0 ? chip.network().offChipLinks() : 0)
                .share(ComponentKind.NETWORK, tiles == 0 ? 1 : tiles / (double) (chip.network().routersFor(tiles)
                        * chip.network().tilesPerRouter()))
                .share(ComponentKind.IO_LINK, Math.min(1, tiles / (double) chip.tiles()))
                .build();
    }

    /** Everything on the chip, off-chip links included, without multipliers or index hardware. */
    public static Allocation wholeChip(Chip chip) {
        return of(chip, chip.tiles(), chip.crossbars(), false, false);
    }

    public static Builder builder(long tiles) {
        return new Builder(tiles);
    }

    public long tiles() {
        return tiles;
    }

    public long crossbars() {
        return count(ComponentKind.CROSSBAR);
    }

    public long count(ComponentKind kind) {
        return counts[kind.ordinal()];
    }

    /** The fraction of the {@link #count} instances' area and leakage charged here (1 unless shared with unused tiles). */
    public double share(ComponentKind kind) {
        return shares[kind.ordinal()];
    }

    /** Counts by component kind, in enum order. */
    public Map<ComponentKind, Long> counts() {
        Map<ComponentKind, Long> m = new EnumMap<>(ComponentKind.class);
        for (ComponentKind k : ComponentKind.values()) {
            m.put(k, counts[k.ordinal()]);
        }
        return m;
    }

    /** A copy with one count changed. */
    public Allocation with(ComponentKind kind, long count) {
        Builder b = new Builder(tiles);
        System.arraycopy(counts, 0, b.counts, 0, counts.length);
        System.arraycopy(shares, 0, b.shares, 0, shares.length);
        return b.set(kind, count).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Allocation a && a.tiles == tiles && java.util.Arrays.equals(a.counts, counts)
                && java.util.Arrays.equals(a.shares, shares);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(tiles) * 31 + java.util.Arrays.hashCode(counts)) * 31 + java.util.Arrays.hashCode(shares);
    }

    @Override
    public String toString() {
        return "Allocation[tiles=" + tiles + ", " + counts() + "]";
    }

    /** Builds an allocation count by count (for mappers with their own policy). */
    public static final class Builder {
        private final long tiles;
        private final long[] counts = new long[ComponentKind.values().length];
        private final double[] shares = filled(ComponentKind.values().length, 1);

        private Builder(long tiles) {
            if (tiles < 0) {
                throw new IllegalArgumentException("tiles must be >= 0, got " + tiles);
            }
            this.tiles = tiles;
        }

        public Builder set(ComponentKind kind, long count) {
            if (count < 0) {
                throw new IllegalArgumentException(kind.key() + " count must be >= 0, got " + count);
            }
            counts[kind.ordinal()] = count;
            return this;
        }

        /** Charges only {@code share} (in [0, 1]) of the {@code kind} instances' area and leakage. */
        public Builder share(ComponentKind kind, double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(kind.key() + " share must be in [0, 1], got " + share);
            }
            shares[kind.ordinal()] = share;
            return this;
        }

        public Allocation build() {
            return new Allocation(tiles, counts.clone(), shares.clone());
        }

        private static double[] filled(int n, double v) {
            double[] a = new double[n];
            java.util.Arrays.fill(a, v);
            return a;
        }
    }
}
