package org.xbarsim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.xbarsim.UserInputException;
import org.xbarsim.io.InputFiles;

/**
 * A peer's figures for the same measurements (for example PyTorch's, from
 * bench/peers/pytorch_peer.py), so {@code bench --peer FILE} prints each ratio beside the median.
 *
 * @param peer    who measured them, e.g. "PyTorch 1.13.1 (CPU, float32)"
 * @param figures median per "case/measurement"
 */
public record PeerFigures(Path file, String peer, Map<String, Figure> figures) {
    static final String FORMAT = "xbarsim-bench-peer";

    /** One peer median and its unit. */
    public record Figure(double median, String unit) {
    }

    public PeerFigures {
        figures = Map.copyOf(figures);
    }

    /** The peer's figure for a measurement of a case, if it has one in the same unit. */
    Optional<Figure> figure(String caseName, BenchResult.Summary s) {
        Figure f = figures.get(caseName + "/" + s.name());
        return f != null && f.unit().equals(s.unit()) ? Optional.of(f) : Optional.empty();
    }

    /** How many times the peer's figure ours is, oriented so that above 1 means faster than the peer. */
    static double ratio(BenchResult.Summary ours, Figure peer) {
        return ours.higherIsBetter() ? ours.median() / peer.median() : peer.median() / ours.median();
    }

    public static PeerFigures read(Path file) {
        String text = InputFiles.readString(file, "peer file", InputFiles.MAX_REPORT_BYTES);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserInputException(file + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new UserInputException(file + ": format: expected \"" + FORMAT + "\" (a file written by "
                    + "bench/peers/pytorch_peer.py)");
        }
        if (root.path("version").asInt() != 1) {
            throw new UserInputException(file + ": version: " + root.path("version") + " is not supported (expected 1)");
        }
        JsonNode ms = root.path("measurements");
        if (!ms.isArray()) {
            throw new UserInputException(file + ": measurements: expected a list");
        }
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (int i = 0; i < ms.size(); i++) {
            JsonNode m = ms.get(i);
            String where = file + ": measurements[" + i + "]";
            String key = text(m, "case", where) + "/" + text(m, "name", where);
            JsonNode median = m.path("median");
            if (!median.isNumber() || !(median.asDouble() > 0) || !Double.isFinite(median.asDouble())) {
                throw new UserInputException(where + ".median: " + (median.isMissingNode() ? "missing: expected a positive number"
                        : "expected a positive number, got " + median));
            }
            if (figures.put(key, new Figure(median.asDouble(), text(m, "unit", where))) != null) {
                throw new UserInputException(where + ": " + key + " appears twice");
            }
        }
        return new PeerFigures(file, text(root, "peer", file.toString()), figures);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new UserInputException(where + "." + field + ": expected a non-empty string");
        }
        return v.asText();
    }
}
