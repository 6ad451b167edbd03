package org.xbarsim.arch;

/**
 * Row drivers: one DAC per crossbar row, each applying {@code bits} bits of the input per read
 * (1-bit DACs stream inputs bit-serially, one bit-plane per crossbar read).
 */
public record DacSpec(int bits) {
    public DacSpec {
        Checks.inRange("dac bits", bits, 1, 8);
    }

    /** Crossbar reads needed to stream an {@code inputBits}-bit input: {@code ceil(inputBits / bits)}. */
    public int readsPerInput(int inputBits) {
        return (inputBits + bits - 1) / bits;
    }
}
