package org.xbarsim.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a JVM of its own, started as the launcher starts it, with a folder of the
 * test's choosing as its current folder: for tests that must see real exit codes and stderr, or
 * that must be able to kill a run.
 */
final class XbarsimProcess {
    private final Path workDir;
    private Path home;
    private Path installation;
    private final List<String> jvmOptions = new ArrayList<>();

    private XbarsimProcess(Path workDir) {
        this.workDir = workDir;
    }

    static XbarsimProcess in(Path workDir) {
        return new XbarsimProcess(workDir);
    }

    /** The JVM's {@code user.home} (default: the real one). */
    XbarsimProcess home(Path home) {
        this.home = home;
        return this;
    }

    /** The installation folder, {@code xbarsim.home} (default: found from the classes). */
    XbarsimProcess installation(Path installation) {
        this.installation = installation;
        return this;
    }

    /** More options for the JVM, after the defaults. */
    XbarsimProcess jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    record Result(int exit, String stdout, String stderr, boolean timedOut) {}

    /** Starts {@code args}; the caller waits for or kills the process. Output goes to the two files. */
    Process start(List<String> args, Path stdout, Path stderr) throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String deps = Files.readString(classes.getParent().resolve("runtime-classpath.txt")).strip();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1",
                // ND4J's native libraries stay in the real cache, whatever user.home is
                "-Dorg.bytedeco.javacpp.cachedir=" + Path.of(System.getProperty("user.home"), ".javacpp", "cache")));
        if (home != null) {
            cmd.add("-Duser.home=" + home);
        }
        if (installation != null) {
            cmd.add("-Dxbarsim.home=" + installation);
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classes + File.pathSeparator + deps, Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /** Runs {@code args} to the end, or kills it after {@code timeoutSeconds}. */
    Result run(List<String> args, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile("xbarsim-out", ".txt");
        Path err = Files.createTempFile("xbarsim-err", ".txt");
        try {
            Process p = start(args, out, err);
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            return new Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), !done);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
