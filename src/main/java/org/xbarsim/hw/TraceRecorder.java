package org.xbarsim.hw;

import java.util.List;
import org.xbarsim.cost.Action;
import org.xbarsim.cost.ComponentKind;
import org.xbarsim.sim.Activity;
import org.xbarsim.sim.ActivitySink;
import org.xbarsim.trace.ActionNames;
import org.xbarsim.trace.RecordOrderer;
import org.xbarsim.trace.TraceHeader;
import org.xbarsim.trace.TraceRecord;
import org.xbarsim.trace.TraceWriter;

/**
 * Streams the simulation's activities into a trace: one trace component per (actor, hardware kind),
 * records put in canonical order (start cycle, component, sequence) as each window closes. A window
 * never records anything that starts before it, so everything before its end can be written.
 */
public final class TraceRecorder implements ActivitySink {
    private final int[][] traceId; // [actor id][kind ordinal] -> trace component id
    private final int[][] actionId; // [kind ordinal][action ordinal] -> trace action id
    private final int stallId;
    private final long[] sequence;
    private final RecordOrderer orderer = new RecordOrderer();
    private final TraceWriter writer;

    private TraceRecorder(int[][] traceId, int[][] actionId, int stallId, int traceComponents, TraceWriter writer) {
        this.traceId = traceId;
        this.actionId = actionId;
        this.stallId = stallId;
        this.sequence = new long[traceComponents];
        this.writer = writer;
    }

    /** The trace action name of a (kind, action) count. */
    public static String actionName(ComponentKind kind, Action action) {
        switch (kind) {
            case CROSSBAR:
                return ActionNames.READ;
            case DAC:
                return ActionNames.DRIVE;
            case ADC:
                return ActionNames.CONVERT;
            case SAMPLE_HOLD:
                return ActionNames.SAMPLE;
            case SHIFT_ADD:
                return ActionNames.SHIFT_ADD;
            case MULTIPLIER:
                return ActionNames.MULTIPLY;
            case ACTIVATION:
                return ActionNames.ACTIVATE;
            case POOLING:
                return ActionNames.POOL;
            case NETWORK:
                return ActionNames.SEND;
            default:
                return action == Action.READ ? ActionNames.BUFFER_READ : action == Action.WRITE ? ActionNames.BUFFER_WRITE
                        : action.key();
        }
    }

    /** The cost-model action behind a trace (kind, action name) pair, or null. */
    public static Action costAction(ComponentKind kind, String name) {
        for (Action a : kind.actions()) {
            if (actionName(kind, a).equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Adds the components and actions to {@code header}; the writer is opened by {@code open} on the finished header. */
    public static TraceRecorder create(List<ComponentInfo> components, TraceHeader.Builder header,
            java.util.function.Function<TraceHeader, TraceWriter> open) {
        int maxId = components.stream().mapToInt(ComponentInfo::id).max().orElse(-1);
        int[][] traceId = new int[maxId + 1][ComponentKind.values().length];
        int n = 0;
        for (ComponentInfo c : components) {
            for (ComponentKind k : c.kinds()) {
                String name = c.kinds().size() == 1 || k == c.kinds().get(0) ? c.name() : c.name() + "/" + k.key();
                traceId[c.id()][k.ordinal()] = header.component(name, k.key(), c.tile());
                n++;
            }
        }
        int[][] actionId = new int[ComponentKind.values().length][Action.values().length];
        for (ComponentKind k : ComponentKind.values()) {
            for (Action a : k.actions()) {
                actionId[k.ordinal()][a.ordinal()] = header.action(actionName(k, a));
            }
        }
        int stall = header.action(ActionNames.STALL);
        return new TraceRecorder(traceId, actionId, stall, n, open.apply(header.build()));
    }

    @Override
    public void accept(long windowStart, long windowEnd, List<Activity> activities) {
        for (Activity a : activities) {
            ComponentKind k = Actions.kind(a.action());
            int comp = traceId[a.componentId()][k.ordinal()];
            if (Actions.isStall(a.action())) {
                orderer.add(new TraceRecord(a.cycle(), a.durationCycles(), comp, stallId, a.count(), a.image(), 0), sequence[comp]++);
                continue;
            }
            Action act = Actions.action(a.action());
            boolean bytes = k == ComponentKind.INPUT_BUFFER || k == ComponentKind.OUTPUT_BUFFER || k == ComponentKind.REGISTER
                    || k == ComponentKind.NETWORK;
            orderer.add(new TraceRecord(a.cycle(), a.durationCycles(), comp, actionId[k.ordinal()][act.ordinal()], a.count(), a.image(),
                    bytes ? a.count() : 0), sequence[comp]++);
        }
        orderer.flushBefore(windowEnd, writer::write);
    }

    public long records() {
        return writer.recordCount();
    }

    /** Writes what is left and finishes the file. */
    public void close() {
        orderer.flushAll(writer::write);
        writer.close();
    }

    /** Gives up: no trace file appears. */
    public void abort() {
        writer.abort();
    }
}
