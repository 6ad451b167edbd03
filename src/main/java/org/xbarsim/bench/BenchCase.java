package org.xbarsim.bench;

import java.util.List;
import java.util.Map;

/**
 * One benchmark. The runner calls {@link #setUp} once, then {@link #run} for each warm-up and each
 * measured repeat, then {@link #tearDown}. Expensive preparation (building a model, loading a data
 * set) belongs in {@code setUp}, so that {@code run} measures only the work itself. To add a case,
 * write a class implementing this and add one line to {@link BenchRegistry#all()}.
 */
public interface BenchCase {
    /** Short stable name used by {@code --case}, e.g. {@code golden}. */
    String name();

    /** One line saying what is measured and on what. */
    String description();

    /** Whether the case runs by default (quick cases take seconds, not minutes). */
    default boolean quick() {
        return true;
    }

    /** Case parameters it understands ({@code --param key=value}), with their meaning. */
    default Map<String, String> parameters() {
        return Map.of();
    }

    default void setUp(BenchOptions options) {
    }

    /** One repeat: does the work and returns its measurements (the same names every time). */
    List<Measurement> run(BenchOptions options);

    /** Facts about the set-up for the report (inputs used, sizes), after {@link #setUp}. */
    default Map<String, String> notes() {
        return Map.of();
    }

    default void tearDown() {
    }
}
