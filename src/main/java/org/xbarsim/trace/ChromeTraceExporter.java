package org.xbarsim.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xbarsim.UserInputException;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * Writes a trace as a Chrome Trace Event Format JSON timeline (ui.perfetto.dev, chrome://tracing,
 * speedscope), in two streaming passes over the trace, so memory does not grow with the records.
 *
 * <p>Layout: process 1 is the chip (its power counter), process 2 the network, process {@code 3 + t}
 * tile {@code t}; each component gets one thread per lane ({@link SliceLanes}), named from the
 * trace's component dictionary; all {@code process_name}, {@code thread_name} and sort-index
 * metadata comes first. Work is complete events ({@code "X"}, category = component kind, name =
 * action), stalls the same with category {@code stall}; flows ({@code "s"}/{@code "f"}) join a
 * network transfer to the input-buffer write it caused at the receiving tile (full detail); counters
 * ({@code "C"}) give power per tile and for the chip, input-buffer bytes per window and the bytes
 * the input buffer holds (its writes minus its frees, {@link BufferOccupancy}), and the same for the
 * output buffer when the trace has one.
 * Timestamps are microseconds, rounded to 0.1 ns, start and end alike, so rounding never makes two
 * slices on a track overlap.
 *
 * <p>Pass 1 checks the filters against the trace and sizes the lanes (a thread needs its name
 * before its first event); pass 2 writes. The file is written to a temporary name and renamed.
 */
public final class ChromeTraceExporter {
    static final int CHIP_PID = 1;
    static final int NETWORK_PID = 2;
    static final int FIRST_TILE_PID = 3;
    /** The timeline's time resolution: 2^13 units per microsecond. */
    static final long UNITS_PER_MICROSECOND = 1 << 13;
    /** Kinds that repeat their crossbar's busy intervals; left out at summary detail. */
    private static final Set<String> MIRRORS_CROSSBAR = Set.of(ComponentKind.DAC.key(), ComponentKind.SAMPLE_HOLD.key(),
            ComponentKind.REGISTER.key(), ComponentKind.ADC.key());

    /**
     * What was written.
     *
     * @param slices        complete events
     * @param flows         flow events (start and finish each count)
     * @param counters      counter events
     * @param dropped       slice and flow events left out by {@code maxEvents}
     * @param firstDroppedCycle start cycle of the first dropped event, or -1
     * @param threads       threads named
     * @param firstCycle    first cycle of the exported records
     * @param endCycle      end cycle of the exported records
     * @param bytes         size of the file
     */
    public record Result(long slices, long flows, long counters, long dropped, long firstDroppedCycle, int threads,
                         long firstCycle, long endCycle, long bytes) {
    }

    /**
     * How far an export is, told every {@value #PROGRESS_EVERY} records: pass 1 reads the trace ({@code total}
     * -1: not known yet), pass 2 writes ({@code total}: the records pass 1 read).
     */
    public interface Progress {
        Progress NONE = (pass, records, total) -> { };

        void update(int pass, long records, long total);
    }

    static final int PROGRESS_EVERY = 1 << 16;

    private final Path trace;
    private final TimelineOptions options;
    private final Progress progress;
    private long recordsInTrace;
    private TraceHeader header;
    private TraceDictionary dictionary;
    private boolean[] selected; // by component id: passes the glob and the detail's kinds
    private boolean[] stallAction; // by action id
    private boolean[] unmergeable; // [component * actions + action]: flow end points at full detail
    private int sendAction = -1;
    private int bufferWriteAction = -1;
    private int freeAction = -1;
    private boolean[] inputBuffer; // by component id
    private boolean[] outputBuffer; // by component id
    private SliceLanes lanes;
    private BitSet sendsWithFlow;
    private int[] tileOf;
    private boolean[] tileSeen;
    private long firstCycle = Long.MAX_VALUE;
    private long endCycle = Long.MIN_VALUE;

