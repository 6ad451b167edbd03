package org.xbarsim.hw;

import org.xbarsim.vocabulary.ActivityCode;

import java.util.List;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.sim.Activity;
import org.xbarsim.sim.ActivitySink;
import org.xbarsim.trace.RecordOrderer;
import org.xbarsim.trace.TraceHeader;
import org.xbarsim.trace.TraceWriter;

/**
 * Streams the simulation's activities into a trace: one trace component per (actor, hardware kind),
 * records put in canonical order (start cycle, component, sequence) as each window closes. A window
 * never records anything that starts before it, so everything before its end can be written.
 */
public final class TraceRecorder implements ActivitySink {
    private final int[][] traceId; // [actor id][kind ordinal] -> trace component id
    private final int[] actionId; // [action ordinal] -> trace action id
    private final long[] sequence;
    private final RecordOrderer orderer = new RecordOrderer();
    private final TraceWriter writer;

    private TraceRecorder(int[][] traceId, int[] actionId, int traceComponents, TraceWriter writer) {
        this.traceId = traceId;
        this.actionId = actionId;
        this.sequence = new long[traceComponents];
        this.writer = writer;
    }

    /**
     * Adds the components (kind = {@link ComponentKind#key()}) and every {@link Action} (name =
     * {@link Action#key()}) to {@code header}; the writer is opened by {@code open} on the finished header.
     */
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
        int[] actionId = new int[Action.values().length];
        for (Action a : Action.values()) {
            actionId[a.ordinal()] = header.action(a.key());
        }
        return new TraceRecorder(traceId, actionId, n, open.apply(header.build()));
    }

    /** The model's layer names, indexed as the activities' (and so the records') layer. */
    public static List<String> layerNames(org.xbarsim.model.IntModel model) {
        return model.layers().stream().map(org.xbarsim.model.Layer::name).toList();
    }

    @Override
    public void accept(long windowStart, long windowEnd, List<Activity> activities) {
        for (Activity a : activities) {
            ComponentKind k = ActivityCode.kind(a.action());
            Action act = ActivityCode.action(a.action());
            int comp = traceId[a.componentId()][k.ordinal()];
            long bytes = act != Action.STALL && k.countsBytes() ? a.count() : 0;
            orderer.add(a.cycle(), a.durationCycles(), comp, actionId[act.ordinal()], a.count(), a.image(), bytes, a.layer(),
                    sequence[comp]++);
        }
        orderer.drainBefore(windowEnd, writer::write);
    }

    public long records() {
        return writer.recordCount();
    }

    /** Writes what is left and finishes the file. */
    public void close() {
        orderer.drainAll(writer::write);
        writer.close();
    }

    /** Gives up: no trace file appears. */
    public void abort() {
        writer.abort();
    }
}
