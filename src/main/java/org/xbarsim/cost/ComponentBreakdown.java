package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;

import java.util.EnumMap;
import java.util.Map;

/**
 * A quantity (area in um^2, energy in pJ, power in mW) per component kind, with sums taken in
 * {@link ComponentKind} order so that the same inputs give bit-identical totals.
 */
public final class ComponentBreakdown {
    private final double[] values;

    ComponentBreakdown(double[] values) {
        this.values = values.clone();
    }

    public static ComponentBreakdown zero() {
        return new ComponentBreakdown(new double[ComponentKind.values().length]);
    }

    public double get(ComponentKind kind) {
        return values[kind.ordinal()];
    }

    /** Sum over all kinds. */
    public double total() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** Sum over the computing kinds only ({@link ComponentKind#compute()}). */
    public double compute() {
        double s = 0;
        for (ComponentKind k : ComponentKind.values()) {
            if (k.compute()) {
                s += values[k.ordinal()];
            }
        }
        return s;
    }

    /** Sum over the non-computing kinds. */
    public double nonCompute() {
        double s = 0;
        for (ComponentKind k : ComponentKind.values()) {
            if (!k.compute()) {
                s += values[k.ordinal()];
            }
        }
        return s;
    }

    /** Element-wise sum. */
    public ComponentBreakdown plus(ComponentBreakdown other) {
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += other.values[i];
        }
        return new ComponentBreakdown(v);
    }

    /** Every value multiplied by {@code factor}. */
    public ComponentBreakdown times(double factor) {
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return new ComponentBreakdown(v);
    }

    /** Every kind's value, in enum order. */
    public Map<ComponentKind, Double> asMap() {
        Map<ComponentKind, Double> m = new EnumMap<>(ComponentKind.class);
        for (ComponentKind k : ComponentKind.values()) {
            m.put(k, values[k.ordinal()]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentBreakdown b && java.util.Arrays.equals(b.values, values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
