package org.xbarsim.hw;

import org.xbarsim.cost.Action;
import org.xbarsim.cost.ComponentKind;

/** Packs a (component kind, action) pair into the kernel's opaque activity code and back. */
public final class Actions {
    private static final int STRIDE = 16;

    private Actions() {
    }

    public static int code(ComponentKind kind, Action action) {
        return kind.ordinal() * STRIDE + action.ordinal();
    }

    public static ComponentKind kind(int code) {
        return ComponentKind.values()[code / STRIDE];
    }

    public static Action action(int code) {
        return Action.values()[code % STRIDE];
    }
}
