package org.xbarsim.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams {@code requests.jsonl}: one compact JSON object per request, in the order the host
 * settled them (finished or rejected), e.g.
 * {@code {"id":"r7","status":"done","arrival":1200,"start":1200,"finish":904513,"latency":903313,"predicted":9,"label":9,"logits":[...]}}
 * or {@code {"id":"r8","status":"rejected","arrival":1300}}. Times are cycles. Use it inside an
 * {@link OutputDirectory}, whose rename makes the file visible.
 */
public final class RequestsWriter implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory().setRootValueSeparator(null);
    private final Path file;
    private final Writer out;
    private final JsonGenerator g;

    private RequestsWriter(Path file, Writer out) throws IOException {
        this.file = file;
        this.out = out;
        this.g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    public static RequestsWriter create(Path file) {
        try {
            return new RequestsWriter(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** A request that ran: {@code label} may be null. */
    public void done(String id, long arrival, long start, long finish, int predicted, Integer label, int[] logits) {
        try {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("status", "done");
            g.writeNumberField("arrival", arrival);
            g.writeNumberField("start", start);
            g.writeNumberField("finish", finish);
            g.writeNumberField("latency", finish - arrival);
            g.writeNumberField("predicted", predicted);
            if (label == null) {
                g.writeNullField("label");
            } else {
                g.writeNumberField("label", label);
            }
            g.writeArrayFieldStart("logits");
            for (int v : logits) {
                g.writeNumber(v);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A request refused at a full queue. */
    public void rejected(String id, long arrival) {
        try {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("status", "rejected");
            g.writeNumberField("arrival", arrival);
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            g.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file + ": " + e.getMessage(), e);
        }
    }
}
