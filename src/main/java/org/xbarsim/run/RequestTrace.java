package org.xbarsim.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbarsim.DidYouMean;
import org.xbarsim.UserInputException;
import org.xbarsim.data.ImageSet;
import org.xbarsim.io.InputFiles;

/**
 * A request trace (docs/replay.md): JSON lines, a header line then one request a line, read one
 * line at a time. Every problem is a {@link UserInputException} naming the file and the line.
 */
public final class RequestTrace implements AutoCloseable {
    public static final String FORMAT = "xbarsim-requests";
    public static final int VERSION = 1;
    /** A longer line is refused (a request with inline pixels of a 3x32x32 image is about 12 KiB). */
    public static final int MAX_LINE_CHARS = 4 << 20;
    /**
     * The latest arrival accepted, in cycles: 2^53 (about 81 days at 1.28 GHz), exact as a double.
     * Cycles near 2^63 overflowed the host queue's timeline, and the replay then never ended.
     */
    public static final long MAX_ARRIVAL_CYCLES = 1L << 53;
    static final List<String> HEADER_KEYS = List.of("format", "version", "arrival-unit", "dataset", "split", "description");
    static final List<String> REQUEST_KEYS = List.of("id", "arrival", "index", "pixels");
    private static final ObjectMapper JSON = org.xbarsim.io.StrictJson.mapper();

    /** The unit of {@code arrival}. */
    public enum Unit {
        CYCLES, NS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The header line.
     *
     * @param dataset     the data set {@code index} refers to, or null when requests carry their pixels
     * @param split       {@code test} or {@code train} (default {@code test})
     * @param description free text, or null
     */
    public record Header(Unit unit, String dataset, String split, String description) {}

    /**
     * One request as read.
     *
     * @param line         its line number (1 is the header)
     * @param arrivalCycle its arrival, in cycles of the chip's clock
     * @param index        its data-set index, or -1 when it carries pixels
     * @param pixels       its raw pixels (0..255, CHW), or null when it names a data-set index
     */
    public record Line(long line, String id, long arrivalCycle, int index, byte[] pixels) {}

    /** What a full check of the file found. */
    public record Summary(long requests, long firstArrivalCycle, long lastArrivalCycle) {}

    private final Path file;
    private final BufferedReader in;
    private final Header header;
    private final double clockGhz;
    private final int inputSize;
    private final ImageSet dataSet;
    private long lineNo = 1;
    private double lastArrival = Double.NEGATIVE_INFINITY;

    private RequestTrace(Path file, BufferedReader in, Header header, double clockGhz, int inputSize, ImageSet dataSet) {
        this.file = file;
        this.in = in;
        this.header = header;
        this.clockGhz = clockGhz;
        this.inputSize = inputSize;
        this.dataSet = dataSet;
    }

    /** Reads only the header line of {@code file}. */
    public static Header header(Path file) {
        try (RequestTrace t = open(file, 1, 1, null)) {
            return t.header;
        }
    }

