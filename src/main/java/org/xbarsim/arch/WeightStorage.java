package org.xbarsim.arch;

/**
 * How the chip stores a signed weight: its bit width, the signed encoding (docs/design.md section 2)
 * and whether columns may be stored complemented ("flipped", as in ISAAC, Shafiee et al., ISCA
 * 2016): a column whose stored levels sum to more than half their maximum over the used rows
 * stores {@code 2^c - 1 - level} instead, and the periphery recovers the true sum as
 * {@code (2^c - 1) * sum(inputs) - flippedSum}. That halves the largest sum an ADC must convert.
 */
public record WeightStorage(int bits, SignedEncoding encoding, boolean flipColumns) {
    public WeightStorage {
        Checks.inRange("weight bits", bits, 2, 16);
        Checks.present("signed encoding", encoding);
    }

    /** Storage without flipped columns. */
    public WeightStorage(int bits, SignedEncoding encoding) {
        this(bits, encoding, false);
    }
}
