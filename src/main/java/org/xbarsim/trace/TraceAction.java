package org.xbarsim.trace;

/**
 * One action name as listed in a trace header.
 *
 * @param id   stable non-negative id, unique within the trace; records refer to it
 * @param name lower-case kebab-case name ({@link org.xbarsim.vocabulary.Action#key()} for what xbarsim writes)
 */
public record TraceAction(int id, String name) {
    public TraceAction {
        if (id < 0) {
            throw new IllegalArgumentException("action id must be >= 0, got " + id + " for " + name);
        }
        if (!Names.isValid(name)) {
            throw new IllegalArgumentException("action " + id + ": name '" + name
                    + "' must be lower-case kebab-case such as 'read'");
        }
    }
}
