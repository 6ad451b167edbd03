package org.xbarsim.trace;

import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * Energy of one unit action, supplied by the caller (the cost model: {@code CostModel::energyPerAction})
 * so that this package does not depend on it.
 */
@FunctionalInterface
public interface ActionEnergy {
    /** Picojoules for one {@code action} of a component of kind {@code kind}; 0 for unpriced actions (stalls). */
    double picojoules(ComponentKind kind, Action action);

    /**
     * The energy of a (kind, action) pair as a trace header spells it; 0 for names outside the
     * vocabulary (another producer's), which are counted but not priced.
     */
    default double picojoules(KindAction pair) {
        ComponentKind k = ComponentKind.fromKeyOrNull(pair.kind());
        Action a = Action.fromKeyOrNull(pair.action());
        return k == null || a == null || !k.has(a) ? 0 : picojoules(k, a);
    }
}
