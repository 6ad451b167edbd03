package org.xbarsim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.xbarsim.UserInputException;
import org.xbarsim.io.AtomicFiles;

/**
 * JSON for reports and run info: kebab-case keys in record declaration order, map entries sorted
 * by key, two-space indentation, '\n' line ends, and every {@code double} rounded to
 * {@value #SIGNIFICANT_DIGITS} significant digits (non-finite values become null). The same
 * values always give the same bytes.
 */
public final class ReportJson {
    /** Significant digits kept for every floating-point value. */
    public static final int SIGNIFICANT_DIGITS = 9;
    private static final MathContext ROUNDING = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);
    private static final ObjectMapper MAPPER = createMapper();

    private ReportJson() {
    }

    /** The configured mapper (shared; do not reconfigure). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper createMapper() {
        SimpleModule numbers = new SimpleModule("xbarsim-report-numbers");
        numbers.addSerializer(Double.class, new RoundedDoubleSerializer());
        numbers.addSerializer(double.class, new RoundedDoubleSerializer());
        ObjectMapper m = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(numbers);
        m.setDefaultPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
                .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n")));
        return m;
    }

    /** {@code value} rounded to {@value #SIGNIFICANT_DIGITS} significant digits, as written. */
    public static BigDecimal round(double value) {
        if (value == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal d = new BigDecimal(value).round(ROUNDING).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /**
     * Builds and caches the mapper's serializers for {@code types} now, so that writing them later does
     * not wait for it: the simulate command's report took 27 ms of introspection at the end of a
     * VGG-16 run, which it can do while the simulation runs (docs/simulation.md, "Sixteenth pass").
     */
    public static void prepare(Class<?>... types) {
        for (Class<?> t : types) {
            MAPPER.writerFor(t); // fetches the root serializer into the mapper's shared cache
        }
    }

    /** Pretty JSON text with a final newline. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} atomically (temporary file, then rename). */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, toJson(value));
    }

    /** Reads a {@code report.json}; bad files give a message naming the file and the problem. */
    public static SimulationReport readReport(Path file) {
        JsonNode tree = readTree(file);
        String format = tree.path("format").asText(null);
        if (!SimulationReport.FORMAT.equals(format)) {
            String hint = ComparisonReport.FORMAT.equals(format)
                    ? "; that folder is a compare output: its two simulation runs are " + file.resolveSibling("compressed")
                            + " and " + file.resolveSibling("baseline")
                    : "";
            throw new UserInputException(file + ": field 'format' is " + (format == null ? "missing" : "'" + format + "'")
                    + ", expected '" + SimulationReport.FORMAT + "'" + hint);
        }
        int version = tree.path("version").asInt(-1);
        if (version < SimulationReport.OLDEST_READABLE_VERSION || version > SimulationReport.VERSION) {
            throw new UserInputException(file + ": field 'version' is " + tree.path("version")
                    + "; this xbarsim reads report versions " + SimulationReport.OLDEST_READABLE_VERSION + " to "
                    + SimulationReport.VERSION);
        }
        try {
            return MAPPER.treeToValue(tree, SimulationReport.class);
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not a valid report: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a {@code compare} {@code report.json}; bad files give a message naming the file and the problem. */
    public static ComparisonReport readComparison(Path file) {
        JsonNode tree = readTree(file);
        String format = tree.path("format").asText(null);
        if (!ComparisonReport.FORMAT.equals(format)) {
            throw new UserInputException(file + ": field 'format' is " + (format == null ? "missing" : "'" + format + "'")
                    + ", expected '" + ComparisonReport.FORMAT + "'");
        }
        try {
            return MAPPER.treeToValue(tree, ComparisonReport.class);
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not a valid comparison report: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads any JSON file into a tree (for sweeps and comparisons that only need some keys). */
    public static JsonNode readTree(Path file) {
        if (Files.exists(file)) {
            org.xbarsim.io.InputFiles.check(file, "JSON file", org.xbarsim.io.InputFiles.MAX_REPORT_BYTES);
        }
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": file not found");
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not valid JSON: " + org.xbarsim.io.StrictJson.plain(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static final class RoundedDoubleSerializer extends StdSerializer<Double> {
        RoundedDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(round(value));
            }
        }
    }
}
