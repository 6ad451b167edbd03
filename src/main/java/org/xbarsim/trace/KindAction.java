package org.xbarsim.trace;

/**
 * A (component kind, action) pair, the key of action counts and energies. Ordered by kind, then
 * action; written as {@code kind/action} (e.g. {@code adc/convert}) in reports.
 */
public record KindAction(String kind, String action) implements Comparable<KindAction> {
    @Override
    public int compareTo(KindAction o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : action.compareTo(o.action);
    }

    /** {@code kind/action}. */
    public String key() {
        return kind + "/" + action;
    }

    @Override
    public String toString() {
        return key();
    }
}
