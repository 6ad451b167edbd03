package org.xbarsim.trace;

/** LEB128 varints and zigzag mapping, as used in record payloads. */
final class Varints {
    private Varints() {
    }

    /** Writes {@code v} as an unsigned LEB128 varint (1 to 10 bytes) at {@code pos}; returns the new position. */
    static int put(byte[] buf, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return pos;
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
