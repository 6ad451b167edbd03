package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code xbarsim} launcher's class-data sharing archive (docs/speed.md, "Start-up"): made by the
 * first run of a command, used by the next ones, rebuilt when the classes change, and never in the
 * way: an archive the JVM refuses, a failed command or {@code XBARSIM_CDS=0} leave the output as it
 * would be without one. Runs the launcher on a copy of the built classes in a temporary folder
 * (without a pom.xml there, it never starts Maven).
 */
class LauncherTest {
    @TempDir
    Path install;

    private Path target;

    @BeforeEach
    void copyTheBuild() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repo = classes.getParent().getParent();
        Files.copy(repo.resolve("xbarsim"), install.resolve("xbarsim"), StandardCopyOption.COPY_ATTRIBUTES);
        target = install.resolve("target");
        Path copy = target.resolve("classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(classes.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Files.copy(classes.getParent().resolve("runtime-classpath.txt"), target.resolve("runtime-classpath.txt"));
        Files.writeString(copy.resolve(".xbarsim-build-stamp"), "");
    }

    private record Run(int exit, String stdout, String stderr) {}

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", install.resolve("xbarsim").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(install.toFile());
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        pb.environment().put("PATH", javaBin + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("XBARSIM_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");
        pb.environment().putAll(env);
        Path out = install.resolve("stdout.txt");
        Path err = install.resolve("stderr.txt");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new AssertionError("the launcher did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path archive(String command) {
        return target.resolve("cds").resolve(command + ".jsa");
    }

    private boolean jarToolPresent() {
        return Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "jar"));
    }

    private void assertVersion(Run r) {
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().startsWith("xbarsim "), r.stdout());
        assertEquals("", r.stderr());
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.walk(target, 1)) {
            List<String> tmp = new ArrayList<>(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
            if (Files.isDirectory(target.resolve("cds"))) {
                try (Stream<Path> cds = Files.list(target.resolve("cds"))) {
                    cds.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).forEach(tmp::add);
                }
            }
            return tmp;
        }
    }

    @Test
    void theFirstRunWritesTheArchiveTheNextUsesItAndNewClassesRenewIt() throws Exception {
        assumeTrue(jarToolPresent(), "needs the JDK's jar tool");
        assertVersion(launch(Map.of(), "--version"));
        assertTrue(Files.isRegularFile(target.resolve("xbarsim-app.jar")));
        assertTrue(Files.size(archive("other")) > 0);
        FileTime made = Files.getLastModifiedTime(archive("other"));

        assertVersion(launch(Map.of(), "--version"));
        assertEquals(made, Files.getLastModifiedTime(archive("other")), "a current archive is used, not rewritten");

        // a class newer than the jar (the jar and archive made 10 s before it): both are made again
        Path jar = target.resolve("xbarsim-app.jar");
        FileTime earlier = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 10_000);
        Files.setLastModifiedTime(jar, earlier);
        Files.setLastModifiedTime(archive("other"), earlier);
        assertVersion(launch(Map.of(), "--version"));
        assertTrue(Files.getLastModifiedTime(jar).compareTo(earlier) > 0, "the jar is packed again");
        assertTrue(Files.getLastModifiedTime(archive("other")).compareTo(earlier) > 0, "the archive is made again");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void anArchiveTheJvmRefusesOnlyCostsTheSpeedUp() throws Exception {
        assumeTrue(jarToolPresent(), "needs the JDK's jar tool");
        assertVersion(launch(Map.of(), "--version"));
        byte[] junk = new byte[100_000];
        new Random(1).nextBytes(junk);
        Files.write(archive("other"), junk);
        assertVersion(launch(Map.of(), "--version"));
    }

    @Test
    void aFailedCommandLeavesNoArchive() throws Exception {
        assumeTrue(jarToolPresent(), "needs the JDK's jar tool");
        Run r = launch(Map.of(), "simulate", "--model", "missing.json");
        assertEquals(2, r.exit(), r.stderr());
        assertFalse(r.stderr().contains("cds"), r.stderr());
        assertFalse(Files.exists(archive("simulate")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aCommandsHelpWritesNoArchiveForTheCommand() throws Exception {
        assumeTrue(jarToolPresent(), "needs the JDK's jar tool");
        Run r = launch(Map.of(), "simulate", "--help");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("Usage: xbarsim simulate"), r.stdout());
        assertFalse(Files.exists(archive("simulate")), "the first real simulate run writes it");
        assertEquals(List.of(), leftovers());
    }

    /** The JVM options the launcher gives {@code java} for a command, read by a stand-in {@code java} that prints them. */
    private List<String> javaOptions(String javaOpts, String command) throws Exception {
        return javaOptions(javaOpts, command, Map.of());
    }

    private List<String> javaOptions(String javaOpts, String command, Map<String, String> moreEnv) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(moreEnv);
        env.putAll(Map.of("XBARSIM_CDS", "0", "XBARSIM_JAVA_OPTS", javaOpts));
        env.putIfAbsent("XBARSIM_SIM_JAVA", "0"); // the stand-in, even where a Java 25 is installed
        return optionsOf(env, command, "--help");
    }

    /** A {@code java} in {@code bin} that prints its arguments, one a line. */
    private static Path printingJava(Path bin) throws IOException {
        Path java = Files.createDirectories(bin).resolve("java");
        Files.writeString(java, "#!/bin/bash\nprintf '%s\\n' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        return java;
    }

    @Test
    void theSimulationCommandsGetTheirCollectorAndLaterC2UnlessTheUserChoosesOtherwise() throws Exception {
        String later = "-XX:Tier4InvocationThreshold=150000";
        String smaller = "-XX:InlineSmallCode=1000";
        // the serial collector on two processors or fewer (docs/simulation.md, "Tenth pass"), else the parallel
        // one; the launcher counts processors as the JVM does, so OpenMP's thread count does not move it
        boolean few = Runtime.getRuntime().availableProcessors() <= 2;
        String collector = few ? "-XX:+UseSerialGC" : "-XX:+UseParallelGC";
        assertTrue(javaOptions("-Xmx1g", "simulate", Map.of("OMP_NUM_THREADS", "1")).contains(collector));
        // the processors come from the kernel's list of those the process may run on, read by bash itself
        // (nproc only where /proc has none): an nproc on the PATH that answers 8, or OpenMP's thread
        // count as GNU nproc does, moves nothing
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            Path nproc = Files.createDirectories(install.resolve("fake-bin")).resolve("nproc");
            Files.writeString(nproc, "#!/bin/bash\necho ${OMP_NUM_THREADS:-8}\n");
            assertTrue(nproc.toFile().setExecutable(true));
            assertTrue(javaOptions("-Xmx1g", "simulate").contains(collector), "the launcher asked nproc");
            assertTrue(javaOptions("-Xmx1g", "simulate", Map.of("OMP_NUM_THREADS", "1")).contains(collector));
            Files.delete(nproc);
        }
        for (String command : List.of("simulate", "compare", "replay")) {
            List<String> opts = javaOptions("-Xmx1g", command);
            assertTrue(opts.contains(later) && opts.contains(smaller) && opts.contains("-XX:FreqInlineSize=100")
                    && opts.contains("-XX:Tier3InvocationThreshold=2000") && opts.contains("-XX:Tier3CompileThreshold=20000")
                    && opts.contains(collector), command + ": " + opts);
        }
        for (String command : List.of("sweep", "worker")) {
            List<String> opts = javaOptions("-Xmx1g", command);
            // sweeps and workers keep G1 on larger machines (not measured there)
            assertEquals(few, opts.contains("-XX:+UseSerialGC"), command + ": " + opts);
            assertFalse(opts.contains("-XX:+UseParallelGC") || opts.contains(later) || opts.contains(smaller), command + ": " + opts);
        }
        List<String> train = javaOptions("-Xmx1g", "train");
        assertFalse(train.contains(later) || train.contains(smaller) || train.contains("-XX:+UseParallelGC")
                || train.contains("-XX:+UseSerialGC"), train.toString());
        List<String> inline = javaOptions("-Xmx1g -XX:MaxInlineLevel=9", "simulate");
        assertFalse(inline.contains(later) || inline.contains(smaller), inline.toString());
        // a JIT option of the user's replaces the launcher's; an option that merely mentions tiers does not
        List<String> own = javaOptions("-Xmx1g -XX:TieredStopAtLevel=1", "simulate");
        assertFalse(own.contains(later) || own.contains("-XX:Tier3InvocationThreshold=2000"), own.toString());
        assertTrue(own.contains("-XX:TieredStopAtLevel=1"), own.toString());
        assertTrue(javaOptions("-Xmx1g -XX:+PrintTieredEvents", "simulate").contains(later));
        assertFalse(javaOptions("-Xmx1g -XX:CompileThresholdScaling=2", "simulate").contains(later));
        assertFalse(javaOptions("-Xmx1g -XX:+UseSerialGC", "simulate").contains("-XX:+UseParallelGC"));
        List<String> g1 = javaOptions("-Xmx1g -XX:+UseG1GC", "simulate");
        assertFalse(g1.contains("-XX:+UseParallelGC") || g1.contains("-XX:+UseSerialGC"), g1.toString());
        // a collector the JVM would read from the environment is the user's choice too (two would stop it)
        List<String> tool = javaOptions("-Xmx1g", "simulate", Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC"));
        assertFalse(tool.contains("-XX:+UseParallelGC") || tool.contains("-XX:+UseSerialGC"), tool.toString());
    }

    @Test
    void theSimulatingCommandsAskForHugePagesWhereTheKernelGivesThemOnRequestUnlessTheUserSaysOtherwise() throws Exception {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
        for (String command : List.of("simulate", "compare", "replay", "sweep", "worker", "bench")) {
            assertEquals(onRequest, javaOptions("-Xmx1g", command).contains("-XX:+UseTransparentHugePages"), command);
        }
        assertFalse(javaOptions("-Xmx1g", "train").contains("-XX:+UseTransparentHugePages"), "training keeps 4 KB pages");
        List<String> off = javaOptions("-Xmx1g -XX:-UseTransparentHugePages", "simulate");
        assertFalse(off.contains("-XX:+UseTransparentHugePages"), off.toString());
        assertTrue(off.contains("-XX:-UseTransparentHugePages"), off.toString());
        List<String> own = javaOptions("-Xmx1g -XX:+UseTransparentHugePages", "simulate");
        assertEquals(1, own.stream().filter("-XX:+UseTransparentHugePages"::equals).count(), own.toString());
        assertFalse(javaOptions("-Xmx1g -XX:LargePageSizeInBytes=2m", "simulate").contains("-XX:+UseTransparentHugePages"));
        assertFalse(javaOptions("-Xmx1g", "simulate", Map.of("JDK_JAVA_OPTIONS", "-XX:-UseTransparentHugePages"))
                .contains("-XX:+UseTransparentHugePages"));
    }

    @Test
    void theLauncherTellsWhetherStandardErrorIsATerminal() throws Exception {
        // here standard error is a pipe to the test: progress must come as plain lines
        assertTrue(javaOptions("-Xmx1g", "simulate").contains("-Dxbarsim.stderr-tty=false"));
    }

    /**
     * A stand-in JDK of feature release {@code feature} in {@code dir}: its {@code bin/java} prints its
     * arguments, its {@code release} file names the version, as a JDK's does.
     */
    private Path standInJdk(String dir, int feature) throws IOException {
        Path home = install.resolve(dir);
        Path java = printingJava(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"stand-in\"\nJAVA_VERSION=\"" + feature + ".0.1\"\n");
        return java;
    }

    /** The JVM options of one launch whose java (the PATH's stand-in, or XBARSIM_SIM_JAVA's) prints them. */
    private List<String> optionsOf(Map<String, String> moreEnv, String... args) throws Exception {
        Path bin = printingJava(install.resolve("fake-bin")).getParent();
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", bin + File.pathSeparator
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "XBARSIM_JAVA_OPTS", "-Xmx1g"));
        env.putAll(moreEnv);
        Run r = launch(env, args);
        assertEquals(0, r.exit(), r.stderr());
        List<String> printed = r.stdout().lines().toList();
        return printed.subList(0, printed.indexOf("org.xbarsim.cli.Main"));
    }

    @Test
    void theSimulationCommandsRunOnTheJavaXbarsimSimJavaNamesWithJava25sOptions() throws Exception {
        Path jdk25 = standInJdk("jdk25", 25);
        Map<String, String> env = Map.of("XBARSIM_SIM_JAVA", jdk25.toString(), "XBARSIM_CDS", "0");
        for (String command : List.of("simulate", "compare", "replay")) {
            List<String> opts = optionsOf(env, command, "--help");
            assertTrue(opts.contains("--sun-misc-unsafe-memory-access=allow") && opts.contains("-XX:+UseCompactObjectHeaders"),
                    command + ": " + opts);
        }
        // bench too when every case it is given simulates, however the cases are written
        for (List<String> args : List.of(List.of("bench", "--case", "sim-vgg16"), List.of("bench", "--case=sim-vgg16-p88"),
                List.of("bench", "--case", "recost", "--repeat", "1", "--case=replay", "--param", "threads=1"))) {
            List<String> opts = optionsOf(env, args.toArray(String[]::new));
            assertTrue(opts.contains("-XX:+UseCompactObjectHeaders") && opts.contains("-XX:Tier4InvocationThreshold=150000"),
                    args + ": " + opts);
        }
        // the other commands stay on the PATH's java (here a stand-in without a release file: no new options),
        // and so does bench with a case that is not a simulation (training loads ND4J), or with none
        for (List<String> args : List.of(List.of("train", "--help"), List.of("bench"), List.of("bench", "--list"),
                List.of("bench", "--case", "sim-vgg16", "--case", "train"), List.of("bench", "--case=golden"),
                List.of("bench", "--param", "sim-vgg16", "--case", "golden"), List.of("bench", "--case"),
                List.of("bench", "--case="), List.of("bench", "--", "--case", "sim-vgg16"),
                List.of("bench", "--case", "sim-vgg16", "@more-arguments"))) {
            List<String> opts = optionsOf(env, args.toArray(String[]::new));
            assertFalse(opts.contains("-XX:+UseCompactObjectHeaders") || opts.contains("--sun-misc-unsafe-memory-access=allow")
                    || opts.contains("-XX:Tier4InvocationThreshold=150000"), args + ": " + opts);
        }
        // the user's own choice of headers stands
        Map<String, String> own = new java.util.HashMap<>(env);
        own.put("XBARSIM_JAVA_OPTS", "-Xmx1g -XX:-UseCompactObjectHeaders");
        assertFalse(optionsOf(own, "simulate", "--help").contains("-XX:+UseCompactObjectHeaders"));
        // XBARSIM_SIM_JAVA=0: the PATH's java, also for simulate
        Map<String, String> off = Map.of("XBARSIM_SIM_JAVA", "0", "XBARSIM_CDS", "0");
        assertFalse(optionsOf(off, "simulate", "--help").contains("-XX:+UseCompactObjectHeaders"));
        // a Java 21 named by hand runs them, without Java 25's options
        List<String> old = optionsOf(Map.of("XBARSIM_SIM_JAVA", standInJdk("jdk21", 21).toString(), "XBARSIM_CDS", "0"),
                "simulate", "--help");
        assertFalse(old.contains("-XX:+UseCompactObjectHeaders") || old.contains("--sun-misc-unsafe-memory-access=allow"),
                old.toString());
        // a path that is not an executable: a clear refusal, before anything runs
        Run missing = launch(Map.of("XBARSIM_SIM_JAVA", install.resolve("no-such-jdk/bin/java").toString()), "simulate", "--help");
        assertEquals(2, missing.exit(), missing.stderr());
        assertTrue(missing.stderr().contains("XBARSIM_SIM_JAVA=") && missing.stderr().contains("not an executable java"),
                missing.stderr());
        assertEquals("", missing.stdout());
        Run notJava = launch(Map.of("XBARSIM_SIM_JAVA", "/bin/true"), "simulate", "--help");
        assertEquals(2, notJava.exit(), notJava.stderr());
        assertTrue(notJava.stderr().contains("not an executable java"), notJava.stderr());
    }

    @Test
    void onJava25TheFirstRunRecordsForTheAheadOfTimeCacheAndLaterRunsUseIt() throws Exception {
        assumeTrue(jarToolPresent(), "needs the JDK's jar tool");
        Path jdk25 = standInJdk("jdk25", 25);
        Map<String, String> env = Map.of("XBARSIM_SIM_JAVA", jdk25.toString());
        // the stand-in writes no configuration, so no cache is made from this run, and nothing is left behind
        List<String> first = optionsOf(env, "simulate", "--model", "m.json");
        assertTrue(first.contains("-XX:AOTMode=record") && first.contains("-XX:-DisplayVMOutput"), first.toString());
        assertFalse(first.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit")), first.toString());
        Path cache = cacheRecordedBy(first);
        assertTrue(cache.getFileName().toString().matches("simulate-java25-\\d+\\.aot"), cache.toString());
        assertFalse(Files.exists(cache));
        assertEquals(List.of(), leftovers());
        // a current cache (newer than the jar, the class path and the java) is used
        Files.write(cache, new byte[] {1});
        List<String> next = optionsOf(env, "simulate", "--model", "m.json");
        assertTrue(next.contains("-XX:AOTCache=" + cache), next.toString());
        assertFalse(next.contains("-XX:AOTMode=record"), next.toString());
        // with the cache, Java 25's eager compilation (never while recording: the first run had none)
        assertTrue(next.contains("-XX:+AOTCompileEagerly") && next.contains("-XX:+UnlockExperimentalVMOptions"), next.toString());
        assertFalse(first.contains("-XX:+AOTCompileEagerly"), first.toString());
        // the user's choice stands (the option names the same cache: it is not part of the fingerprint)
        Map<String, String> own = new java.util.HashMap<>(env);
        own.put("JDK_JAVA_OPTIONS", "-XX:+UnlockExperimentalVMOptions -XX:-AOTCompileEagerly");
        List<String> notEager = optionsOf(own, "simulate", "--model", "m.json");
        assertTrue(notEager.contains("-XX:AOTCache=" + cache), notEager.toString());
        assertFalse(notEager.contains("-XX:+AOTCompileEagerly"), notEager.toString());
        // a later Java gets the cache but not the experimental option, which it may not know
        Map<String, String> later = Map.of("XBARSIM_SIM_JAVA", standInJdk("jdk26", 26).toString());
        Path laterCache = cacheRecordedBy(optionsOf(later, "simulate", "--model", "m.json"));
        Files.write(laterCache, new byte[] {1});
        List<String> onLater = optionsOf(later, "simulate", "--model", "m.json");
        assertTrue(onLater.contains("-XX:AOTCache=" + laterCache), onLater.toString());
        assertFalse(onLater.contains("-XX:+AOTCompileEagerly"), onLater.toString());
        // other JVM options: another cache (the JVM would refuse this one without a word)
        Map<String, String> bigger = new java.util.HashMap<>(env);
        bigger.put("XBARSIM_JAVA_OPTS", "-Xmx2g");
        List<String> other = optionsOf(bigger, "simulate", "--model", "m.json");
        assertTrue(other.contains("-XX:AOTMode=record"), other.toString());
        assertFalse(cacheRecordedBy(other).equals(cache), other.toString());
        // a simulation bench records a cache of its own per set of cases (the JIT's profiles come from
        // those cases), and listing them records none
        Path vgg = cacheRecordedBy(optionsOf(env, "bench", "--case", "sim-vgg16"));
        assertTrue(vgg.getFileName().toString().matches("bench-java25-\\d+\\.aot"), vgg.toString());
        assertEquals(vgg, cacheRecordedBy(optionsOf(env, "bench", "--case=sim-vgg16", "--repeat", "3")));
        assertFalse(vgg.equals(cacheRecordedBy(optionsOf(env, "bench", "--case", "replay"))));
        List<String> listing = optionsOf(env, "bench", "--case", "sim-vgg16", "--list");
        assertFalse(listing.contains("-XX:AOTMode=record"), listing.toString());
    }

    @Test
    void theLauncherFindsItsFolderThroughASymbolicLinkOrARelativePathWhateverCdpathSays() throws Exception {
        Path java = printingJava(install.resolve("fake-bin"));
        Path elsewhere = Files.createDirectories(install.resolve("elsewhere/bin"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("xb"), install.resolve("xbarsim"));
        // CDPATH names a folder with a subfolder of the install's name: cd must not go there, nor print
        Files.createDirectories(install.resolve("decoy").resolve(install.getFileName()));
        String expected = "-Dxbarsim.home=" + install.toRealPath();
        String name = install.getFileName().toString();
        // each way: the script's path as given, and the folder it is run from
        List<List<Object>> ways = List.of(List.of(link.toString(), install), List.of("../xbarsim", elsewhere.getParent()),
                List.of(name + "/xbarsim", install.getParent()), List.of("elsewhere/bin/xb", install));
        for (List<Object> how : ways) {
            ProcessBuilder pb = new ProcessBuilder("/bin/bash", (String) how.get(0), "simulate", "--model", "m.json")
                    .directory(((Path) how.get(1)).toFile());
            pb.environment().put("PATH", java.getParent() + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            pb.environment().put("CDPATH", install.resolve("decoy") + ":.");
            pb.environment().put("XBARSIM_CDS", "0");
            pb.environment().put("XBARSIM_SIM_JAVA", "0");
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), how + ": " + out);
            assertTrue(out.lines().anyMatch(expected::equals), how + ": " + out);
        }
    }

    @Test
    void eachCommandKeepsItsNewestThreeCaches() throws Exception {
        assumeTrue(jarToolPresent(), "needs the JDK's jar tool");
        // a stand-in Java 25 that writes what a real one would: the configuration when recording, the cache when creating
        Path home = install.resolve("jdk25-writing");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/bash\nmode=\"\"; conf=\"\"; cache=\"\"\nfor a in \"$@\"; do case \"$a\" in\n"
                + "  -XX:AOTMode=*) mode=\"${a#*=}\" ;; -XX:AOTConfiguration=*) conf=\"${a#*=}\" ;; -XX:AOTCache=*) cache=\"${a#*=}\" ;;\n"
                + "esac; done\n[[ $mode == record ]] && echo recorded > \"$conf\"\n[[ $mode == create ]] && echo cache > \"$cache\"\nexit 0\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        Path cds = target.resolve("cds");
        List<Path> made = new ArrayList<>();
        for (int heap = 1; heap <= 5; heap++) {
            Run r = launch(Map.of("XBARSIM_SIM_JAVA", java.toString(), "XBARSIM_JAVA_OPTS", "-Xmx" + heap + "g"),
                    "simulate", "--model", "m.json");
            assertEquals(0, r.exit(), r.stderr());
            try (var files = Files.list(cds)) {
                List<Path> caches = files.filter(f -> f.getFileName().toString().matches("simulate-java25-\\d+\\.aot")).toList();
                Path newest = caches.stream().filter(f -> !made.contains(f)).findFirst().orElseThrow(() -> new AssertionError(caches));
                made.add(newest);
                // newest first: the three kept are the last three made
                assertEquals(new java.util.HashSet<>(made.subList(Math.max(0, made.size() - 3), made.size())),
                        new java.util.HashSet<>(caches), "after " + heap + " sets of options");
            }
            // distinct modification times, a second apart and in the order made, whatever the file system's resolution
            long base = System.currentTimeMillis() - 60_000;
            for (int i = 0; i < made.size(); i++) {
                if (Files.exists(made.get(i))) {
                    Files.setLastModifiedTime(made.get(i), FileTime.fromMillis(base + 1000L * i));
                }
            }
        }
        assertEquals(List.of(), leftovers());
    }

    /** The cache a recording run's options would make: its configuration file's name without ".PID.conf.tmp". */
    private static Path cacheRecordedBy(List<String> options) {
        String conf = options.stream().filter(o -> o.startsWith("-XX:AOTConfiguration=")).findFirst()
                .orElseThrow(() -> new AssertionError("no recording: " + options)).substring("-XX:AOTConfiguration=".length());
        return Path.of(conf.replaceFirst("\\.\\d+\\.conf\\.tmp$", ""));
    }

    /** A JDK of release 25 or later where the launcher looks for one, or null. */
    private static Path installedJava25() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : (Iterable<Path>) homes::iterator) {
                Path release = home.resolve("release");
                if (Files.isExecutable(home.resolve("bin/java")) && Files.isReadable(release)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
                            .matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) >= 25) {
                        return home.resolve("bin/java");
                    }
                }
            }
        }
        return null;
    }

    @Test
    void aRealJava25WritesTheSameFilesWithAndWithoutItsCacheAsThePathsJava() throws Exception {
        assumeTrue(jarToolPresent(), "needs the JDK's jar tool");
        assumeTrue(installedJava25() != null, "needs a JDK 25 or later under /usr/lib/jvm");
        Path model = install.resolve("lenet.json");
        org.xbarsim.model.ModelFile.write(model, org.xbarsim.model.RandomModels.lenet5(9));
        Path input = RandomImages.write(install.resolve("images.json"), 1, 2, 784);
        String config = Path.of("sim-configs/defaults.conf").toAbsolutePath().toString();
        Map<String, Run> runs = new java.util.LinkedHashMap<>();
        for (String name : List.of("path-java", "java25-first", "java25-cached")) {
            Map<String, String> env = name.equals("path-java") ? Map.of("XBARSIM_SIM_JAVA", "0") : Map.of();
            Run r = launch(env, "simulate", "--model", model.toString(), "--config", config, "--input", input.toString(),
                    "--ideal-adc", "--quiet", "--out", name);
            assertEquals(0, r.exit(), name + ": " + r.stderr());
            assertEquals("", r.stderr(), name);
            runs.put(name, r);
            if (name.equals("java25-first")) {
                assertEquals(List.of(), leftovers());
                try (Stream<Path> caches = Files.list(target.resolve("cds"))) {
                    assertTrue(caches.anyMatch(f -> f.getFileName().toString().matches("simulate-java\\d+-\\d+\\.aot")),
                            "the first run on Java 25 leaves a cache");
                }
            }
        }
        // standard output: the same summary, and nothing of the JVM's (the recording run's line)
        String summary = runs.get("path-java").stdout().replace("path-java", "OUT");
        assertEquals(summary, runs.get("java25-first").stdout().replace("java25-first", "OUT"));
        assertEquals(summary, runs.get("java25-cached").stdout().replace("java25-cached", "OUT"));
        for (String file : List.of("report.json", "report.md", "outputs.jsonl", "trace.xbt", "run.json")) {
            byte[] expected = Files.readAllBytes(install.resolve("path-java").resolve(file));
            for (String name : List.of("java25-first", "java25-cached")) {
                assertTrue(java.util.Arrays.equals(expected, Files.readAllBytes(install.resolve(name).resolve(file))), name + ": " + file);
            }
        }
        String jvm = org.xbarsim.io.StrictJson.mapper().readTree(install.resolve("java25-cached/run-info.json").toFile())
                .get("jvm").asText();
        assertTrue(jvm.matches(".* (2[5-9]|[3-9]\\d)\\..*"), "the simulation ran on Java 25 or later: " + jvm);
        // the cache is usable: with AOTMode=on a JVM that cannot map it stops instead of running without it
        Run strict = launch(Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on"), "simulate", "--model", model.toString(),
                "--config", config, "--input", input.toString(), "--ideal-adc", "--quiet", "--out", "java25-strict");
        assertEquals(0, strict.exit(), strict.stderr());
        assertEquals(summary, strict.stdout().replace("java25-strict", "OUT"));
    }

    @Test
    void xbarsimCdsZeroRunsFromTheClassesAlone() throws Exception {
        assertVersion(launch(Map.of("XBARSIM_CDS", "0"), "--version"));
        assertFalse(Files.exists(target.resolve("xbarsim-app.jar")));
        assertFalse(Files.exists(target.resolve("cds")));
    }
}
