package org.xbarsim.arch;

/** How the chip stores a signed weight: its bit width and the signed encoding (DESIGN.md section 2). */
public record WeightStorage(int bits, SignedEncoding encoding) {
    public WeightStorage {
        Checks.inRange("weight bits", bits, 2, 16);
        Checks.present("signed encoding", encoding);
    }
}
