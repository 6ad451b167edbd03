package org.xbarsim.trace;

import java.util.Arrays;

/** Array-backed id lookups for one header (ids may be sparse; arrays are sized to the largest id). */
public final class TraceDictionary {
    private static final int MAX_ID = 1 << 24;
    private final TraceComponent[] components;
    private final TraceAction[] actions;

    TraceDictionary(TraceHeader header) {
        int maxC = header.components().stream().mapToInt(TraceComponent::id).max().orElse(-1);
        int maxA = header.actions().stream().mapToInt(TraceAction::id).max().orElse(-1);
        if (maxC >= MAX_ID || maxA >= MAX_ID) {
            throw new IllegalArgumentException("component and action ids must be < " + MAX_ID);
        }
        components = new TraceComponent[maxC + 1];
        actions = new TraceAction[maxA + 1];
        header.components().forEach(c -> components[c.id()] = c);
        header.actions().forEach(a -> actions[a.id()] = a);
    }

    /** The component with {@code id}, or null if the header has none. */
    public TraceComponent component(int id) {
        return id >= 0 && id < components.length ? components[id] : null;
    }

    /** The action with {@code id}, or null if the header has none. */
    public TraceAction action(int id) {
        return id >= 0 && id < actions.length ? actions[id] : null;
    }

    /** One more than the largest component id. */
    public int componentIdLimit() {
        return components.length;
    }

    /** One more than the largest action id. */
    public int actionIdLimit() {
        return actions.length;
    }

    /** The id of the action named {@code name}, or -1. */
    public int actionId(String name) {
        return Arrays.stream(actions).filter(a -> a != null && a.name().equals(name))
                .mapToInt(TraceAction::id).findFirst().orElse(-1);
    }
}
