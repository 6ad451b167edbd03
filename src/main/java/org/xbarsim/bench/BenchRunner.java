package org.xbarsim.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs cases: set-up, warm-ups (discarded), measured repeats, tear-down; then summarizes. */
public final class BenchRunner {
    private final BenchOptions options;
    private final Consumer<String> log;

    /** @param log told what is running, for a progress display (may ignore) */
    public BenchRunner(BenchOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** The most warm-up runs a time-based warm-up adds (a case that returns at once cannot loop forever). */
    static final int MAX_TIMED_WARMUPS = 1000;

    /**
     * At least {@code warmup} runs, then more until {@code warmupSeconds} have passed since the first.
     *
     * @return how many warm-up runs there were
     */
    private int warmUp(BenchCase c) {
        long start = System.nanoTime();
        long minNanos = (long) (options.warmupSeconds() * 1e9);
        int n = 0;
        while (n < options.warmup() || (System.nanoTime() - start < minNanos && n < options.warmup() + MAX_TIMED_WARMUPS)) {
            n++;
            log.accept(n <= options.warmup()
                    ? c.name() + ": warm-up " + n + "/" + options.warmup()
                    : String.format(java.util.Locale.ROOT, "%s: warm-up %d (%.1f of %.0f s)", c.name(), n,
                            (System.nanoTime() - start) / 1e9, options.warmupSeconds()));
            c.run(options);
        }
        return n;
    }

    public BenchResult run(BenchCase c) {
        c.setUp(options);
        try {
            int warmups = warmUp(c);
            // measurement name -> values, in the order the case first returned them
            Map<String, List<Double>> values = new LinkedHashMap<>();
            Map<String, Measurement> first = new LinkedHashMap<>();
            for (int i = 0; i < options.repeat(); i++) {
                log.accept(c.name() + ": repeat " + (i + 1) + "/" + options.repeat());
                List<Measurement> ms = c.run(options);
                if (i > 0 && ms.size() != first.size()) {
                    throw new IllegalStateException("case " + c.name() + " returned " + ms.size()
                            + " measurements in repeat " + (i + 1) + " but " + first.size() + " before");
                }
                for (Measurement m : ms) {
                    if (i > 0 && !first.containsKey(m.name())) {
                        throw new IllegalStateException("case " + c.name() + " returned a new measurement '" + m.name()
                                + "' in repeat " + (i + 1));
                    }
                    first.putIfAbsent(m.name(), m);
                    values.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m.value());
                }
            }
            List<BenchResult.Summary> summaries = new ArrayList<>();
            for (Map.Entry<String, List<Double>> e : values.entrySet()) {
                Measurement m = first.get(e.getKey());
                summaries.add(BenchResult.Summary.of(m.name(), m.unit(), m.higherIsBetter(), e.getValue()));
            }
            Map<String, String> notes = new LinkedHashMap<>(c.notes());
            notes.put("warm-up runs", Integer.toString(warmups));
            return new BenchResult(c.name(), c.description(), notes, summaries);
        } finally {
            c.tearDown();
        }
    }
}
