package org.xbarsim.arch;

/** How a signed weight is stored in cells that can only hold non-negative conductance levels. */
public enum SignedEncoding {
    /**
     * Differential pair: each logical column uses a positive and a negative physical column per
     * slice; the column currents are subtracted. Magnitude needs {@code bw-1} bits.
     */
    DIFFERENTIAL,
    /**
     * Offset (biased) encoding, as in ISAAC: the cell stores {@code w + 2^(bw-1)} (unsigned,
     * {@code bw} bits); the periphery subtracts {@code 2^(bw-1) * sum(x)} digitally.
     */
    OFFSET;

    /** Lower-case name as written in config and model files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SignedEncoding fromKey(String key) {
        for (SignedEncoding e : values()) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown signed encoding '" + key + "' (known: differential, offset)");
    }
}
