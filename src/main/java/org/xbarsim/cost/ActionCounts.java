package org.xbarsim.cost;

import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.vocabulary.Action;

import java.util.ArrayList;
import java.util.List;

/**
 * A mutable tally of how many times each component kind performed each action (long counts). One
 * per actor or per cycle window; merge them with {@link #addAll}; freeze with {@link #snapshot()}.
 * Not thread-safe: each owner keeps its own and they are merged afterwards.
 */
public final class ActionCounts {
    private static final int ACTIONS = Action.values().length;
    private final long[] counts = new long[ComponentKind.values().length * ACTIONS];

    /** Adds {@code n >= 0} actions; throws if the component kind has no such action. */
    public ActionCounts add(ComponentKind kind, Action action, long n) {
        if (!kind.has(action)) {
            throw new IllegalArgumentException(kind.key() + " has no action " + action.key()
                    + " (it has " + kind.actions() + ")");
        }
        if (n < 0) {
            throw new IllegalArgumentException("action count must be >= 0, got " + n);
        }
        int i = index(kind, action);
        counts[i] = Math.addExact(counts[i], n);
        return this;
    }

    /** Adds one action. */
    public ActionCounts add(ComponentKind kind, Action action) {
        return add(kind, action, 1);
    }

    /** Adds every count of {@code other}. */
    public ActionCounts addAll(ActionCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Math.addExact(counts[i], other.counts[i]);
        }
        return this;
    }

    /** Adds every count of {@code other}. */
    public ActionCounts addAll(Snapshot other) {
        for (Entry e : other.entries()) {
            add(e.kind(), e.action(), e.count());
        }
        return this;
    }

    public long count(ComponentKind kind, Action action) {
        return kind.has(action) ? counts[index(kind, action)] : 0;
    }

    /** An immutable copy of the current counts. */
    public Snapshot snapshot() {
        List<Entry> entries = new ArrayList<>();
        for (ComponentKind k : ComponentKind.values()) {
            for (Action a : k.actions()) {
                long c = counts[index(k, a)];
                if (c != 0) {
                    entries.add(new Entry(k, a, c));
                }
            }
        }
        return new Snapshot(List.copyOf(entries));
    }

    private static int index(ComponentKind kind, Action action) {
        return kind.ordinal() * ACTIONS + action.ordinal();
    }

    /** One non-zero count. */
    public record Entry(ComponentKind kind, Action action, long count) {
    }

    /**
     * Frozen counts: only non-zero entries, ordered by component kind then action (enum order), so
     * iteration, equality and printing are deterministic.
     */
    public record Snapshot(List<Entry> entries) {
        public static final Snapshot EMPTY = new Snapshot(List.of());

        public Snapshot {
            entries = List.copyOf(entries);
        }

        public long count(ComponentKind kind, Action action) {
            for (Entry e : entries) {
                if (e.kind() == kind && e.action() == action) {
                    return e.count();
                }
            }
            return 0;
        }

        /** Sum of two snapshots. */
        public Snapshot plus(Snapshot other) {
            return new ActionCounts().addAll(this).addAll(other).snapshot();
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }
    }
}
