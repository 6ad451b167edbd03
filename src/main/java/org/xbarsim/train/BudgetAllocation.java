package org.xbarsim.train;

import java.util.Locale;

/** How a crossbar budget is shared out among layers (docs/training.md, "How groups are chosen"). */
public enum BudgetAllocation {
    /** {@code B_l = max(least_l, ceil(c * sqrt(D_l)))}: big layers give up proportionally more. */
    SQRT,
    /** Greedy: each next crossbar goes to the layer whose kept fraction of its weight energy grows most. */
    ENERGY,
    /**
     * Greedy: each next crossbar goes to the layer whose pruning, alone, raises the training loss on
     * a fixed probe batch the most (measured with the network, not guessed from the weights).
     */
    LOSS;

    /** The option value ({@code sqrt}, {@code energy}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BudgetAllocation fromKey(String key) {
        for (BudgetAllocation a : values()) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown allocation '" + key + "' (sqrt, energy or loss)");
    }
}
