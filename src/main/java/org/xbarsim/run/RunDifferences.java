package org.xbarsim.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.xbarsim.UserInputException;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportFlattener;
import org.xbarsim.report.ReportJson;
import org.xbarsim.trace.TraceReader;
import org.xbarsim.trace.TraceRecord;

/**
 * Compares two run directories file by file and names the first difference: the file, then the key
 * of a JSON file, the line of a text file or the record of a trace. {@code run-info.json} (wall
 * time, host) and the output marker are not compared: they differ from run to run by design. Nor is
 * {@code timeline.json}: {@code simulate --timeline} and {@code export-trace --run DIR} write it into
 * the run from its trace (which is compared), and run.json does not record whether one was asked for.
 * A sweep's point keeps no trace: there the re-run's trace is not compared, nor the point's own files.
 */
final class RunDifferences {
    private static final List<String> NOT_COMPARED = List.of("run-info.json", OutputDirectory.MARKER, "timeline.json");

    /** What a sweep's point folder holds beside the run's own files (docs/sweeps.md). */
    private static final List<String> SWEEP_POINT_FILES = List.of("point.json", "point.conf", "log.txt");

    private RunDifferences() {
    }

    /** The files compared: those of either directory but the ones that differ by design, sorted. */
    static List<String> files(Path recorded, Path rerun) {
        TreeSet<String> names = new TreeSet<>();
        names.addAll(list(recorded));
        names.addAll(list(rerun));
        names.removeAll(NOT_COMPARED);
        // a sweep point's own files are not the run's, and it keeps no trace
        if (org.xbarsim.report.RunDirectory.sweepPointOf(recorded) != null) {
            names.removeAll(SWEEP_POINT_FILES);
            names.removeIf(n -> (n.endsWith(".xbt") || n.endsWith(".xbt.gz")) && !Files.exists(recorded.resolve(n)));
        }
        return List.copyOf(names);
    }

    /** The first difference between the two directories, as a message naming {@code recorded}'s file; null if none. */
    static String first(Path recorded, Path rerun) {
        for (String name : files(recorded, rerun)) {
            Path a = recorded.resolve(name);
            Path b = rerun.resolve(name);
            if (!Files.exists(a)) {
                return a + ": missing (the re-run wrote it)";
            }
            if (!Files.exists(b)) {
                return a + ": the re-run did not write it";
            }
            long at = mismatch(a, b);
            if (at >= 0) {
                return a + ": " + describe(name, a, b, at);
            }
        }
        return null;
    }

    private static String describe(String name, Path a, Path b, long byteOffset) {
        if (name.endsWith(".xbt") || name.endsWith(".xbt.gz")) {
            return traceDifference(a, b, byteOffset);
        }
        if (name.endsWith(".json")) {
            String key = jsonDifference(a, b);
            if (key != null) {
                return key;
            }
        }
        return lineDifference(a, b);
    }

    private static String jsonDifference(Path a, Path b) {
        JsonNode ta;
        try {
            ta = ReportJson.readTree(a);
        } catch (UserInputException e) {
            return e.getMessage();
        }
        Map<String, JsonNode> fa = ReportFlattener.flatten(ta);
        Map<String, JsonNode> fb = ReportFlattener.flatten(ReportJson.readTree(b));
        for (Map.Entry<String, JsonNode> e : fb.entrySet()) {
            JsonNode was = fa.get(e.getKey());
            if (!Objects.equals(was, e.getValue())) {
                return "key " + e.getKey() + " is " + (was == null ? "missing" : was) + ", the re-run gives " + e.getValue();
            }
        }
        for (String key : fa.keySet()) {
            if (!fb.containsKey(key)) {
                return "key " + key + " is not in the re-run's file";
            }
        }
        return null;
    }

    private static String lineDifference(Path a, Path b) {
        try (Stream<String> la = Files.lines(a, StandardCharsets.UTF_8); Stream<String> lb = Files.lines(b, StandardCharsets.UTF_8)) {
            Iterator<String> ia = la.iterator();
            Iterator<String> ib = lb.iterator();
            for (long line = 1; ; line++) {
                boolean ha = ia.hasNext();
                boolean hb = ib.hasNext();
                if (!ha && !hb) {
                    return "the bytes differ but no line does (line ends?)";
                }
                if (ha != hb) {
                    return "line " + line + ": " + (ha ? "the re-run's file ends before it" : "missing (the re-run's has more lines)");
                }
                String x = ia.next();
                String y = ib.next();
                if (!x.equals(y)) {
                    return "line " + line + " is '" + abbreviate(x) + "', the re-run gives '" + abbreviate(y) + "'";
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "differs (cannot read it as text: " + e.getMessage() + ")";
        }
    }

    private static String traceDifference(Path a, Path b, long byteOffset) {
        try (TraceReader ra = TraceReader.open(a); TraceReader rb = TraceReader.open(b)) {
            if (!ra.header().equals(rb.header())) {
                return "the header differs from the re-run's";
            }
            for (long i = 0; ; i++) {
                TraceRecord x = ra.next();
                TraceRecord y = rb.next();
                if (x == null && y == null) {
                    return "same records, but the bytes differ at offset " + byteOffset;
                }
                if (!Objects.equals(x, y)) {
                    return "record " + i + " is " + (x == null ? "missing" : x) + ", the re-run gives " + (y == null ? "none" : y);
                }
            }
        } catch (UserInputException e) {
            return "unreadable where the re-run's is not: " + e.getMessage();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** Offset of the first differing byte, or -1 when the files are equal. */
    private static long mismatch(Path a, Path b) {
        try {
            return Files.mismatch(a, b);
        } catch (IOException e) {
            throw new UserInputException(a + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> list(Path dir) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
        return out;
    }
}