    private ChromeTraceExporter(Path trace, TimelineOptions options, Progress progress) {
        this.trace = trace;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Exports {@code trace} to {@code out}.
     *
     * @throws UserInputException for a damaged trace, a cycle range outside the run, or a component
     *                            pattern that matches nothing
     */
    public static Result export(Path trace, Path out, TimelineOptions options) {
        return export(trace, out, options, Progress.NONE);
    }

    /** {@link #export(Path, Path, TimelineOptions)}, telling {@code progress} how far it is. */
    public static Result export(Path trace, Path out, TimelineOptions options, Progress progress) {
        ChromeTraceExporter e = new ChromeTraceExporter(trace, options, progress);
        e.plan();
        Result[] result = new Result[1];
        AtomicFiles.write(out, stream -> result[0] = e.write(stream));
        try {
            long size = Files.size(out);
            Result r = result[0];
            return new Result(r.slices, r.flows, r.counters, r.dropped, r.firstDroppedCycle, r.threads, r.firstCycle,
                    r.endCycle, size);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    // ---------------------------------------------------------------- pass 1

    private void plan() {
        try (TraceReader reader = TraceReader.open(trace)) {
            header = reader.header();
            dictionary = header.dictionary();
            selectComponents();
            lanes = new SliceLanes(dictionary.componentIdLimit());
            sendsWithFlow = new BitSet();
            Flows flows = new Flows();
            long runFirst = Long.MAX_VALUE;
            long runEnd = Long.MIN_VALUE;
            long ordinal = 0;
            for (TraceRecord r : reader) {
                if (++recordsInTrace % PROGRESS_EVERY == 0) {
                    progress.update(1, recordsInTrace, -1);
                }
                runFirst = Math.min(runFirst, r.startCycle());
                runEnd = Math.max(runEnd, r.endCycle());
                if (!options.inCycles(r) || !options.inImages(r)) {
                    continue;
                }
                firstCycle = Math.min(firstCycle, r.startCycle());
                endCycle = Math.max(endCycle, r.endCycle());
                int tile = tileOf[r.component()];
                if (tile >= 0) {
                    tileSeen[tile] = true;
                }
                if (!shown(r)) {
                    continue;
                }
                lanes.add(r, stallAction[r.action()], !unmergeable(r), s -> { });
                if (options.detail() == TimelineDetail.FULL) {
                    long sent = flows.match(r, ordinal);
                    if (sent >= 0) {
                        sendsWithFlow.set((int) sent);
                    }
                }
                ordinal++;
            }
            checkRange(runFirst, runEnd);
        }
    }

    private void selectComponents() {
        int n = dictionary.componentIdLimit();
        selected = new boolean[n];
        tileOf = new int[n];
        int maxTile = -1;
        PathMatcher glob = options.components() == null ? null
                : FileSystems.getDefault().getPathMatcher("glob:" + options.components());
        int matched = 0;
        for (TraceComponent c : header.components()) {
            tileOf[c.id()] = c.tile();
            maxTile = Math.max(maxTile, c.tile());
            boolean named = glob == null || glob.matches(Path.of(c.name()));
            matched += named ? 1 : 0;
            selected[c.id()] = named && !(options.detail() == TimelineDetail.SUMMARY && MIRRORS_CROSSBAR.contains(c.kind()));
        }
        tileSeen = new boolean[maxTile + 1];
        if (matched == 0) {
            throw new UserInputException(trace + ": --components '" + options.components() + "' matches none of the "
                    + header.components().size() + " components (names look like '" + header.components().get(0).name()
                    + "'; '*' stays within one '/' level, '**' crosses levels)");
        }
        stallAction = new boolean[dictionary.actionIdLimit()];
        for (TraceAction a : header.actions()) {
            stallAction[a.id()] = a.name().equals(Action.STALL.key());
            if (a.name().equals(Action.TRANSFER.key())) {
                sendAction = a.id();
            }
            if (a.name().equals(Action.WRITE.key())) {
                bufferWriteAction = a.id();
            }
            if (a.name().equals(Action.FREE.key())) {
                freeAction = a.id();
            }
        }
        inputBuffer = new boolean[n];
        for (TraceComponent c : header.components()) {
            inputBuffer[c.id()] = c.kind().equals(ComponentKind.INPUT_BUFFER.key()) && c.tile() >= 0;
        }
        outputBuffer = new boolean[n];
        for (TraceComponent c : header.components()) {
            outputBuffer[c.id()] = c.kind().equals(ComponentKind.OUTPUT_BUFFER.key()) && c.tile() >= 0;
        }
        unmergeable = new boolean[n];
        if (options.detail() == TimelineDetail.FULL) {
            for (TraceComponent c : header.components()) {
                unmergeable[c.id()] = c.kind().equals(ComponentKind.NETWORK.key()) || c.kind().equals(ComponentKind.INPUT_BUFFER.key());
            }
        }
    }

    /**
     * True for a record that becomes a slice: a selected component, no stall at summary detail, and
     * no free (it only moves the occupancy counter).
     */
    private boolean shown(TraceRecord r) {
        return selected[r.component()] && r.action() != freeAction
                && !(options.detail() == TimelineDetail.SUMMARY && stallAction[r.action()]);
    }

    /** Flow end points (sends and input-buffer writes at full detail) stay single records. */
    private boolean unmergeable(TraceRecord r) {
        return unmergeable[r.component()] && (r.action() == sendAction || r.action() == bufferWriteAction);
    }

    private void checkRange(long runFirst, long runEnd) {
        if (runFirst == Long.MAX_VALUE) {
            throw new UserInputException(trace + ": the trace holds no records; nothing to export");
        }
        String span = "the run covers cycles " + runFirst + " to " + runEnd;
        if (options.fromCycle() != Long.MIN_VALUE && options.fromCycle() >= runEnd) {
            throw new UserInputException(trace + ": --from-cycle " + options.fromCycle() + " is outside the run: " + span);
        }
        if (options.toCycle() != Long.MAX_VALUE && options.toCycle() <= runFirst) {
            throw new UserInputException(trace + ": --to-cycle " + options.toCycle() + " is outside the run: " + span);
        }
        if (firstCycle == Long.MAX_VALUE) {
            throw new UserInputException(trace + ": no record of images " + options.firstImage() + "-" + options.lastImage()
                    + " in the cycle range; " + span + " for images " + header.attributes().getOrDefault("images", "?"));
        }
    }

    // ---------------------------------------------------------------- pass 2

    private Result write(OutputStream stream) throws IOException {
        JsonFactory factory = new JsonFactory();
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (JsonGenerator g = factory.createGenerator(stream, JsonEncoding.UTF8)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            g.setPrettyPrinter(new MinimalPrettyPrinter() {
                @Override
                public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
                    gen.writeRaw(",\n");
                }
            });
            g.writeStartObject();
            g.writeFieldName("traceEvents");
            g.writeStartArray();
            Writer w = new Writer(g);
            w.metadata();
            w.events();
            w.counters();
            g.writeEndArray();
            g.writeStringField("displayTimeUnit", "ns");
            w.otherData();
            g.writeEndObject();
            g.writeRaw('\n');
            return new Result(w.slices, w.flows, w.counters, w.dropped, w.firstDroppedCycle, w.threads, firstCycle, endCycle, 0);
        }
    }

    /** First cycle of the counters: the exported records' first cycle, within the asked range. */
    private long shownFirst() {
        return Math.max(firstCycle, options.fromCycle());
    }

    /** End of the counters: the exported records' end cycle, within the asked range. */
    private long shownEnd() {
        return Math.min(endCycle, options.toCycle());
    }

    private static int tilePid(int tile) {
        return FIRST_TILE_PID + tile;
    }

    private int pid(int component) {
        int tile = tileOf[component];
        return tile < 0 ? NETWORK_PID : tilePid(tile);
    }

    /** Pass 2's state: thread ids, the event budget and the counters. */
    private final class Writer {
        private final JsonGenerator g;
        private final int[] busyTid; // first tid of a component's busy lanes
        private final int[] stallTid;
        private long slices;
        private long flows;
        private long counters;
        private long dropped;
        private long firstDroppedCycle = -1;
        private int threads;

        Writer(JsonGenerator g) {
            this.g = g;
            int n = dictionary.componentIdLimit();
            busyTid = new int[n];
            stallTid = new int[n];
        }

        void metadata() throws IOException {
            process(CHIP_PID, "chip", 0);
            boolean network = false;
            for (TraceComponent c : header.components()) {
                network |= c.tile() < 0 && lanes.laneCount(c.id(), false) + lanes.laneCount(c.id(), true) > 0;
            }
            if (network) {
                process(NETWORK_PID, "network", 1);
                threadsOf(-1);
            }
            for (int t = 0; t < tileSeen.length; t++) {
                if (tileSeen[t]) {
                    process(tilePid(t), "tile " + t, 2 + t);
                    threadsOf(t);
                }
            }
        }

        private void threadsOf(int tile) throws IOException {
            for (TraceComponent c : header.components()) {
                if (c.tile() != tile) {
                    continue;
                }
                busyTid[c.id()] = threads + 1;
                for (int l = 0; l < lanes.laneCount(c.id(), false); l++) {
                    thread(c, c.name() + (l == 0 ? "" : " #" + (l + 1)));
                }
                stallTid[c.id()] = threads + 1;
                for (int l = 0; l < lanes.laneCount(c.id(), true); l++) {
                    thread(c, c.name() + " stalls" + (l == 0 ? "" : " #" + (l + 1)));
                }
            }
        }

        private void process(int pid, String name, int sortIndex) throws IOException {
            meta(pid, 0, "process_name", "name", name);
            g.writeStartObject();
            head("M", pid, 0, "process_sort_index");
            g.writeObjectFieldStart("args");
            g.writeNumberField("sort_index", sortIndex);
            g.writeEndObject();
            g.writeEndObject();
        }

        private void thread(TraceComponent c, String name) throws IOException {
            threads++;
            meta(pid(c.id()), threads, "thread_name", "name", name);
            g.writeStartObject();
            head("M", pid(c.id()), threads, "thread_sort_index");
            g.writeObjectFieldStart("args");
            g.writeNumberField("sort_index", threads);
            g.writeEndObject();
            g.writeEndObject();
        }

        private void meta(int pid, int tid, String name, String key, String value) throws IOException {
            g.writeStartObject();
            head("M", pid, tid, name);
            g.writeObjectFieldStart("args");
            g.writeStringField(key, value);
            g.writeEndObject();
            g.writeEndObject();
        }

        private void head(String ph, int pid, int tid, String name) throws IOException {
            g.writeStringField("ph", ph);
            g.writeNumberField("pid", pid);
            g.writeNumberField("tid", tid);
            g.writeStringField("name", name);
        }

        void events() throws IOException {
            SliceLanes fresh = new SliceLanes(dictionary.componentIdLimit());
            Flows flowMatch = new Flows();
            IOException[] failure = new IOException[1];
            SliceLanes.Sink sink = s -> {
                try {
                    slice(s);
                } catch (IOException e) {
                    failure[0] = e;
                }
            };
            long ordinal = 0;
            long read = 0;
            try (TraceReader reader = TraceReader.open(trace)) {
                for (TraceRecord r : reader) {
                    if (++read % PROGRESS_EVERY == 0) {
                        progress.update(2, read, recordsInTrace);
                    }
                    if (!options.inImages(r)) {
                        continue;
                    }
                    occupancy(r); // also before the cycle range: what is held when it starts
                    if (!options.inCycles(r)) {
                        continue;
                    }
                    power(r);
                    if (!shown(r)) {
                        continue;
                    }
                    boolean stall = stallAction[r.action()];
                    int lane = fresh.add(r, stall, !unmergeable(r), sink);
                    if (options.detail() == TimelineDetail.FULL) {
                        int tid = (stall ? stallTid : busyTid)[r.component()] + lane;
                        if (r.action() == sendAction && unmergeable[r.component()] && ordinal <= Integer.MAX_VALUE
                                && sendsWithFlow.get((int) ordinal)) {
                            flowMatch.match(r, ordinal);
                            flow("s", ordinal, r, tid);
                        } else {
                            long sent = flowMatch.match(r, ordinal);
                            if (sent >= 0) {
                                flow("f", sent, r, tid);
                            }
                        }
                    }
                    ordinal++;
                    if (failure[0] != null) {
                        throw failure[0];
                    }
                }
            }
            fresh.flush(sink);
            if (failure[0] != null) {
                throw failure[0];
            }
        }

        private boolean budget(long cycle) {
            if (slices + flows < options.maxEvents()) {
                return true;
            }
            if (dropped++ == 0) {
                firstDroppedCycle = cycle;
            }
            return false;
        }

        private void slice(SliceLanes.Slice s) throws IOException {
            if (!budget(s.startCycle())) {
                return;
            }
            slices++;
            int tid = (s.stall() ? stallTid : busyTid)[s.component()] + s.lane();
            long t0 = units(s.startCycle());
            long dur = units(s.endCycle()) - t0;
            g.writeStartObject();
            // an instant (a buffer write) is an instant event: a zero-length X event at the start of
            // another slice on its thread trips viewers that turn X into begin/end pairs (speedscope)
            head(dur == 0 ? "i" : "X", pid(s.component()), tid, dictionary.action(s.action()).name());
            g.writeStringField("cat", s.stall() ? "stall" : dictionary.component(s.component()).kind());
            g.writeFieldName("ts");
            g.writeNumber(micros(t0));
            if (dur == 0) {
                g.writeStringField("s", "t");
            } else {
                g.writeFieldName("dur");
                g.writeNumber(micros(dur));
            }
            g.writeObjectFieldStart("args");
            String layer = header.layerName(s.layer());
            if (layer != null) {
                g.writeStringField("layer", layer);
            }
            if (s.image() != TraceRecord.NO_IMAGE) {
                g.writeNumberField("image", s.image());
            }
            g.writeNumberField("count", s.count());
            if (s.bytes() != 0) {
                g.writeNumberField("bytes", s.bytes());
            }
            g.writeNumberField("start-cycle", s.startCycle());
            g.writeNumberField("cycles", s.endCycle() - s.startCycle());
            g.writeNumberField("records", s.records());
            g.writeEndObject();
            g.writeEndObject();
        }

        private void flow(String ph, long id, TraceRecord r, int tid) throws IOException {
            if (!budget(r.startCycle())) {
                return;
            }
            flows++;
            g.writeStartObject();
            head(ph, pid(r.component()), tid, "activations");
            g.writeStringField("cat", "flow");
            g.writeNumberField("id", id);
            g.writeFieldName("ts");
            g.writeNumber(micros(units(r.startCycle())));
            if (ph.equals("f")) {
                g.writeStringField("bp", "e");
            }
            g.writeEndObject();
        }

        // ---- counters

        private final TreeMap<Integer, TraceSummarizer> tilePower = new TreeMap<>();
        private final TreeMap<Integer, BufferOccupancy> tileHeld = new TreeMap<>();
        private final TreeMap<Integer, BufferOccupancy> tileHeldOut = new TreeMap<>();
        private TraceSummarizer chipPower;

        /** Buffer writes add to the tile's occupancy of that buffer, frees take away (traces from version 3 on). */
        private void occupancy(TraceRecord r) {
            if (freeAction < 0 || (r.action() != freeAction && r.action() != bufferWriteAction)) {
                return;
            }
            TreeMap<Integer, BufferOccupancy> held = inputBuffer[r.component()] ? tileHeld
                    : outputBuffer[r.component()] ? tileHeldOut : null;
            if (held != null) {
                held.computeIfAbsent(tileOf[r.component()], t -> new BufferOccupancy(windowCycles()))
                        .add(r.startCycle(), r.action() == freeAction ? -r.count() : r.count());
            }
        }

        private long windowCycles() {
            long span = Math.max(1, shownEnd() - shownFirst());
            return Math.max(Math.max(1, header.windowCycles()), (span + options.powerWindows() - 1) / options.powerWindows());
        }

        private void power(TraceRecord r) {
            if (chipPower == null) {
                chipPower = new TraceSummarizer(header, windowCycles());
            }
            chipPower.add(r);
            int tile = tileOf[r.component()];
            if (tile >= 0) {
                tilePower.computeIfAbsent(tile, t -> new TraceSummarizer(header, windowCycles())).add(r);
            }
        }

        void counters() throws IOException {
            if (chipPower == null) {
                return;
            }
            long w = windowCycles();
            TraceSummary chip = chipPower.finish();
            for (WindowPower p : inRange(chip.powerByWindow(options.energy()))) {
                counter(CHIP_PID, "power (mW)", p.startCycle(), Map.of("dynamic", p.powerMw(), "static", options.staticMw()));
            }
            counter(CHIP_PID, "power (mW)", lastEnd(chip, w), Map.of("dynamic", 0.0, "static", 0.0));
            for (Map.Entry<Integer, TraceSummarizer> e : tilePower.entrySet()) {
                int pid = tilePid(e.getKey());
                TraceSummary s = e.getValue().finish();
                List<WindowPower> windows = inRange(s.powerByWindow(options.energy()));
                for (WindowPower p : windows) {
                    counter(pid, "power (mW)", p.startCycle(), Map.of("dynamic", p.powerMw()));
                }
                counter(pid, "power (mW)", lastEnd(s, w), Map.of("dynamic", 0.0));
                for (WindowPower p : windows) {
                    long i = p.startCycle() / w;
                    counter(pid, "input buffer (bytes per window)", p.startCycle(), Map.of(
                            "written", (double) s.windowCount(i, ComponentKind.INPUT_BUFFER.key(), Action.WRITE.key()),
                            "read", (double) s.windowCount(i, ComponentKind.INPUT_BUFFER.key(), Action.READ.key())));
                }
                counter(pid, "input buffer (bytes per window)", lastEnd(s, w), Map.of("written", 0.0, "read", 0.0));
                held(pid, "input buffer held (bytes)", tileHeld.get(e.getKey()), s, w);
                held(pid, "output buffer held (bytes)", tileHeldOut.get(e.getKey()), s, w);
            }
        }

        /** The bytes a buffer holds over the shown range, then 0 at the last shown window's end; nothing without records. */
        private void held(int pid, String name, BufferOccupancy held, TraceSummary s, long w) throws IOException {
            if (held == null) {
                return;
            }
            long from = Math.floorDiv(shownFirst(), w) * w;
            for (BufferOccupancy.Sample h : held.finish()) {
                if (h.cycle() >= from && h.cycle() < shownEnd()) {
                    counter(pid, name, h.cycle(), Map.of("held", (double) h.bytes()));
                }
            }
            counter(pid, name, lastEnd(s, w), Map.of("held", 0.0));
        }

        /** The last shown window's end: where the counters drop to 0. */
        private long lastEnd(TraceSummary s, long w) {
            List<WindowPower> shown = inRange(s.powerByWindow(options.energy()));
            return shown.isEmpty() ? shownFirst() : shown.get(shown.size() - 1).startCycle() + w;
        }

        /** The windows that overlap the asked cycle range (a record running past it spreads beyond). */
        private List<WindowPower> inRange(List<WindowPower> windows) {
            return windows.stream().filter(p -> p.startCycle() < shownEnd() && p.startCycle() + p.cycles() > shownFirst())
                    .toList();
        }

        private void counter(int pid, String name, long cycle, Map<String, Double> values) throws IOException {
            counters++;
            g.writeStartObject();
            g.writeStringField("ph", "C");
            g.writeNumberField("pid", pid);
            g.writeStringField("name", name);
            g.writeFieldName("ts");
            g.writeNumber(micros(units(cycle)));
            g.writeObjectFieldStart("args");
            for (Map.Entry<String, Double> v : new TreeMap<>(values).entrySet()) {
                g.writeFieldName(v.getKey());
                g.writeNumber(new BigDecimal(v.getValue()).round(new MathContext(6)).stripTrailingZeros());
            }
            g.writeEndObject();
            g.writeEndObject();
        }

        void otherData() throws IOException {
            g.writeObjectFieldStart("otherData");
            g.writeStringField("format", "xbarsim-timeline");
            g.writeStringField("model", header.model());
            g.writeStringField("config", header.config());
            TreeMap<String, String> facts = new TreeMap<>(header.attributes());
            for (String key : List.of("images", "model-sha256", "config-sha256")) {
                facts.putIfAbsent(key, null); // always present, null when the trace does not say
            }
            for (Map.Entry<String, String> a : facts.entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeNumberField("clock-ghz", header.clockGhz());
            g.writeStringField("detail", options.detail().key());
            g.writeNumberField("first-cycle", firstCycle);
            g.writeNumberField("end-cycle", endCycle);
            g.writeNumberField("counters-first-cycle", shownFirst());
            g.writeNumberField("counters-end-cycle", shownEnd());
            g.writeNumberField("power-window-cycles", windowCycles());
            g.writeNumberField("slices", slices);
            g.writeNumberField("flow-events", flows);
            g.writeNumberField("counter-events", counters);
            g.writeNumberField("dropped-events", dropped);
            for (Map.Entry<String, String> a : options.otherData().entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
        }
    }

    /**
     * Cycles to the timeline's unit, 1/8192 us (about 0.12 ns), rounded. A binary fraction, so that
     * a viewer that adds {@code ts} and {@code dur} in double precision (speedscope) gets each end
     * exactly, and a slice that ends where the next begins does not seem to overlap it.
     */
    private long units(long cycle) {
        return Math.round(cycle / header.clockGhz() / 1000 * UNITS_PER_MICROSECOND);
    }

    /** Timeline units as microseconds, exactly (a power of two divides into a finite decimal). */
    private static BigDecimal micros(long units) {
        return new BigDecimal(units).divide(BigDecimal.valueOf(UNITS_PER_MICROSECOND));
    }

    /**
     * Pairs each network send with the input-buffer write it caused: the write starts on the cycle
     * the send ends, for the same image and the same bytes. The trace does not name a send's
     * destination, so this match is the link; the first unmatched send wins a tie.
     */
    private final class Flows {
        private final TreeMap<Long, ArrayDeque<long[]>> pendingByEnd = new TreeMap<>();

        /** Remembers a send, or for a write returns the matching send's ordinal (-1 if none). */
        long match(TraceRecord r, long ordinal) {
            pendingByEnd.headMap(r.startCycle(), false).clear();
            String kind = dictionary.component(r.component()).kind();
            if (r.action() == sendAction && kind.equals(ComponentKind.NETWORK.key())) {
                pendingByEnd.computeIfAbsent(r.endCycle(), k -> new ArrayDeque<>()).add(new long[] {ordinal, r.image(), r.arg()});
                return -1;
            }
            if (r.action() != bufferWriteAction || !kind.equals(ComponentKind.INPUT_BUFFER.key())) {
                return -1;
            }
            ArrayDeque<long[]> q = pendingByEnd.get(r.startCycle());
            if (q == null) {
                return -1;
            }
            for (Iterator<long[]> it = q.iterator(); it.hasNext(); ) {
                long[] s = it.next();
                if (s[1] == r.image() && s[2] == r.arg()) {
                    it.remove();
                    return s[0] <= Integer.MAX_VALUE ? s[0] : -1;
                }
            }
            return -1;
        }
    }
}
