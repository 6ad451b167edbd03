package org.xbarsim.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model came from. No time stamps, so that the same training seed gives the same file.
 *
 * @param arch       architecture name (mlp, lenet5, vgg-small, vgg16, ...)
 * @param dataset    data set it was trained on
 * @param kind       "compressed" (pruned, multiplier-free), "baseline" (unpruned, general scales) or "random"
 * @param seed       training seed
 * @param accuracies measured top-1 accuracies in [0, 1], e.g. "float-test", "int-test"
 * @param notes      free-form strings (training options)
 */
public record Metadata(String arch, String dataset, String kind, long seed,
                       Map<String, Double> accuracies, Map<String, String> notes) {
    public Metadata {
        accuracies = java.util.Collections.unmodifiableMap(new TreeMap<>(accuracies));
        notes = java.util.Collections.unmodifiableMap(new TreeMap<>(notes));
    }

    public static Metadata of(String arch, String dataset, String kind, long seed) {
        return new Metadata(arch, dataset, kind, seed, Map.of(), Map.of());
    }
}
