package org.xbarsim.sim;

/** A component broke a timing rule of the kernel (a message too early, an event in the past). */
public final class WindowRuleException extends IllegalStateException {
    public WindowRuleException(String message) {
        super(message);
    }
}
