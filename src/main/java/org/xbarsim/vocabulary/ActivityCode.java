package org.xbarsim.vocabulary;

/**
 * A (component kind, action) pair packed into the one int that the simulation kernel carries as an
 * opaque activity code (the kernel knows nothing of hardware), and unpacked again by whoever records
 * or counts it. Not a second vocabulary: the code is only the pair's position.
 */
public final class ActivityCode {
    // values() copies its array on every call; these are read once per recorded activity
    private static final ComponentKind[] KINDS = ComponentKind.values();
    private static final Action[] ACTIONS = Action.values();
    private static final int STRIDE = ACTIONS.length;

    private ActivityCode() {
    }

    public static int of(ComponentKind kind, Action action) {
        return kind.ordinal() * STRIDE + action.ordinal();
    }

    /** The code of "{@code kind} waited for a busy resource". */
    public static int stall(ComponentKind kind) {
        return of(kind, Action.STALL);
    }

    public static ComponentKind kind(int code) {
        return KINDS[code / STRIDE];
    }

    public static Action action(int code) {
        return ACTIONS[code % STRIDE];
    }
}
