package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One {@link ComponentCost} for every {@link ComponentKind}. */
public final class CostTable {
    private final Map<ComponentKind, ComponentCost> costs;

    public CostTable(Collection<ComponentCost> costs) {
        EnumMap<ComponentKind, ComponentCost> m = new EnumMap<>(ComponentKind.class);
        for (ComponentCost c : costs) {
            if (m.put(c.kind(), c) != null) {
                throw new IllegalArgumentException("two cost entries for " + c.kind().key());
            }
        }
        List<String> missing = new ArrayList<>();
        for (ComponentKind k : ComponentKind.values()) {
            if (!m.containsKey(k)) {
                missing.add(k.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("cost table has no entry for " + missing);
        }
        this.costs = m;
    }

    public ComponentCost get(ComponentKind kind) {
        return costs.get(kind);
    }

    /** Entries in {@link ComponentKind} order. */
    public List<ComponentCost> entries() {
        return List.copyOf(costs.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CostTable t && t.costs.equals(costs);
    }

    @Override
    public int hashCode() {
        return costs.hashCode();
    }

    @Override
    public String toString() {
        return "CostTable" + costs.values();
    }
}
