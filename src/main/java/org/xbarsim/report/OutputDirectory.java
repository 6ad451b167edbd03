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
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 *       which every committed directory holds) and the caller passes {@code force} (the user's
 *       {@code --force}); anything else existing at the target is refused with a message naming it;</li>
 *   <li>the marker lists the entries the directory had when committed (and those a command added to it
 *       later, {@link #recordEntries}); {@code --force} refuses a target holding anything else (a file
 *       the user put there), naming it, rather than delete it;</li>
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
    /** Entries named in a list of what xbarsim wrote (the marker's), at most. */
    private static final int MAX_LISTED = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(OutputDirectory.class);

    private final Path target;
    private final Path partial;
    private final PartialLock lock;
    private final boolean force;
    private final Thread cleanupOnExit = new Thread(this::deleteUnfinishedAtExit, "output-directory-cleanup");
    private boolean committed; // guarded by this: the shutdown hook reads them from its own thread
    private boolean closed;

    private OutputDirectory(Path target, Path partial, PartialLock lock, boolean force) {
        this.target = target;
        this.partial = partial;
        this.lock = lock;
        this.force = force;
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /**
     * Ctrl-C or {@code kill} during a long run: the unfinished directory (it may hold a trace of
     * gigabytes) goes with the JVM instead of waiting, hidden, for the next run into the same place.
     * Waits for a commit under way, so the target is never left half-replaced.
     */
    /** 20 ms for a job thread still adding a file to finish; false when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void deleteUnfinishedAtExit() {
        if (!committed && !closed) {
            closed = true;
            // other hooks delete folders nested in this one meanwhile, and a job thread may still add a file: try again
            for (int attempt = 1; attempt <= 3; attempt++) {
                try {
                    deleteTree(partial);
                    lock.release();
                    return;
                } catch (IOException | RuntimeException e) {
                    // the JVM is going down; the next run into the same place removes what is left
                    if (attempt < 3 && !pause()) {
                        return;
                    }
                }
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
                return new OutputDirectory(abs, partial, lock, force);
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
                        + "); xbarsim never replaces such a folder: choose a new --out, or move it away yourself");
            }
            String keeper = keptByItsCommand(abs);
            if (keeper != null) {
                throw new UserInputException(target + ": is the folder of " + keeper + ", which keeps its own files there"
                        + " (trained models, checkpoints); no other command replaces it: choose another --out");
            }
            if (!force) {
                throw new UserInputException(target + ": exists (the output of an earlier xbarsim run); pass --force"
                        + " to replace it, or choose another --out");
            }
            List<String> foreign = notWrittenByXbarsim(abs);
            if (!foreign.isEmpty()) {
                throw new UserInputException(target + ": the output of an earlier xbarsim run, but it also holds "
                        + (foreign.size() == 1 ? "an entry" : foreign.size() + " entries") + " xbarsim did not write there ("
                        + String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", ..." : "")
                        + "), which replacing the folder would delete; move " + (foreign.size() == 1 ? "it" : "them")
                        + " away, or choose another --out");
            }
        }
    }

    /**
     * True when {@code dir} was made by xbarsim: it holds the marker. (Copies of a run's files in a
     * folder of one's own do not make it xbarsim's; outputs of versions before the marker are not
     * recognised.)
     */
    public static boolean isXbarsimOutput(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The entries of {@code dir} (an xbarsim output) that xbarsim did not write there, as paths within
     * it (folders with a trailing {@code /}): those its marker does not list, at any depth of its listed
     * folders, and in the outputs inside it with their own marker (a compare's {@code compressed/}, a
     * sweep's {@code points/pNNNN/}), checked against theirs. A temporary file xbarsim left beside a
     * listed one ({@code .NAME.XXXX.tmp}, from a write cut short) and a killed run's empty leftovers
     * count as xbarsim's. Empty when the marker lists nothing (version 1).
     *
     * @throws UserInputException when a marker cannot be read or is not xbarsim's
     */
    static List<String> notWrittenByXbarsim(Path dir) {
        try {
            List<String> foreign = new ArrayList<>();
            notWritten(dir, "", 0, foreign);
            return foreign;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static final java.util.regex.Pattern LEFT_TEMPORARY = java.util.regex.Pattern.compile("\\.(.+)\\.[0-9a-z]+\\.tmp");
    /** Folders deeper than this are not looked into (a sweep's points are two levels down). */
    private static final int MAX_NESTED_OUTPUTS = 3;

    private static void notWritten(Path dir, String prefix, int depth, List<String> foreign) throws IOException {
        Marker m = Marker.read(dir.resolve(MARKER));
        if (m.entries() == null) {
            if (m.isFirstVersion()) {
                return; // version 1: what it wrote was not listed yet
            }
            throw new UserInputException(dir + ": its " + MARKER + " cannot be read or is not xbarsim's (damaged?), so what"
                    + " xbarsim wrote there is not known; xbarsim does not replace it: move it away yourself");
        }
        inFolder(dir, "", m.entries(), prefix, depth, foreign);
    }

    /**
     * Checks the entries of {@code dir}, which is {@code rel} inside an output whose marker lists
     * {@code written} (relative paths, folders with a trailing {@code /}). Inside a listed folder, an
     * xbarsim output added later (a sweep's point) is checked against its own marker, and what a
     * killed run left is passed.
     */
    private static void inFolder(Path dir, String rel, Set<String> written, String prefix, int depth, List<String> foreign)
            throws IOException {
        for (String name : entries(dir)) {
            if (rel.isEmpty() && name.equals(MARKER) || leftTemporary(rel, name, written)) {
                continue;
            }
            Path sub = dir.resolve(name);
            boolean folder = Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS);
            boolean output = folder && isXbarsimOutput(sub);
            if (written.contains(rel + name + (folder ? "/" : ""))) {
                if (folder && depth < MAX_NESTED_OUTPUTS) {
                    if (output) {
                        notWritten(sub, prefix + name + "/", depth + 1, foreign); // a compare's run: its own marker
                    } else {
                        inFolder(sub, rel + name + "/", written, prefix + name + "/", depth + 1, foreign);
                    }
                }
            } else if (!rel.isEmpty() && output) {
                if (!name.startsWith(".") && depth < MAX_NESTED_OUTPUTS) {
                    notWritten(sub, prefix + name + "/", depth + 1, foreign); // a sweep's point, added after the commit
                }
            } else if (!isLeftover(sub)) {
                foreign.add(prefix + name + (folder ? "/" : "")); // also a listed file that became a folder
            }
        }
    }

    /**
     * The entries of {@code dir} as its marker lists them: relative paths, folders with a trailing
     * {@code /}, the contents of a folder too unless it is an output with its own marker.
     */
    private static List<String> listing(Path dir, String rel, List<String> into) throws IOException {
        for (String name : entries(dir)) {
            if (rel.isEmpty() && name.equals(MARKER)) {
                continue;
            }
            Path sub = dir.resolve(name);
            if (Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
                into.add(rel + name + "/");
                if (!isXbarsimOutput(sub)) {
                    listing(sub, rel + name + "/", into);
                }
            } else {
                into.add(rel + name);
            }
            if (into.size() > MAX_LISTED) {
                throw new IOException("more than " + MAX_LISTED + " entries to list");
            }
        }
        return into;
    }

    /**
     * True when {@code p} is what a killed run left beside its target: a {@code .NAME.partial-XXXX} or
     * {@code .NAME.old-XXXX} folder holding the marker (a partial gets it when made; an old target had
     * it) or empty, or an empty lock file. A file or folder of the user's that only has such a name is not.
     */
    private static boolean isLeftover(Path p) throws IOException {
        String n = p.getFileName().toString();
        if (!LEFTOVER.matcher(n).matches()) {
            return false;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            if (isXbarsimOutput(p)) {
                return true;
            }
            try (java.util.stream.Stream<Path> s = Files.list(p)) {
                return s.findAny().isEmpty();
            }
        }
        return n.endsWith(".lock") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0;
    }

    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile("\\..+\\.(partial|old)-[0-9a-z]+(\\.lock)?");

    private static boolean leftTemporary(String rel, String name, Set<String> written) {
        java.util.regex.Matcher m = LEFT_TEMPORARY.matcher(name);
        return m.matches() && (written.contains(rel + m.group(1)) || rel.isEmpty() && m.group(1).equals(MARKER.substring(1)));
    }

    /**
     * The command that keeps {@code dir} as its own folder, as its marker names it (the demo's, an
     * experiment's: they write into it step by step and reuse what is there), or null.
     */
    static String keptByItsCommand(Path dir) {
        String command = markerCommand(dir);
        return command == null ? null : "xbarsim " + command;
    }

    /**
     * The command that keeps {@code dir} as its own folder, as its marker names it ({@code "demo"},
     * {@code "experiment"}, also for the marker of format {@code xbarsim-experiment} earlier versions
     * wrote), or null.
     */
    static String markerCommand(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Marker m = Marker.read(marker);
        return m.command() != null ? m.command() : "xbarsim-experiment".equals(m.format()) ? "experiment" : null;
    }

    /**
     * Checks {@code dir} as the folder of {@code command} (the demo, an experiment), which writes into
     * it step by step and reuses what an earlier run left there: it must be new, empty, or that
     * command's own (its marker names it), and never a protected place.
     */
    public static void checkKeptFolder(Path dir, String command) {
        OutputPaths.refuseProtectedFolder(dir);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserInputException("--out " + dir + ": exists and is not a folder");
        }
        boolean empty;
        try (var entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UserInputException("--out " + dir + ": cannot be read: " + e.getMessage(), e);
        }
        if (!empty && !command.equals(markerCommand(dir))) {
            throw new UserInputException("--out " + dir + ": exists and is not an earlier " + command + "'s folder (it holds"
                    + " no " + MARKER + " naming the " + command + "); the " + command + " writes only into a new, empty or"
                    + " earlier " + command + " folder: give another --out");
        }
    }

    /** Marks {@code dir} (checked by {@link #checkKeptFolder}) as {@code command}'s own, unless it is already. */
    public static void markKeptFolder(Path dir, String command) {
        if (!Files.exists(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            org.xbarsim.io.AtomicFiles.writeString(dir.resolve(MARKER), "{\"format\": \"xbarsim-output\", \"version\": 1,"
                    + " \"command\": \"" + command + "\"}\n");
        }
    }

    /**
     * Adds {@code names} to the entries the marker of {@code dir} lists, for a command that writes into
     * an xbarsim output after it was committed (a sweep's summaries, a run's timeline), so that
     * {@code --force} may replace them. Call it before writing them (a name listed whose file is
     * missing costs nothing). Nothing happens when {@code dir} has no marker that lists its entries.
     * Two commands adding names to one folder at the same moment may lose one of them; the folder is
     * then refused by {@code --force}, naming the file, never deleted.
     */
    public static void recordEntries(Path dir, String... names) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<String> listed = Marker.read(marker).entries();
        if (listed == null || listed.containsAll(List.of(names))) {
            return;
        }
        TreeSet<String> all = new TreeSet<>(listed);
        all.addAll(List.of(names));
        org.xbarsim.io.AtomicFiles.writeString(marker, markerText(all));
    }

    /**
     * What a marker says: its format and version, the command that keeps the folder (the demo), the
     * entries it lists (null when it lists none), and whether it could be read at all.
     */
    private record Marker(String format, int version, String command, Set<String> entries, boolean readable) {
        /** A marker of version 1 (no list of entries), as earlier versions wrote it. */
        boolean isFirstVersion() {
            return readable && "xbarsim-output".equals(format) && version == 1 && entries == null;
        }

        static Marker read(Path file) {
            try {
                if (Files.size(file) > (64L << 20)) {
                    return new Marker(null, 0, null, null, false);
                }
                JsonNode n = ReportJson.mapper().readTree(Files.readString(file));
                if (n == null || !n.isObject()) {
                    return new Marker(null, 0, null, null, false);
                }
                Set<String> entries = null;
                if (n.path("entries").isArray()) {
                    entries = new HashSet<>();
                    for (JsonNode e : n.path("entries")) {
                        entries.add(e.asText());
                    }
                }
                return new Marker(n.path("format").asText(null), n.path("version").asInt(0), n.path("command").asText(null),
                        entries, true);
            } catch (IOException | RuntimeException e) {
                return new Marker(null, 0, null, null, false);
            }
        }
    }

    private static String markerText(java.util.Collection<String> entries) {
        StringBuilder s = new StringBuilder("{\"format\": \"xbarsim-output\", \"version\": 2, \"entries\": [");
        int i = 0;
        for (String e : entries) {
            s.append(i++ == 0 ? "" : ", ");
            try {
                s.append(ReportJson.mapper().writeValueAsString(e));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return s.append("]}\n").toString();
    }

    /** The names in {@code dir}, sorted; at most {@value #MAX_LISTED} of them. */
    private static List<String> entries(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            s.limit(MAX_LISTED + 1L).forEach(p -> names.add(p.getFileName().toString()));
        }
        if (names.size() > MAX_LISTED) {
            throw new UserInputException(dir + ": holds more than " + MAX_LISTED + " entries; xbarsim does not replace it");
        }
        names.sort(null);
        return names;
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
            // the marker lists what this directory holds, so that --force later deletes nothing else
            Files.writeString(partial.resolve(MARKER), markerText(listing(partial, "", new ArrayList<>())));
            Path old = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // checked at prepare, but the folder may have appeared or been added to while this run wrote
                checkTarget(target, force);
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
            if (!isLeftover(p)) {
                continue; // a file or folder of the user's that only looks like one: left alone
            }
            PartialLock held;
            try {
                held = PartialLock.tryAcquire(lockPath);
            } catch (IOException e) {
                continue; // a lock this process may not open (another user's): not ours to remove
            }
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
                Files.deleteIfExists(file); // another thread (a shutdown hook of a nested output) may delete it first
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // already gone
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof java.nio.file.NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
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
