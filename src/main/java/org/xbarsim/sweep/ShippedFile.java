package org.xbarsim.sweep;

import java.util.Arrays;
import org.xbarsim.report.FileDigests;

/**
 * A file's name (a path relative to its folder, with '/') and bytes, as they travel between
 * cluster nodes, with the SHA-256 the sender computed.
 */
public record ShippedFile(String name, byte[] bytes, String sha256) {
    public ShippedFile {
        if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
            throw new IllegalArgumentException("shipped file name '" + name + "' must be a relative path without '..'");
        }
        bytes = bytes.clone();
    }

    public static ShippedFile of(String name, byte[] bytes) {
        return new ShippedFile(name, bytes, FileDigests.sha256(bytes));
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes after checking them against {@link #sha256()}. */
    public byte[] verifiedBytes() {
        String actual = FileDigests.sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException(name + ": SHA-256 " + actual + " differs from the sender's " + sha256
                    + " (damaged in transit)");
        }
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShippedFile f && f.name.equals(name) && f.sha256.equals(sha256) && Arrays.equals(f.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + sha256.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + bytes.length + " bytes, sha256 " + sha256 + ")";
    }
}
