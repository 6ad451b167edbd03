package org.xbarsim.model;

import java.util.Locale;

/**
 * What a weighted layer does after requantization. It decides the clamping range:
 * {@link #RELU} clamps to {@code [0, 2^bits - 1]} (unsigned activations), {@link #NONE} clamps to
 * the signed range {@code [-2^(bits-1), 2^(bits-1) - 1]} (used for the logits layer).
 */
public enum Activation {
    RELU,
    NONE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public long min(int bits) {
        return this == RELU ? 0 : -(1L << (bits - 1));
    }

    public long max(int bits) {
        return this == RELU ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
    }

    public static Activation fromKey(String key) {
        for (Activation a : values()) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + key + "' (known: relu, none)");
    }
}
