package org.xbarsim.sim;

import java.util.Comparator;

/**
 * A pending event of one component: a message due at {@code cycle}. Its key (cycle, source id,
 * sequence number) is unique by construction; {@link #ORDER} is the kernel's total order.
 *
 * @param cycle    when it happens
 * @param sourceId the component that sent it ({@link Kernel#ENVIRONMENT} for seeds)
 * @param seq      the sender's running sequence number
 * @param payload  the message
 */
public record Event(long cycle, int sourceId, long seq, Object payload) {
    public static final Comparator<Event> ORDER = (a, b) -> {
        int c = Long.compare(a.cycle, b.cycle);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.sourceId, b.sourceId);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    public boolean sameKey(Event o) {
        return cycle == o.cycle && sourceId == o.sourceId && seq == o.seq;
    }
}
