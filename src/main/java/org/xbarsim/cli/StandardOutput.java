package org.xbarsim.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard output that remembers why a write failed. A {@link PrintStream} keeps write errors to
 * itself (only {@link PrintStream#checkError} tells that one happened), so without this a command
 * whose results went to a full disk would end with status 0 and an empty file; and a closed pipe
 * ({@code | head}), which is no error of the command's, could not be told from it.
 */
final class StandardOutput extends FilterOutputStream {
    private volatile IOException failure;

    private StandardOutput(OutputStream out) {
        super(out);
    }

    /** Replaces {@code System.out} with a stream over this one; the returned object tells what failed. */
    static StandardOutput install() {
        StandardOutput watched = new StandardOutput(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192));
        String encoding = System.getProperty("sun.stdout.encoding");
        Charset cs = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : Charset.defaultCharset();
        System.setOut(new PrintStream(watched, true, cs));
        return watched;
    }

    /** The first write error, or null. */
    IOException failure() {
        return failure;
    }

    /**
     * True when the first write error was the reader closing the pipe (EPIPE): standard output is a
     * pipe (Linux names it {@code pipe:[N]}), or the error says so (its text follows the C library's
     * locale, so the pipe test comes first).
     */
    boolean pipeClosed() {
        if (failure == null) {
            return false;
        }
        try {
            if (Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString().startsWith("pipe:")) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux: the message alone tells
        }
        return failure.getMessage() != null && failure.getMessage().toLowerCase(java.util.Locale.ROOT).contains("broken pipe");
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remembered(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remembered(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remembered(e);
        }
    }

    private IOException remembered(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
