package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbarsim.report.OutputDirectory;

/**
 * The bad-input corpus ({@code src/test/resources/bad-inputs/cases.txt}): each case runs the real
 * command line in its own JVM, in a fresh sandbox folder as its current folder (so a case that
 * wrongly empties "." can only empty the sandbox), and checks the exit status, that the message
 * names the culprit, that no stack trace is printed, and that nothing in the sandbox changed.
 */
@Execution(ExecutionMode.CONCURRENT)
class BadInputCorpusTest {
    private static final Path CORPUS = resource("bad-inputs");
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|Exception in thread|^Caused by: ");
    /** Bad input fails fast; a case that runs this long is a failure (and is killed). */
    private static final int TIMEOUT_SECONDS = 120;

    record Case(String id, int exit, List<String> expected, List<String> args) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> all = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("cases.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", 4);
            if (f.length != 4) {
                throw new IllegalStateException("cases.txt: malformed line: " + line);
            }
            all.add(new Case(f[0].strip(), Integer.parseInt(f[1].strip()),
                    Arrays.stream(f[2].split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                    Arrays.asList(f[3].strip().split("\\s+"))));
        }
        return all.stream();
    }

    @Test
    void theCorpusIsLargeAndCoversEveryCommand() throws IOException {
        List<Case> all = cases().toList();
        assertTrue(all.size() >= 60, "at least 60 cases, found " + all.size());
        assertEquals(all.size(), all.stream().map(Case::id).distinct().count(), "case ids are unique");
        for (String cmd : List.of("train", "eval", "map", "simulate", "validate", "bench", "demo", "replay", "compare", "export-trace",
                "sweep", "worker")) {
            assertTrue(all.stream().anyMatch(c -> c.args().get(0).equals(cmd)), "a case for " + cmd);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedClearlyAndChangesNothing(Case c, @TempDir Path sandbox) throws Exception {
        Path work = Files.createDirectories(sandbox.resolve("work"));
        Path home = Files.createDirectories(sandbox.resolve("home"));
        Path install = Files.createDirectories(sandbox.resolve("install"));
        makeSandbox(work, install);
        Map<String, String> before = snapshot(sandbox);

        List<String> args = c.args().stream()
                .map(a -> a.replace("{home}", home.toString()).replace("{install}", install.toString())).toList();
        XbarsimProcess.Result r = run(work, home, install, args);

        String output = r.stdout() + r.stderr();
        assertEquals(c.exit(), r.exit(), c.id() + ": exit status; output:\n" + output);
        for (String text : c.expected()) {
            assertTrue(output.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)),
                    c.id() + ": the message names '" + text + "'; output:\n" + output);
        }
        assertFalse(STACK_TRACE.matcher(output).find(), c.id() + ": no stack trace; output:\n" + output);
        assertEquals(before, snapshot(sandbox), c.id() + ": nothing in the sandbox changed");
    }

    /** The fixtures every case finds in its current folder (see cases.txt). */
    private static void makeSandbox(Path work, Path install) throws IOException {
        copyTree(CORPUS, work.resolve("corpus"));
        Path configs = repository().resolve("sim-configs");
        copyTree(configs, work.resolve("sim-configs"));
        copyTree(configs, install.resolve("sim-configs"));
        Files.createDirectories(work.resolve("existing-user-dir"));
        Files.writeString(work.resolve("existing-user-dir/notes.txt"), "the user's own notes\n");
        Files.createDirectories(work.resolve("earlier-run"));
        Files.writeString(work.resolve("earlier-run").resolve(OutputDirectory.MARKER), "{\"format\": \"xbarsim-output\"}\n");
        Files.writeString(work.resolve("earlier-run/report.json"), "{}\n");
        Files.writeString(work.resolve("existing-file.json"), "{\"mine\": true}\n");
        Files.writeString(work.resolve("prev-compressed.json"), "{\"an earlier\": \"training\"}\n");
        sparse(work.resolve("oversize.json"), 600L << 20);
        sparse(work.resolve("oversize.conf"), 5L << 20);
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    private static XbarsimProcess.Result run(Path work, Path home, Path install, List<String> args) throws Exception {
        XbarsimProcess.Result r = XbarsimProcess.in(work).home(home).installation(install).run(args, TIMEOUT_SECONDS);
        if (r.timedOut()) {
            throw new AssertionError(String.join(" ", args) + ": still running after " + TIMEOUT_SECONDS + " s");
        }
        return r;
    }

    /** Every path under {@code root} with its type, size and content digest (sparse files: size only). */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                m.put(root.relativize(dir) + "/", "dir");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String key = root.relativize(file).toString();
                if (!attrs.isRegularFile()) {
                    m.put(key, "special");
                } else if (attrs.size() > (1 << 20)) {
                    m.put(key, "size " + attrs.size() + ", modified " + attrs.lastModifiedTime());
                } else {
                    m.put(key, "sha256 " + sha256(Files.readAllBytes(file)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return m;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static Path repository() {
        return Path.of("").toAbsolutePath();
    }

    private static Path resource(String name) {
        try {
            return Path.of(BadInputCorpusTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("test resource " + name + " not found", e));
        }
    }
}
