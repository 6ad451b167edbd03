package org.xbarsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbarsim.UserInputException;
import org.xbarsim.io.OutputPaths;

/**
 * An output directory that appears complete or not at all, and never destroys what xbarsim did
 * not make. Files are written into a temporary sibling ({@code .NAME.partial-XXXX});
 * {@link #commit()} renames it to the target. Closing without a commit (an exception, a failed
 * run) deletes the temporary directory, so a failed run never leaves a directory that looks
 * complete.
 *
 * <pre>{@code
 * try (OutputDirectory out = OutputDirectory.prepare(dir, force)) {
 *     ReportJson.write(out.resolve("report.json"), report);
 *     out.commit();
 * }
 * }</pre>
 *
 * <p>Safety rules, checked in {@link #prepare(Path, boolean)} before any work starts:
 * <ul>
 *   <li>the target is never the root, the home folder, the current folder or a parent of it, or the
 *       installation ({@link OutputPaths#refuseProtectedFolder});</li>
 *   <li>an existing target is replaced only when it carries xbarsim's marker ({@value #MARKER},
 *       which every committed directory holds, or a {@code run-info.json} of an earlier version)
 *       and the caller passes {@code force} (the user's {@code --force}); anything else existing at
 *       the target is refused with a message naming it;</li>
 *   <li>a run stopped by a signal that lets the JVM shut down (Ctrl-C, {@code kill}) deletes its
 *       unfinished {@code .NAME.partial-XXXX} in a shutdown hook;</li>
 *   <li>a run killed outright ({@code kill -9}, a crash) leaves that sibling behind; the next run
 *       into the same place removes such leftovers (and says so on its error stream) unless
 *       another live run still holds them (each run holds a lock on {@code .NAME.partial-XXXX.lock}).</li>
 * </ul>
 * At commit an existing target is first renamed to {@code .NAME.old-XXXX}, the new directory is
 * renamed into place, then the old one is deleted.
 */
public final class OutputDirectory implements AutoCloseable {
    /** The marker file in every directory this class commits. */
    public static final String MARKER = ".xbarsim-output";
    private static final String MARKER_TEXT = "{\"format\": \"xbarsim-output\", \"version\": 1}\n";
    private static final Logger LOG = LoggerFactory.getLogger(OutputDirectory.class);

    private final Path target;
    private final Path partial;
    private final PartialLock lock;
    private final Thread cleanupOnExit = new Thread(this::deleteUnfinishedAtExit, "output-directory-cleanup");
    private boolean committed; // guarded by this: the shutdown hook reads them from its own thread
    private boolean closed;

