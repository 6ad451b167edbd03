package org.xbarsim.trace;

import org.xbarsim.UserInputException;

/**
 * A trace file that cannot be read: wrong magic or version, truncated, or damaged (bad checksum,
 * impossible field). The message names the file and the byte offset (in the uncompressed stream
 * when the file is gzip-compressed) where the problem was found.
 */
public final class TraceFormatException extends UserInputException {
    private final String source;
    private final long offset;

    public TraceFormatException(String source, long offset, String problem) {
        super(source + ": byte " + offset + ": " + problem);
        this.source = source;
        this.offset = offset;
    }

    public TraceFormatException(String source, long offset, String problem, Throwable cause) {
        super(source + ": byte " + offset + ": " + problem, cause);
        this.source = source;
        this.offset = offset;
    }

    /** The file (or stream name) being read. */
    public String source() {
        return source;
    }

    /** Byte offset of the problem, in the uncompressed trace stream. */
    public long offset() {
        return offset;
    }
}
