package org.xbarsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.xbarsim.UserInputException;

/** Reads {@code outputs.jsonl} back; every problem names the file, line and field. */
public final class OutputsReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputsReader() {
    }

    public static List<ImageOutput> readAll(Path file) {
        List<ImageOutput> out = new ArrayList<>();
        read(file, out::add);
        return out;
    }

    /** Streams the lines of {@code file} to {@code sink}. */
    public static void read(Path file, Consumer<ImageOutput> sink) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                sink.accept(parse(file, n, line));
            }
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": file not found");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ImageOutput parse(Path file, int lineNo, String line) {
        String where = file + ":" + lineNo + ": ";
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UserInputException(where + "not valid JSON: " + org.xbarsim.io.StrictJson.plain(e instanceof com.fasterxml.jackson.core.JacksonException j
                    ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (n == null || !n.isObject()) {
            throw new UserInputException(where + "expected a JSON object");
        }
        for (String field : new String[] {"index", "predicted"}) {
            if (!n.path(field).isIntegralNumber()) {
                throw new UserInputException(where + "field '" + field + "' is missing or not an integer");
            }
        }
        JsonNode label = n.get("label");
        if (label == null || !(label.isNull() || label.isIntegralNumber())) {
            throw new UserInputException(where + "field 'label' must be an integer or null");
        }
        JsonNode logits = n.get("logits");
        if (logits == null || !logits.isArray() || logits.isEmpty()) {
            throw new UserInputException(where + "field 'logits' must be a non-empty array of integers");
        }
        List<Long> values = new ArrayList<>();
        for (JsonNode v : logits) {
            if (!v.isIntegralNumber()) {
                throw new UserInputException(where + "field 'logits' holds a non-integer: " + v);
            }
            values.add(v.asLong());
        }
        try {
            return new ImageOutput(n.get("index").asInt(), label.isNull() ? null : label.asInt(),
                    n.get("predicted").asInt(), values);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + e.getMessage());
        }
    }
}
