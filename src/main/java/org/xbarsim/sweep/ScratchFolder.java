package org.xbarsim.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.xbarsim.report.OutputDirectory;

/**
 * This JVM's scratch folder for the sweep points it runs ({@code xbarsim-sweep-XXXX} in the temporary
 * folder, made on first use with a random name, readable by its owner only, removed when the JVM
 * ends): points get folders of their own inside it, so two sweeps or workers on one machine never
 * meet, and another user's file cannot block or hold a point's name. A JVM killed outright
 * ({@code kill -9}) leaves it behind.
 */
final class ScratchFolder {
    private static final AtomicLong COUNT = new AtomicLong();
    private static Path folder;

    private ScratchFolder() {
    }

    static synchronized Path path() throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            Path made = Files.createTempDirectory("xbarsim-sweep-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    OutputDirectory.deleteTree(made);
                } catch (IOException | RuntimeException e) {
                    // the JVM is going down: a folder left in the temporary folder costs disk only
                }
            }, "sweep-scratch-cleanup"));
            folder = made;
        }
        return folder;
    }

    /** A number not used before in this JVM, for a point's folder name (a point may run twice: resent). */
    static long next() {
        return COUNT.incrementAndGet();
    }
}
