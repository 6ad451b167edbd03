package org.xbarsim.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.xbarsim.train.NativeBuild;
import org.xbarsim.io.AtomicFiles;

/** Formats benchmark results: a plain-text table and a JSON document (written atomically). */
public final class BenchReport {
    public static final String FORMAT = "xbarsim-bench";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    /** One block per case: its description, notes, and a row per measurement. */
    public static String text(List<BenchResult> results, BenchOptions options) {
        return text(results, options, null);
    }

    /** As {@link #text(List, BenchOptions)}, with the ratio against a peer's figure where it has one. */
    public static String text(List<BenchResult> results, BenchOptions options, PeerFigures peer) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d measured repeat%s after %d warm-up%s and at least %s s of warm-up;"
                        + " median [min .. max]; %d processors, load average %.2f%n", options.repeat(),
                options.repeat() == 1 ? "" : "s", options.warmup(), options.warmup() == 1 ? "" : "s",
                num(options.warmupSeconds()), Runtime.getRuntime().availableProcessors(), loadAverage()));
        b.append("runtime: ").append(runtime()).append(System.lineSeparator());
        b.append("ND4J native build: ").append(NativeBuild.summary()).append(System.lineSeparator());
        for (BenchResult r : results) {
            b.append(System.lineSeparator()).append(r.name()).append(": ").append(r.description())
                    .append(System.lineSeparator());
            new TreeMap<>(r.notes()).forEach((k, v) -> b.append("  ").append(k).append(": ").append(v)
                    .append(System.lineSeparator()));
            int width = r.summaries().stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (BenchResult.Summary s : r.summaries()) {
                b.append(String.format(Locale.ROOT, "  %-" + width + "s  %s %s  [%s .. %s]", s.name(), num(s.median()),
                        s.unit(), num(s.min()), num(s.max())));
                if (peer != null) {
                    peer.figure(r.name(), s).ifPresent(f -> b.append(String.format(Locale.ROOT, "  peer %s: %.2fx",
                            num(f.median()), PeerFigures.ratio(s, f))));
                }
                b.append(System.lineSeparator());
            }
        }
        return b.toString();
    }

    /**
     * The Java runtime, its collectors and whether Java 25's ahead-of-time cache was used or recorded, as
     * in "Java 25.0.3 (OpenJDK 64-Bit Server VM), collectors Copy, MarkSweepCompact; with the
     * ahead-of-time cache": the launcher runs simulation-only benches on another runtime than the rest
     * (docs/speed.md, "Start-up"), and times on two runtimes do not compare.
     */
    static String runtime() {
        List<String> options = jvmOptions();
        String cache = options.stream().anyMatch(o -> o.startsWith("-XX:AOTMode=record"))
                ? "; recording the ahead-of-time cache (later runs start from it)"
                : options.stream().anyMatch(o -> o.startsWith("-XX:AOTCache=")) ? "; with the ahead-of-time cache" : "";
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "), collectors " + String.join(", ", collectors()) + cache;
    }

    /** The JVM's -X and -XX options (heap, collector, JIT, cache): they decide how fast the code runs. */
    private static List<String> jvmOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("-X")).toList();
    }

    private static List<String> collectors() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList();
    }

    /** The system load average over the last minute (other processes compete for the cores), or -1. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Three significant digits at least, no exponent for usual magnitudes. */
    static String num(double v) {
        double a = Math.abs(v);
        if (a >= 100 || a == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    public static String json(List<BenchResult> results, BenchOptions options) {
        return json(results, options, null);
    }

    public static String json(List<BenchResult> results, BenchOptions options, PeerFigures peer) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode o = root.putObject("options");
        o.put("repeat", options.repeat());
        o.put("warmup", options.warmup());
        o.put("warmupSeconds", options.warmupSeconds());
        o.put("threads", options.maxThreads());
        o.put("dataDir", options.dataDir() == null ? null : options.dataDir().toString());
        ObjectNode params = o.putObject("params");
        options.params().forEach(params::put);
        ObjectNode env = root.putObject("environment");
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVm", System.getProperty("java.vm.name"));
        ArrayNode gcs = env.putArray("collectors");
        collectors().forEach(gcs::add);
        ArrayNode jvm = env.putArray("jvmOptions");
        jvmOptions().forEach(jvm::add);
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("processors", Runtime.getRuntime().availableProcessors());
        env.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        env.put("loadAverageAtEnd", loadAverage());
        env.put("nd4jBuild", NativeBuild.summary());
        if (peer != null) {
            ObjectNode p = root.putObject("peer");
            p.put("file", peer.file().toString());
            p.put("peer", peer.peer());
        }
        ArrayNode cases = root.putArray("cases");
        for (BenchResult r : results) {
            ObjectNode c = cases.addObject();
            c.put("name", r.name());
            c.put("description", r.description());
            ObjectNode notes = c.putObject("notes");
            new TreeMap<>(r.notes()).forEach(notes::put);
            ArrayNode ms = c.putArray("measurements");
            for (BenchResult.Summary s : r.summaries()) {
                ObjectNode m = ms.addObject();
                m.put("name", s.name());
                m.put("unit", s.unit());
                m.put("higherIsBetter", s.higherIsBetter());
                m.put("median", s.median());
                m.put("min", s.min());
                m.put("max", s.max());
                if (peer != null) {
                    peer.figure(r.name(), s).ifPresent(f -> {
                        m.put("peerMedian", f.median());
                        m.put("ratioToPeer", PeerFigures.ratio(s, f));
                    });
                }
                ArrayNode vs = m.putArray("values");
                s.values().forEach(vs::add);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void writeJson(Path file, List<BenchResult> results, BenchOptions options, PeerFigures peer) {
        AtomicFiles.writeString(file, json(results, options, peer));
    }
}
