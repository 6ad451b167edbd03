package org.xbarsim.train;

import java.util.Locale;

/** How a crossbar budget is shared out among layers (docs/training.md, "How groups are chosen"). */
public enum BudgetAllocation {
    /** {@code B_l = max(least_l, ceil(c * sqrt(D_l)))}: big layers give up proportionally more. */
    SQRT,
    /** {@code B_l = max(least_l, ceil(c * D_l))}: every layer is cut by about the same factor. */
    UNIFORM,
    /** Greedy: each next crossbar goes to the layer whose kept fraction of its weight energy grows most. */
    ENERGY,
    /**
     * Greedy: each next crossbar goes to the layer whose pruning, alone, raises the training loss on
     * a fixed probe batch the most (measured with the network, not guessed from the weights).
     */
    LOSS;

    /** The option value ({@code sqrt}, {@code uniform}, {@code energy}, {@code loss}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The exponent {@code e} of the rule {@code B_l = max(least_l, ceil(c * D_l^e))}, for the two closed-form rules. */
    double exponent() {
        return switch (this) {
            case SQRT -> 0.5;
            case UNIFORM -> 1.0;
            default -> throw new IllegalStateException(key() + " is a greedy rule");
        };
    }

    public static BudgetAllocation fromKey(String key) {
        for (BudgetAllocation a : values()) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown allocation '" + key + "' (sqrt, uniform, energy or loss)");
    }
}