    /**
     * Opens {@code file} for reading its requests.
     *
     * @param clockGhz  the chip's clock, to turn arrivals in ns into cycles
     * @param inputSize values per image the model takes: inline pixels must have as many
     * @param dataSet   the set {@code index} refers to (the header's), or null when the header names none
     */
    public static RequestTrace open(Path file, double clockGhz, int inputSize, ImageSet dataSet) {
        InputFiles.check(file, "request trace", InputFiles.MAX_TRACE_BYTES);
        BufferedReader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the request trace: " + e.getMessage());
        }
        try {
            String first = readLine(in, file, 1);
            if (first == null || first.isBlank()) {
                throw new UserInputException(file + ":1: empty: the first line must be the header, e.g. {\"format\": \""
                        + FORMAT + "\", \"version\": " + VERSION + ", \"arrival-unit\": \"ns\"}");
            }
            return new RequestTrace(file, in, parseHeader(file, first), clockGhz, inputSize, dataSet);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /**
     * Reads the whole file once and checks every line (including that no id comes twice: the ids
     * are kept for this check only).
     */
    public static Summary check(Path file, double clockGhz, int inputSize, ImageSet dataSet) {
        Set<String> ids = new HashSet<>();
        long n = 0;
        long first = 0;
        long last = 0;
        try (RequestTrace t = open(file, clockGhz, inputSize, dataSet)) {
            Line l;
            while ((l = t.next()) != null) {
                if (!ids.add(l.id())) {
                    throw new UserInputException(file + ":" + l.line() + ": id '" + l.id() + "' is used by an earlier request: "
                            + "every request needs its own id");
                }
                if (n++ == 0) {
                    first = l.arrivalCycle();
                }
                last = l.arrivalCycle();
            }
        }
        if (n == 0) {
            throw new UserInputException(file + ": no requests: the file has only its header line");
        }
        return new Summary(n, first, last);
    }

    public Header header() {
        return header;
    }

    /** The next request, or null at the end of the file. */
    public Line next() {
        while (true) {
            String text = readLine(in, file, ++lineNo);
            if (text == null) {
                return null;
            }
            if (!text.isBlank()) {
                return parseRequest(text);
            }
        }
    }

    private Line parseRequest(String text) {
        String at = file + ":" + lineNo + ": ";
        JsonNode n = object(text, at);
        unknownKeys(n, REQUEST_KEYS, at, "a request");
        JsonNode id = n.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isEmpty()) {
            throw new UserInputException(at + "id " + (id == null ? "is missing" : "= " + id + ": must be a non-empty string or "
                    + "an integer"));
        }
        JsonNode arrival = n.get("arrival");
        if (arrival == null || !arrival.isNumber() || arrival.doubleValue() < 0 || !Double.isFinite(arrival.doubleValue())) {
            throw new UserInputException(at + "arrival " + (arrival == null ? "is missing" : "= " + arrival + ": must be a "
                    + "number >= 0") + " (" + header.unit().key() + ")");
        }
        if (header.unit() == Unit.CYCLES && !(arrival.isIntegralNumber() && arrival.canConvertToLong())) {
            throw new UserInputException(at + "arrival = " + arrival + ": must be a whole number of cycles (the header says "
                    + "\"arrival-unit\": \"cycles\")");
        }
        double a = arrival.doubleValue();
        if (a < lastArrival) {
            throw new UserInputException(at + "arrival = " + arrival + " goes backwards: the request before arrives at "
                    + plain(lastArrival) + " " + header.unit().key() + "; requests must be in arrival order");
        }
        lastArrival = a;
        long cycle = header.unit() == Unit.CYCLES ? arrival.longValue() : Math.round(a * clockGhz);
        if (cycle > MAX_ARRIVAL_CYCLES) {
            throw new UserInputException(at + "arrival = " + arrival + " " + header.unit().key() + " is past the latest "
                    + "arrival a replay takes, " + MAX_ARRIVAL_CYCLES + " cycles (about "
                    + Math.round(MAX_ARRIVAL_CYCLES / clockGhz / 1e9 / 86400) + " days at " + plain(clockGhz) + " GHz)");
        }
        JsonNode index = n.get("index");
        JsonNode pixels = n.get("pixels");
        if ((index == null) == (pixels == null)) {
            throw new UserInputException(at + "give the input as either \"index\" (into the header's data set) or \"pixels\" "
                    + "(raw values), " + (index == null ? "neither is there" : "not both"));
        }
        if (index != null) {
            return new Line(lineNo, id.asText(), cycle, dataSetIndex(index, at), null);
        }
        return new Line(lineNo, id.asText(), cycle, -1, pixels(pixels, at));
    }

    private int dataSetIndex(JsonNode index, String at) {
        if (header.dataset() == null) {
            throw new UserInputException(at + "index = " + index + ": the header names no data set (add \"dataset\": "
                    + "\"fashion-mnist\" to line 1)");
        }
        if (!index.isIntegralNumber() || !index.canConvertToInt() || index.intValue() < 0) {
            throw new UserInputException(at + "index = " + index + ": must be an integer >= 0");
        }
        if (dataSet != null && index.intValue() >= dataSet.size()) {
            throw new UserInputException(at + "index = " + index + " is outside the data set: " + header.dataset() + " ("
                    + header.split() + ") has " + dataSet.size() + " images, numbered 0.." + (dataSet.size() - 1));
        }
        return index.intValue();
    }

