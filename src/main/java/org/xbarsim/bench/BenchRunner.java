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

    public BenchResult run(BenchCase c) {
        c.setUp(options);
        try {
            for (int i = 0; i < options.warmup(); i++) {
                log.accept(c.name() + ": warm-up " + (i + 1) + "/" + options.warmup());
                c.run(options);
            }
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
            return new BenchResult(c.name(), c.description(), c.notes(), summaries);
        } finally {
            c.tearDown();
        }
    }
}
