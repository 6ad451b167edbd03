package org.xbarsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An output directory that appears complete or not at all. Files are written into a temporary
 * sibling ({@code .NAME.partial-XXXX}); {@link #commit()} renames it to the target. Closing without
 * a commit (an exception, a failed run) deletes the temporary directory, so a failed run never
 * leaves a directory that looks complete; a killed JVM leaves only the dot-named partial one.
 *
 * <pre>{@code
 * try (OutputDirectory out = OutputDirectory.prepare(dir)) {
 *     ReportJson.write(out.resolve("report.json"), report);
 *     out.commit();
 * }
 * }</pre>
 *
 * <p>An existing target is replaced at commit: it is first renamed to {@code .NAME.old-XXXX},
 * the new directory is renamed into place, then the old one is deleted. A target that exists but
 * is not a directory is refused before any work starts.
 */
public final class OutputDirectory implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private boolean committed;
    private boolean closed;

    private OutputDirectory(Path target, Path partial) {
        this.target = target;
        this.partial = partial;
    }

    /** Creates the temporary sibling of {@code target} (and {@code target}'s parent if needed). */
    public static OutputDirectory prepare(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new org.xbarsim.UserInputException(target + ": exists and is not a directory; choose another --out");
        }
        try {
            Files.createDirectories(abs.getParent());
            return new OutputDirectory(abs, createUnique(abs, ".partial-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory next to " + target + ": " + e.getMessage(), e);
        }
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
    public void commit() {
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
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + partial + " to " + target + ": " + e.getMessage(), e);
        }
    }

    public boolean committed() {
        return committed;
    }

    /** Deletes the temporary directory unless it was committed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                deleteTree(partial);
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

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
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
}
