package org.xbarsim.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.xbarsim.UserInputException;

/**
 * Chooses which of ND4J's native builds backs the training math, before ND4J loads.
 *
 * <p>The class path carries three builds of {@code nd4j-native} for linux-x86_64: the generic one,
 * and two linked with oneDNN and compiled for AVX2 or AVX-512. JavaCPP loads the one named by the
 * system property {@code org.bytedeco.javacpp.platform.extension}; this class sets it from the
 * processor's flags (the fastest build the processor can run), or from the user's choice
 * ({@code XBARSIM_ND4J_BUILD} or {@code -Dxbarsim.nd4j.build}: {@code auto}, {@code generic},
 * {@code onednn-avx2}, {@code onednn-avx512}). The choice is fixed once ND4J has loaded, so
 * {@link #select()} must run before the first ND4J call: {@code Main} does it first thing.
 *
 * <p>Results are deterministic for a given build, seed and thread count; two builds may differ in
 * the last bits of float sums (docs/training.md compares their accuracy).
 */
public final class NativeBuild {
    /** JavaCPP's property naming the native library variant to load. */
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String CHOICE_PROPERTY = "xbarsim.nd4j.build";
    static final String CHOICE_ENV = "XBARSIM_ND4J_BUILD";
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    private static final String PLATFORM = "linux-x86_64";

    /** The builds this class can choose, fastest last. */
    public enum Variant {
        GENERIC("", "generic x86-64", Set.of()),
        ONEDNN_AVX2("-onednn-avx2", "oneDNN, AVX2", Set.of("avx2", "fma")),
        ONEDNN_AVX512("-onednn-avx512", "oneDNN, AVX-512",
                Set.of("avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));

        final String extension;
        final String label;
        final Set<String> cpuFlags;

        Variant(String extension, String label, Set<String> cpuFlags) {
            this.extension = extension;
            this.label = label;
            this.cpuFlags = cpuFlags;
        }

        /** The name users type: generic, onednn-avx2, onednn-avx512. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Variant parse(String text, String source) {
            for (Variant v : values()) {
                if (v.id().equals(text)) {
                    return v;
                }
            }
            throw new UserInputException(source + ": unknown ND4J build '" + text + "'; expected auto, "
                    + String.join(", ", Arrays.stream(values()).map(Variant::id).toList()));
        }
    }

    private static Selection selection;

    private NativeBuild() {}

    /** What was chosen and why. */
    public record Selection(Variant variant, String reason) {
        /** For logs and reports, e.g. "onednn-avx512 (oneDNN, AVX-512; auto: the CPU has AVX-512)". */
        public String describe() {
            return variant.id() + " (" + variant.label + "; " + reason + ")";
        }
    }

    /**
     * Sets JavaCPP's variant property for ND4J, once; later calls return the first choice. A user's
     * own {@code org.bytedeco.javacpp.platform.extension} is left as it is.
     *
     * @throws UserInputException when the user names an unknown build, or one the processor or the
     *     class path cannot provide
     */
    public static synchronized Selection select() {
        if (selection == null) {
            selection = choose(System.getProperty(CHOICE_PROPERTY), System.getenv(CHOICE_ENV), System.getProperty(EXTENSION_PROPERTY),
                    System.getProperty("os.name", "") + "/" + System.getProperty("os.arch", ""), cpuFlags(), NativeBuild::onClassPath);
            if (System.getProperty(EXTENSION_PROPERTY) == null) {
                System.setProperty(EXTENSION_PROPERTY, selection.variant().extension);
            }
        }
        return selection;
    }

    /**
     * The build ND4J actually loaded; empty before ND4J has loaded. On Linux it is read from the
     * libraries the process has mapped ({@code /proc/self/maps}) rather than from JavaCPP's table of
     * loaded libraries: the first use of JavaCPP's {@code Loader} loads its own native library, a
     * cost (and on Java 24 and later a warning on stderr) for a bench that only simulates.
     */
    public static String loaded() {
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            try (Stream<String> lines = Files.lines(maps)) {
                // a line ends in the mapped file's path, followed by " (deleted)" once the file is gone
                return lines.map(l -> l.endsWith(" (deleted)") ? l.substring(0, l.length() - " (deleted)".length()) : l)
                        .filter(l -> l.endsWith("/libjnind4jcpu.so"))
                        .map(l -> buildOf(l.substring(l.indexOf('/')))).findFirst().orElse("");
            } catch (IOException | UncheckedIOException e) {
                // unreadable after all: ask JavaCPP below
            }
        }
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().equals("jnind4jcpu") && e.getValue() != null) {
                return buildOf(e.getValue());
            }
        }
        return "";
    }