    private byte[] pixels(JsonNode pixels, String at) {
        if (!pixels.isArray()) {
            throw new UserInputException(at + "pixels = " + abbreviate(pixels) + ": must be an array of integers in [0, 255]");
        }
        if (pixels.size() != inputSize) {
            throw new UserInputException(at + "pixels has " + pixels.size() + " values, the model takes " + inputSize);
        }
        byte[] out = new byte[inputSize];
        for (int k = 0; k < inputSize; k++) {
            JsonNode v = pixels.get(k);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0 || v.intValue() > 255) {
                throw new UserInputException(at + "pixels[" + k + "] = " + v + ": must be an integer in [0, 255]");
            }
            out[k] = (byte) v.intValue();
        }
        return out;
    }

    private static Header parseHeader(Path file, String text) {
        String at = file + ":1: ";
        JsonNode n = object(text, at);
        if (!FORMAT.equals(n.path("format").asText(null))) {
            throw new UserInputException(at + "format = " + n.get("format") + ": the first line must be the header with "
                    + "\"format\": \"" + FORMAT + "\"");
        }
        unknownKeys(n, HEADER_KEYS, at, "the header");
        if (!n.path("version").isInt() || n.get("version").intValue() != VERSION) {
            throw new UserInputException(at + "version = " + n.get("version") + ": this xbarsim reads version " + VERSION);
        }
        String unit = n.path("arrival-unit").asText(null);
        Unit u = null;
        for (Unit x : Unit.values()) {
            if (x.key().equals(unit)) {
                u = x;
            }
        }
        if (u == null) {
            throw new UserInputException(at + "arrival-unit = " + n.get("arrival-unit") + ": must be \"ns\" or \"cycles\"");
        }
        String dataset = text(n, "dataset", at);
        String split = text(n, "split", at);
        if (split == null) {
            split = "test";
        } else if (!split.equals("test") && !split.equals("train")) {
            throw new UserInputException(at + "split = \"" + split + "\": must be \"test\" or \"train\"");
        }
        return new Header(u, dataset, split, text(n, "description", at));
    }

    private static String text(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new UserInputException(at + key + " = " + v + ": must be a string");
        }
        return v.asText();
    }

    private static JsonNode object(String text, String at) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserInputException(at + "not valid JSON: " + (e.getOriginalMessage().startsWith("Trailing token")
                    ? "more data after the line's JSON object (one object a line)" : org.xbarsim.io.StrictJson.plain(e.getOriginalMessage())));
        }
        if (n == null || !n.isObject()) {
            throw new UserInputException(at + "expected one JSON object on the line, found " + abbreviate(n));
        }
        return n;
    }

    private static void unknownKeys(JsonNode n, List<String> known, String at, String what) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new UserInputException(at + "unknown field '" + k + "' in " + what + DidYouMean.hint(k, known)
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** One line, or null at the end; a line longer than {@link #MAX_LINE_CHARS} is refused before it is held whole. */
    private static String readLine(Reader in, Path file, long lineNo) {
        StringBuilder b = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    return b.toString();
                }
                if (b.length() >= MAX_LINE_CHARS) {
                    throw new UserInputException(file + ":" + lineNo + ": line longer than " + MAX_LINE_CHARS
                            + " characters: one request a line");
                }
                b.append((char) c);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            // the decoder's own message was only "Input length = 1"
            throw new UserInputException(file + ":" + lineNo + ": not UTF-8 text (a gzip or other binary file?); a request"
                    + " trace is plain JSON lines");
        } catch (IOException e) {
            throw new UserInputException(file + ":" + lineNo + ": cannot read: " + e.getMessage());
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void closeQuietly(Reader r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // nothing was written; the read error, if any, is reported instead
        }
    }

    @Override
    public void close() {
        closeQuietly(in);
    }
}
