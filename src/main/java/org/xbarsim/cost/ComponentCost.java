package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.vocabulary.Action;

import java.util.EnumMap;
import java.util.Map;

/**
 * The published cost of one component kind: energy per action in pJ, area in um^2 and leakage in
 * mW per instance (or per cell/byte/row as {@link ComponentKind#scaledBy()} says), and the
 * {@code source} the figures come from.
 */
public record ComponentCost(ComponentKind kind, Map<Action, Double> energyPj, double areaUm2, double leakageMw,
                            String source) {
    public ComponentCost {
        if (kind == null) {
            throw new IllegalArgumentException("component kind is missing");
        }
        EnumMap<Action, Double> copy = new EnumMap<>(Action.class);
        for (Action a : kind.actions()) {
            Double e = energyPj.get(a);
            if (e == null || !(e >= 0) || e.isInfinite()) {
                throw new IllegalArgumentException(kind.key() + " energy-pj." + a.key() + " = " + e
                        + ": must be a finite number >= 0");
            }
            copy.put(a, e);
        }
        for (Action a : energyPj.keySet()) {
            if (!kind.has(a)) {
                throw new IllegalArgumentException(kind.key() + " has no action " + a.key());
            }
        }
        energyPj = java.util.Collections.unmodifiableMap(copy);
        if (!(areaUm2 >= 0) || Double.isInfinite(areaUm2)) {
            throw new IllegalArgumentException(kind.key() + " area-um2 = " + areaUm2 + ": must be >= 0");
        }
        if (!(leakageMw >= 0) || Double.isInfinite(leakageMw)) {
            throw new IllegalArgumentException(kind.key() + " leakage-mw = " + leakageMw + ": must be >= 0");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(kind.key() + " source is empty: cite where the figures come from");
        }
    }

    public double energyPj(Action action) {
        Double e = energyPj.get(action);
        if (e == null) {
            throw new IllegalArgumentException(kind.key() + " has no action " + action.key());
        }
        return e;
    }
}
