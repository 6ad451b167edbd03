package org.xbarsim.trace;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Headers and record streams shared by the trace tests. */
final class TraceFixtures {
    private TraceFixtures() {
    }

    /** Two tiles, each with 2 crossbars, 1 ADC, 1 shift-add, 1 input buffer; one network. */
    static TraceHeader smallHeader() {
        TraceHeader.Builder b = TraceHeader.builder("mlp-test", "tiny-chip", 1.2).windowCycles(16)
                .attribute("model-sha256", "ab12").attribute("images", "3");
        for (int t = 0; t < 2; t++) {
            b.component("tile" + t + "/xbar0", "crossbar", t);
            b.component("tile" + t + "/xbar1", "crossbar", t);
            b.component("tile" + t + "/adc0", "adc", t);
            b.component("tile" + t + "/shift-add0", "shift-add", t);
            b.component("tile" + t + "/input-buffer", "input-buffer", t);
        }
        b.component("network", "network", -1);
        for (String a : List.of("read", "convert", "operate", "sample", "write", "transfer", "stall")) {
            b.action(a);
        }
        return b.build();
    }

    /**
     * A pipeline-like stream in canonical order: every few cycles each component does an action
     * of a realistic size (crossbar reads of 1 cycle, 128 ADC conversions over 16 cycles, ...).
     */
    static List<TraceRecord> realisticRecords(TraceHeader h, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int comps = h.components().size();
        List<TraceRecord> out = new ArrayList<>(n);
        long cycle = 0;
        while (out.size() < n) {
            cycle += 1 + rnd.nextInt(3);
            int image = (int) (cycle / 5000);
            for (int c = 0; c < comps && out.size() < n; c++) {
                if (rnd.nextInt(4) == 0) {
                    continue;
                }
                String kind = h.components().get(c).kind();
                out.add(recordFor(kind, h, cycle, c, image, rnd));
            }
        }
        return out;
    }

    private static TraceRecord recordFor(String kind, TraceHeader h, long cycle, int c, int image, SplittableRandom rnd) {
        TraceDictionary d = h.dictionary();
        return switch (kind) {
            case "crossbar" -> TraceRecord.of(cycle, 1, c, d.actionId("read"), 1, image);
            case "adc" -> TraceRecord.of(cycle, 16, c, d.actionId("convert"), 128, image);
            case "shift-add" -> TraceRecord.of(cycle, 2, c, d.actionId("operate"), 128, image);
            case "input-buffer" -> new TraceRecord(cycle, 1, c,
                    d.actionId(rnd.nextBoolean() ? "read" : "write"), 1, image, 32);
            default -> new TraceRecord(cycle, 4 + rnd.nextInt(8), c, d.actionId("transfer"), 1, image,
                    16 * (1 + rnd.nextInt(16)));
        };
    }

    static byte[] bytesOf(TraceHeader h, List<TraceRecord> records, TraceWriter.Options options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter w = TraceWriter.to(bytes, h, options)) {
            records.forEach(w::write);
        }
        return bytes.toByteArray();
    }
}
