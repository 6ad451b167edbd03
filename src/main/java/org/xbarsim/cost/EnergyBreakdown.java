package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.vocabulary.Action;

import java.util.ArrayList;
import java.util.List;

/** Dynamic energy in pJ per (component kind, action), in enum order, with per-component sums. */
public final class EnergyBreakdown {
    private final List<Entry> entries;
    private final ComponentBreakdown byComponent;

    EnergyBreakdown(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        double[] v = new double[ComponentKind.values().length];
        for (Entry e : this.entries) {
            v[e.kind().ordinal()] += e.energyPj();
        }
        this.byComponent = new ComponentBreakdown(v);
    }

    /** One priced count: {@code energyPj = count x energy per action (x cells for a crossbar read)}. */
    public record Entry(ComponentKind kind, Action action, long count, double energyPj) {
    }

    /** Non-zero entries, ordered by component kind then action. */
    public List<Entry> entries() {
        return entries;
    }

    public double energyPj(ComponentKind kind, Action action) {
        for (Entry e : entries) {
            if (e.kind() == kind && e.action() == action) {
                return e.energyPj();
            }
        }
        return 0;
    }

    /** Energy per component kind (pJ). */
    public ComponentBreakdown byComponent() {
        return byComponent;
    }

    public double totalPj() {
        return byComponent.total();
    }

    public double computePj() {
        return byComponent.compute();
    }

    static List<Entry> newList() {
        return new ArrayList<>();
    }
}
