package org.xbarsim.trace;

/**
 * Energy of one unit action, supplied by the caller (the cost model) so that this package does
 * not depend on it.
 */
@FunctionalInterface
public interface ActionEnergy {
    /** Picojoules for one unit action {@code action} of a component of kind {@code kind}. */
    double picojoules(String kind, String action);
}
