package org.xbarsim.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xbarsim.UserInputException;

/**
 * Reads the JSON files a user hands in (models, mappings, request lines) strictly: Jackson's defaults
 * let a key given twice silently keep its last value and ignored whatever followed the first value
 * (two files joined, a damaged tail), so such a file was read as something it does not say.
 */
public final class StrictJson {
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** The strict mapper itself, for readers that word their own messages; only for reading. */
    public static ObjectMapper mapper() {
        return READER;
    }

    /**
     * The tree of {@code json} (UTF-8); {@code source} starts the message of a refusal, which adds
     * {@code :line:column: not valid JSON: why}.
     */
    public static JsonNode readTree(String source, byte[] json) {
        try {
            return READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw refusal(source, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // from an in-memory array: not expected
        }
    }

    /** As {@link #readTree(String, byte[])}, for text already decoded. */
    public static JsonNode readTree(String source, String json) {
        try {
            return READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw refusal(source, e);
        }
    }

    private static UserInputException refusal(String source, JsonProcessingException e) {
        var loc = e.getLocation();
        String why = e.getOriginalMessage();
        if (e instanceof MismatchedInputException && why != null && why.startsWith("Trailing token")) {
            why = "more data after the end of the JSON value (two files joined, or a damaged file?)";
        }
        return new UserInputException(source + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                + ": not valid JSON: " + plain(why));
    }

    private static final java.util.regex.Pattern START_MARKER =
            java.util.regex.Pattern.compile(" ?\\(start marker at \\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]\\)");
    /** Jackson's advice to switch a reader feature on: no use to a user, whose file is what is wrong. */
    private static final java.util.regex.Pattern ENABLE_TO_ALLOW = java.util.regex.Pattern.compile(": enable `[^`]*` to allow");
    private static final java.util.regex.Pattern CONSTRAINT = java.util.regex.Pattern.compile(", from `StreamReadConstraints\\.[^`]*`");
    private static final java.util.regex.Pattern END_BEFORE_CLOSE =
            java.util.regex.Pattern.compile("Unexpected end-of-input: expected close marker for (Object|Array)");
    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(" ?(at )?\\[Source: [^\\]]*\\]");

    /**
     * Jackson's message for a user: without its "[Source: REDACTED ...]" parts, and a file cut short
     * said in words: "the JSON ends before the object opened at line 1, column 1 is closed (cut short?)".
     */
    public static String plain(String jacksonMessage) {
        if (jacksonMessage == null) {
            return "unreadable";
        }
        java.util.regex.Matcher m = START_MARKER.matcher(jacksonMessage);
        String opened = m.find() ? " opened at line " + m.group(1) + ", column " + m.group(2) : "";
        String rest = SOURCE.matcher(START_MARKER.matcher(jacksonMessage).replaceAll("")).replaceAll("");
        java.util.regex.Matcher eof = END_BEFORE_CLOSE.matcher(rest);
        if (eof.find()) {
            return "the JSON ends before the " + (eof.group(1).equals("Object") ? "object" : "list") + opened
                    + " is closed (cut short?)";
        }
        rest = rest.replace(" in VALUE_STRING", " inside a string");
        rest = ENABLE_TO_ALLOW.matcher(rest).replaceAll(" (not allowed in JSON)");
        rest = CONSTRAINT.matcher(rest).replaceAll("").strip();
        return rest + (rest.startsWith("Unexpected end-of-input") ? " (cut short?)" : "");
    }
}
