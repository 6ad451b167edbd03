package org.xbarsim.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep, resolved and validated.
 *
 * @param id         the point's folder name under {@code DIR/points/}: {@code p} and its index in the
 *                   full cartesian product (so skipping points never renumbers the others)
 * @param values     swept label -> value as shown in the summary, {@code model} first, in axis order
 * @param typedValues the same values as the sweep file typed them (numbers, booleans, strings), for
 *                   {@code summary.json}
 * @param model      the model (and its baseline, if any) this point simulates
 * @param configText the resolved chip configuration: every key, so it loads without its base files
 * @param digest     SHA-256 over everything that decides the point's result (config, model files,
 *                   images, ADC mode): a finished point folder with another digest is run again
 */
public record SweepPoint(String id, Map<String, String> values, Map<String, Object> typedValues, SweepFile.ModelEntry model,
                         String configText, String digest) {
    public SweepPoint {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        typedValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(typedValues));
    }

    /** {@code adc.bits=6, crossbar.rows=64} for messages. */
    public String describe() {
        return SweepPlan.describe(values);
    }
}
