package org.xbarsim.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams {@code outputs.jsonl}: one compact JSON object per line, per image, keys in the order
 * {@code index, label, predicted, logits}, e.g.
 * {@code {"index":0,"label":9,"predicted":9,"logits":[-1203,88,...]}}. Lines end with '\n'. The
 * caller writes images in index order. Use it inside an {@link OutputDirectory}: it writes the file
 * in place, and the directory's rename makes it visible.
 */
public final class OutputsWriter implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final Writer out;
    private final Path file;
    private long lines;

    private OutputsWriter(Writer out, Path file) {
        this.out = out;
        this.file = file;
    }

    public static OutputsWriter create(Path file) {
        try {
            return new OutputsWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes to a writer the caller owns (closed by {@link #close()}). */
    public static OutputsWriter to(Writer out) {
        return new OutputsWriter(out instanceof BufferedWriter ? out : new BufferedWriter(out), null);
    }

    public void write(ImageOutput o) {
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("index", o.index());
            if (o.label() == null) {
                g.writeNullField("label");
            } else {
                g.writeNumberField("label", o.label());
            }
            g.writeNumberField("predicted", o.predicted());
            g.writeArrayFieldStart("logits");
            for (long v : o.logits()) {
                g.writeNumber(v);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (file != null ? file : "outputs") + ": " + e.getMessage(), e);
        }
    }

    /** Lines written so far. */
    public long lines() {
        return lines;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + (file != null ? file : "outputs") + ": " + e.getMessage(), e);
        }
    }
}
