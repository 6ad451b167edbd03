package org.xbarsim.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The summarized result of one case.
 *
 * @param name        case name
 * @param description what it measures
 * @param notes       facts about the set-up
 * @param summaries   one per measurement name, in the order the case returned them
 */
public record BenchResult(String name, String description, Map<String, String> notes, List<Summary> summaries) {
    public BenchResult {
        notes = Map.copyOf(notes);
        summaries = List.copyOf(summaries);
    }

    /**
     * One measurement over the repeats.
     *
     * @param values every measured repeat, in order
     */
    public record Summary(String name, String unit, boolean higherIsBetter, double median, double min, double max,
                          List<Double> values) {
        public Summary {
            values = List.copyOf(values);
        }

        /** Median (mean of the middle two for an even count), min and max of {@code values}. */
        public static Summary of(String name, String unit, boolean higherIsBetter, List<Double> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no values for " + name);
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Summary(name, unit, higherIsBetter, median, v[0], v[n - 1], values);
        }
    }
}
