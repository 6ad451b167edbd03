package org.xbarsim.mapping;

/** The sign with which a physical column's sum enters its logical column's result. */
public enum Polarity {
    /** Differential pair, positive column: stores slices of {@code max(w, 0)}; adds. */
    POSITIVE(1),
    /** Differential pair, negative column: stores slices of {@code max(-w, 0)}; subtracts. */
    NEGATIVE(-1),
    /**
     * Offset encoding: stores slices of {@code w + offset}; adds, and the crossbar's
     * {@link CrossbarPlacement#offset()} times the sum of its inputs is subtracted once per logical column.
     */
    BIASED(1);

    private final int sign;

    Polarity(int sign) {
        this.sign = sign;
    }

    /** +1 or -1. */
    public int sign() {
        return sign;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