    /** The build a path of ND4J's JNI library belongs to ("onednn-avx512"), or "" if it is not one. */
    static String buildOf(String libraryPath) {
        String path = libraryPath.replace('\\', '/');
        int at = path.lastIndexOf("/bindings/" + PLATFORM);
        if (at < 0) {
            return "";
        }
        String dir = path.substring(at + "/bindings/".length()).split("/")[0];
        String ext = dir.substring(PLATFORM.length());
        for (Variant v : Variant.values()) {
            if (v.extension.equals(ext)) {
                return v.id();
            }
        }
        return dir;
    }

    /**
     * One line for reports: the selection and, once ND4J has loaded, the build it loaded when that
     * differs (the selection came too late).
     */
    public static String summary() {
        Selection s = select();
        String loaded = loaded();
        if (!loaded.isEmpty() && !loaded.equals(s.variant().id())) {
            return loaded + " (loaded before the choice; " + s.describe() + " was chosen)";
        }
        return s.describe();
    }

    /** The decision, separated from the machine for tests. */
    static Selection choose(String property, String env, String userExtension, String osArch, Set<String> flags,
            java.util.function.Predicate<Variant> available) {
        if (userExtension != null) {
            for (Variant v : Variant.values()) {
                if (v.extension.equals(userExtension)) {
                    return new Selection(v, "set by -D" + EXTENSION_PROPERTY);
                }
            }
            return new Selection(Variant.GENERIC, "-D" + EXTENSION_PROPERTY + "=" + userExtension + " set by the user");
        }
        String source = property != null ? "-D" + CHOICE_PROPERTY : CHOICE_ENV;
        String choice = property != null ? property.trim() : env == null ? "auto" : env.trim();
        boolean x86Linux = osArch.toLowerCase(Locale.ROOT).startsWith("linux/")
                && (osArch.endsWith("amd64") || osArch.endsWith("x86_64"));
        if (!choice.isEmpty() && !choice.equals("auto")) {
            Variant v = Variant.parse(choice, source);
            if (v != Variant.GENERIC) {
                if (!x86Linux) {
                    throw new UserInputException(source + "=" + choice + ": the oneDNN builds are for linux-x86_64; this is " + osArch);
                }
                List<String> missing = v.cpuFlags.stream().filter(f -> !flags.contains(f)).sorted().toList();
                if (!missing.isEmpty()) {
                    throw new UserInputException(source + "=" + choice + ": this processor lacks " + String.join(", ", missing));
                }
                if (!available.test(v)) {
                    throw new UserInputException(source + "=" + choice + ": nd4j-native's " + PLATFORM + v.extension
                            + " build is not on the class path (see pom.xml)");
                }
            }
            return new Selection(v, "chosen by " + source);
        }
        if (!x86Linux) {
            return new Selection(Variant.GENERIC, "auto: " + osArch + " has no oneDNN build here");
        }
        Variant[] fastestFirst = {Variant.ONEDNN_AVX512, Variant.ONEDNN_AVX2};
        for (Variant v : fastestFirst) {
            if (flags.containsAll(v.cpuFlags) && available.test(v)) {
                return new Selection(v, "auto: the processor has " + (v == Variant.ONEDNN_AVX512 ? "AVX-512" : "AVX2"));
            }
        }
        return new Selection(Variant.GENERIC, "auto: no AVX2 build fits this processor");
    }

    /** The processor's feature flags from /proc/cpuinfo (Linux); empty elsewhere. */
    static Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        Set<String> flags = new TreeSet<>();
        if (!Files.isReadable(cpuinfo)) {
            return flags;
        }
        try (var lines = Files.lines(cpuinfo)) {
            lines.filter(l -> l.startsWith("flags")).findFirst().ifPresent(l -> {
                int colon = l.indexOf(':');
                flags.addAll(Arrays.asList(l.substring(colon + 1).trim().split("\\s+")));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // unreadable: treat as a processor without extensions, the generic build always runs
        }
        return flags;
    }

    private static boolean onClassPath(Variant v) {
        String resource = BINDINGS + PLATFORM + v.extension + "/libjnind4jcpu.so";
        return NativeBuild.class.getClassLoader().getResource(resource) != null;
    }
}
