package org.xbarsim.sim;

import java.util.PriorityQueue;

/**
 * The pending events of one component, in the kernel's total order. Arrival order never matters:
 * events are taken by key. Two events with the same key throw {@link EventTieException} when the
 * first of them is taken (equal keys are adjacent in the order, so every tie is seen).
 */
public final class EventQueue {
    private final String owner;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(Event.ORDER);

    public EventQueue(String owner) {
        this.owner = owner;
    }

    public void add(Event e) {
        queue.add(e);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public int size() {
        return queue.size();
    }

    /** Cycle of the earliest event, or {@link Long#MAX_VALUE} when empty. */
    public long nextCycle() {
        Event e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.cycle();
    }

    /** Removes and returns the earliest event if it is due before {@code endExclusive}, else null. */
    public Event pollBefore(long endExclusive) {
        Event e = queue.peek();
        if (e == null || e.cycle() >= endExclusive) {
            return null;
        }
        queue.poll();
        Event next = queue.peek();
        if (next != null && next.sameKey(e)) {
            throw new EventTieException(owner + ": two events share the key (cycle " + e.cycle() + ", source "
                    + e.sourceId() + ", seq " + e.seq() + "): " + e.payload() + " and " + next.payload());
        }
        return e;
    }
}
