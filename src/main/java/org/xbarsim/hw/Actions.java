package org.xbarsim.hw;

import org.xbarsim.cost.Action;
import org.xbarsim.cost.ComponentKind;

/** Packs a (component kind, action) pair into the kernel's opaque activity code and back. */
public final class Actions {
    private static final int STRIDE = 16;

    private Actions() {
    }

    /** Slot of the stall pseudo-action (waiting for a busy resource): traced, never priced. */
    private static final int STALL = STRIDE - 1;

    public static int code(ComponentKind kind, Action action) {
        return kind.ordinal() * STRIDE + action.ordinal();
    }

    /** The code of "{@code kind} waited for a busy resource". */
    public static int stall(ComponentKind kind) {
        return kind.ordinal() * STRIDE + STALL;
    }

    public static boolean isStall(int code) {
        return code % STRIDE == STALL;
    }

    public static ComponentKind kind(int code) {
        return ComponentKind.values()[code / STRIDE];
    }

    /** The priced action of a code; not defined for stalls. */
    public static Action action(int code) {
        if (isStall(code)) {
            throw new IllegalArgumentException("a stall is not a priced action");
        }
        return Action.values()[code % STRIDE];
    }
}