    private OutputDirectory(Path target, Path partial, PartialLock lock) {
        this.target = target;
        this.partial = partial;
        this.lock = lock;
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /**
     * Ctrl-C or {@code kill} during a long run: the unfinished directory (it may hold a trace of
     * gigabytes) goes with the JVM instead of waiting, hidden, for the next run into the same place.
     * Waits for a commit under way, so the target is never left half-replaced.
     */
    private synchronized void deleteUnfinishedAtExit() {
        if (!committed && !closed) {
            closed = true;
            try {
                deleteTree(partial);
                lock.release();
            } catch (IOException | RuntimeException e) {
                // the JVM is going down; the next run into the same place removes what is left
            }
        }
    }

    /** After a commit or close the hook has nothing to do (and must not hold the directory for the JVM's life). */
    private void dropShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs, finds the directory committed or closed, and returns
        }
    }

    /** {@link #prepare(Path, boolean)} without {@code force}: an existing target is refused. */
    public static OutputDirectory prepare(Path target) {
        return prepare(target, false);
    }

    /**
     * Checks {@code target} against the safety rules above, removes stale leftovers of killed runs
     * beside it, and creates the temporary sibling (and {@code target}'s parent if needed).
     *
     * @param force replace an existing target that an earlier xbarsim run made
     * @throws UserInputException when the target may not be written
     */
    public static OutputDirectory prepare(Path target, boolean force) {
        checkTarget(target, force);
        Path abs = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.getParent());
            removeStaleLeftovers(abs);
            Path partial = createUnique(abs, ".partial-");
            PartialLock lock;
            try {
                lock = PartialLock.acquire(lockFile(partial));
                Files.writeString(partial.resolve(MARKER), MARKER_TEXT);
            } catch (IOException | RuntimeException e) {
                deleteTree(partial);
                throw e;
            }
            try {
                return new OutputDirectory(abs, partial, lock);
            } catch (IllegalStateException e) { // no shutdown hook once the JVM is exiting: start nothing
                deleteTree(partial);
                lock.release();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory next to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checks of {@link #prepare(Path, boolean)} alone, for a command to run before its long work.
     *
     * @throws UserInputException when {@code target} may not be written
     */
    public static void checkTarget(Path target, boolean force) {
        OutputPaths.refuseProtectedFolder(target);
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(abs)) {
                // refused even when it points at a folder: replacing the link would not replace that folder
                throw new UserInputException(target + ": is a symbolic link (to " + linkTarget(abs) + "); xbarsim does not"
                        + " write an output folder through a link: choose another --out");
            }
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserInputException(target + ": exists and is not a directory; choose another --out");
            }
            if (!isXbarsimOutput(abs)) {
                throw new UserInputException(target + ": exists and was not made by xbarsim (it holds no " + MARKER
                        + " or run-info.json of an xbarsim run); xbarsim never replaces such a folder: choose a new"
                        + " --out, or move it away yourself");
            }
            if (!force) {
                throw new UserInputException(target + ": exists (the output of an earlier xbarsim run); pass --force"
                        + " to replace it, or choose another --out");
            }
        }
    }

    /**
     * True when {@code dir} was made by xbarsim: it holds the marker, or (outputs of versions before
     * the marker) a {@code run-info.json} whose format is xbarsim's.
     */
    public static boolean isXbarsimOutput(Path dir) {
        if (Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Path info = dir.resolve("run-info.json");
        try {
            if (Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS) && Files.size(info) < (1 << 20)) {
                return Files.readString(info).matches("(?s)\\s*\\{\\s*\"format\"\\s*:\\s*\"" + RunInfo.FORMAT + "\".*");
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** The temporary directory to write into (valid until commit or close). */
    public Path path() {
        return partial;
    }

    /** {@code path().resolve(name)}. */
    public Path resolve(String name) {
        return partial.resolve(name);
    }

    /** The final directory. */
    public Path target() {
        return target;
    }

    /** Renames the finished directory into place, replacing an existing one. */
    public synchronized void commit() {
        if (committed || closed) {
            throw new IllegalStateException("output directory " + target + " is already " + (committed ? "committed" : "closed"));
        }
        try {
            Path old = null;
            if (Files.exists(target)) {
                old = createUnique(target, ".old-");
                Files.delete(old);
                move(target, old);
            }
            move(partial, target);
            committed = true;
            lock.release();
            dropShutdownHook();
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + partial + " to " + target + ": " + e.getMessage(), e);
        }
    }

    public synchronized boolean committed() {
        return committed;
    }

    /** Deletes the temporary directory unless it was committed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        dropShutdownHook();
        if (!committed) {
            try {
                deleteTree(partial);
                lock.release();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete unfinished output " + partial + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A new empty sibling directory {@code .NAME<infix>NNNN}. Unlike Files.createTempDirectory it
     * gets the default permissions (the umask), so the renamed result is as readable as any
     * directory the user creates.
     */
    private static Path createUnique(Path target, String infix) throws IOException {
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path p = target.resolveSibling("." + target.getFileName() + infix + Long.toUnsignedString(rnd.nextLong(), 36));
            try {
                return Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static Path lockFile(Path partial) {
        return partial.resolveSibling(partial.getFileName() + ".lock");
    }

    /**
     * Deletes {@code .NAME.partial-*} and {@code .NAME.old-*} siblings of {@code target} left by
     * runs that were killed, skipping those whose lock a live run still holds.
     */
    private static void removeStaleLeftovers(Path target) throws IOException {
        String partialPrefix = "." + target.getFileName() + ".partial-";
        String oldPrefix = "." + target.getFileName() + ".old-";
        java.util.List<Path> siblings;
        try (java.util.stream.Stream<Path> s = Files.list(target.getParent())) {
            siblings = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(partialPrefix) || n.startsWith(oldPrefix);
            }).sorted().toList();
        }
        for (Path p : siblings) {
            String n = p.getFileName().toString();
            boolean lockItself = n.endsWith(".lock");
            Path lockPath = lockItself ? p : lockFile(p);
            if (lockItself && Files.exists(p.resolveSibling(n.substring(0, n.length() - ".lock".length())))) {
                continue; // handled with its directory
            }
            PartialLock held = PartialLock.tryAcquire(lockPath);
            if (held == null) {
                continue; // a live run is writing there
            }
            try {
                if (!lockItself) {
                    deleteTree(p);
                    LOG.warn("removed {}: left by an earlier xbarsim run into {} that did not finish", p, target);
                }
            } finally {
                held.release();
            }
        }
    }

    /**
     * An exclusive lock on a small file beside a partial directory: held while a run writes, freed by
     * the operating system when the process dies, so a leftover whose lock can be taken is stale.
     */
    private record PartialLock(Path file, java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock) {
        static PartialLock acquire(Path file) throws IOException {
            PartialLock l = tryAcquire(file);
            if (l == null) {
                throw new IOException(file + " is locked by another run");
            }
            return l;
        }

        /** The lock, or null when another process or this one holds it. */
        static PartialLock tryAcquire(Path file) throws IOException {
            java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            try {
                java.nio.channels.FileLock lock = ch.tryLock();
                if (lock == null) {
                    ch.close();
                    return null;
                }
                return new PartialLock(file, ch, lock);
            } catch (java.nio.channels.OverlappingFileLockException e) {
                ch.close();
                return null;
            }
        }

        /** Deletes the lock file, then frees the lock. */
        void release() throws IOException {
            if (!channel.isOpen()) {
                return;
            }
            Files.deleteIfExists(file);
            channel.close();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes {@code root} and everything under it (nothing when it does not exist). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (java.io.IOException e) {
            return "an unreadable target";
        }
    }
}
