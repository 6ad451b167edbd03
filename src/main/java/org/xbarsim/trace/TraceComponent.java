package org.xbarsim.trace;

/**
 * One simulated component as named in a trace header.
 *
 * @param id   stable non-negative id, unique within the trace; records refer to it
 * @param name hierarchical name, '/'-separated, e.g. {@code tile3/xbar12}
 * @param kind component kind, lower-case kebab-case ({@link org.xbarsim.vocabulary.ComponentKind#key()} for what xbarsim writes)
 * @param tile tile index, or -1 for chip-level components (the network)
 */
public record TraceComponent(int id, String name, String kind, int tile) {
    public TraceComponent {
        if (id < 0) {
            throw new IllegalArgumentException("component id must be >= 0, got " + id + " for " + name);
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("component " + id + ": name must not be empty");
        }
        if (!Names.isValid(kind)) {
            throw new IllegalArgumentException("component " + id + " (" + name + "): kind '" + kind
                    + "' must be lower-case kebab-case such as 'shift-add'");
        }
        if (tile < -1) {
            throw new IllegalArgumentException("component " + id + " (" + name + "): tile must be >= -1, got " + tile);
        }
    }
}
