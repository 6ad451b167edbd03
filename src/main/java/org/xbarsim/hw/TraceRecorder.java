package org.xbarsim.hw;

import org.xbarsim.vocabulary.ActivityCode;

import java.util.List;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.sim.Activity;
import org.xbarsim.sim.ActivitySink;
import org.xbarsim.trace.RecordOrderer;
import org.xbarsim.trace.TraceHeader;
import org.xbarsim.trace.TraceSummarizer;
import org.xbarsim.trace.TraceSummary;
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
    private final TraceHeader header;
    private final TraceWriter writer;
    private final RecordOrderer.Sink out = this::write;
    private TraceSummarizer summarizer;

    private TraceRecorder(int[][] traceId, int[] actionId, int traceComponents, TraceHeader header, TraceWriter writer) {
        this.traceId = traceId;
        this.actionId = actionId;
        this.sequence = new long[traceComponents];
        this.header = header;
        this.writer = writer;
    }

    /**
     * Also summarizes the records as they are written (instead of reading the trace back afterwards),
     * keeping at most {@code maxRecords} records' window inputs ({@link TraceSummarizer#deferringWindows});
     * call before the first window.
     */
    public TraceRecorder summarizing(long maxRecords) {
        summarizer = TraceSummarizer.deferringWindows(header, maxRecords);
        return this;
    }

    /**
     * The summary of the written trace with windows of {@code windowCycles}, after {@link #close}; null
     * when this recorder did not summarize or got more records than it could keep (summarize the file).
     */
    public TraceSummary summary(long windowCycles) {
        return summarizer == null || summarizer.overflowed() ? null : summarizer.finish(windowCycles);
    }

    private void write(long start, long duration, int component, int action, long count, int image, long arg, int layer) {
        writer.write(start, duration, component, action, count, image, arg, layer);
        if (summarizer != null) {
            summarizer.add(start, duration, component, action, count, image);
        }
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
        TraceHeader built = header.build();
        return new TraceRecorder(traceId, actionId, n, built, open.apply(built));
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
        orderer.drainBefore(windowEnd, out);
    }

    public long records() {
        return writer.recordCount();
    }

    /** Writes what is left and finishes the file. */
    public void close() {
        orderer.drainAll(out);
        writer.close();
    }

    /** Gives up: no trace file appears. */
    public void abort() {
        writer.abort();
    }
}
