package org.xbarsim.cli;

import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.PatternSyntaxException;
import org.xbarsim.UserInputException;
import org.xbarsim.io.OutputPaths;
import org.xbarsim.io.ProgressOutput;
import org.xbarsim.report.RunDirectory;
import org.xbarsim.trace.ChromeTraceExporter;
import org.xbarsim.trace.TimelineDetail;
import org.xbarsim.trace.TimelineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export-trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Turn a simulation's event trace (DIR/trace.xbt or trace.xbt.gz) into a Chrome Trace Event Format "
                + "JSON timeline for ui.perfetto.dev, chrome://tracing or speedscope: one process per tile, one "
                + "track per component (and per concurrent slot), slices for busy intervals and stalls, power and "
                + "buffer counters (traffic, bytes held), and (--detail full) flow arrows for activations sent between tiles.",
            "Timestamps are microseconds of simulated time at the run's clock. The layout is in docs/timeline.md."
        },
        footer = {"", "Example:", "  ./xbarsim export-trace --run runs/m --from-cycle 0 --to-cycle 200000 \\",
            "      --components 'tile0/**'"})
final class ExportTraceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "Output folder of a simulate run.")
    Path run;

    @Option(names = "--out", paramLabel = "FILE", description = "Timeline file (default: DIR/timeline.json).")
    Path out;

    @Option(names = "--force", description = "Replace the timeline file when it exists.")
    boolean force;

    @Option(names = "--from-cycle", paramLabel = "C", description = "Leave out records that end at or before cycle C.")
    Long fromCycle;

    @Option(names = "--to-cycle", paramLabel = "C", description = "Leave out records that start at or after cycle C.")
    Long toCycle;

    @Option(names = "--images", paramLabel = "I[-J]", description = "Only the records of image I (or images I to J).")
    String images;

    @Option(names = "--components", paramLabel = "GLOB",
            description = "Only components whose name matches, e.g. 'tile0/**' or 'tile*/xbar*' ('*' stays within one "
                    + "'/' level, '**' crosses levels). Counters keep every component.")
    String components;

    @Option(names = "--detail", defaultValue = "normal", paramLabel = "LEVEL",
            description = "summary (no DAC/ADC/sample-hold/register tracks, no stalls), normal (everything but flows) or "
                    + "full (plus flow arrows between tiles) (default: ${DEFAULT-VALUE}).")
    String detail;

    @Option(names = "--max-events", paramLabel = "N",
            description = "Write at most N slice and flow events (0: the counter tracks only, power and buffers); the rest "
                + "are counted and reported as dropped.")
    Long maxEvents;

    /** What a run's folder holds besides timelines: never written over by an export. */
    private static final java.util.Set<String> RUN_FILES = java.util.Set.of("report.json", "report.md", "run.json",
            "run-info.json", "outputs.jsonl", "trace.xbt", "trace.xbt.gz", ".xbarsim-output", "replay.json", "replay.md",
            "requests.jsonl", "recost.json");

    /** Above this a note says how to make the timeline smaller (browsers load hundreds of MiB slowly). */
    static final long LARGE_TIMELINE_BYTES = 100L << 20;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Override
    public Integer call() {
        RunDirectory dir = RunDirectory.open(run);
        Path target = out != null ? out : run.resolve("timeline.json");
        TimelineOptions o = options(dir, detail(), fromCycle, toCycle, images, components, maxEvents);
        Path targetAbs = target.toAbsolutePath().normalize();
        if (targetAbs.getParent() != null && targetAbs.getParent().equals(run.toAbsolutePath().normalize())
                && RUN_FILES.contains(targetAbs.getFileName().toString())) {
            throw new UserInputException("--out " + target + " would overwrite the run's own " + targetAbs.getFileName()
                    + ": choose another name (the default is " + run.resolve("timeline.json") + ")");
        }
        OutputPaths.checkFileTarget(target, force, "--out");
        export(dir, target, o, spec.commandLine().getOut(), spec.commandLine().getErr(), ProgressOutput.Style.forStderr(quiet));
        return 0;
    }

    /**
     * Exports one run and says what was written on {@code results}, and what was dropped on {@code err},
     * with progress and the time it took there in {@code style} (simulate --timeline uses it too).
     */
    static void export(RunDirectory dir, Path target, TimelineOptions o, PrintWriter results, PrintWriter err,
            ProgressOutput.Style style) {
        long t0 = System.nanoTime();
        Path abs = target.toAbsolutePath();
        // a timeline written into an xbarsim output (a run's own folder) is listed there, so --force may replace it
        org.xbarsim.report.OutputDirectory.recordEntries(abs.getParent(), abs.getFileName().toString());
        ProgressOutput display = new ProgressOutput(err, style);
        ChromeTraceExporter.Result r;
        try {
            r = ChromeTraceExporter.export(dir.trace(), target, o, (pass, records, total) -> {
                if (display.due()) {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    display.show(pass == 1
                            ? String.format(Locale.ROOT, "timeline: reading the trace (%d records, %.0f s)", records, seconds)
                            : ProgressOutput.line("timeline: writing", records, total, "records", seconds), false);
                }
            });
        } finally {
            display.clear();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (style != ProgressOutput.Style.OFF) { // not with --quiet; nor in the result line, the same bytes run after run
            err.printf(Locale.ROOT, "timeline: %.2f s%n", s);
        }
        err.flush();
        results.printf(Locale.ROOT, "wrote %s: %d slices, %d flow events, %d counter events on %d tracks, cycles %d to %d, "
                        + "%.1f MiB%n", target, r.slices(), r.flows(), r.counters(), r.threads(), r.firstCycle(),
                r.endCycle(), r.bytes() / 1048576.0);
        results.flush();
        if (r.bytes() > LARGE_TIMELINE_BYTES && r.dropped() == 0) {
            err.printf(Locale.ROOT, "note: a timeline of %.0f MiB opens slowly in a browser (ui.perfetto.dev, chrome://tracing);"
                    + " narrow it with --images, --from-cycle/--to-cycle or --components, or cap it with --max-events%n",
                    r.bytes() / 1048576.0);
        }
        if (r.dropped() > 0) {
            err.printf(Locale.ROOT, "--max-events %d reached: dropped %d slice and flow events from cycle %d on "
                    + "(narrow --from-cycle/--to-cycle, --images or --components, or raise --max-events)%n",
                    o.maxEvents(), r.dropped(), r.firstDroppedCycle());
        }
        err.flush();
    }

    /** The timeline options of a run, checked; null arguments mean "not given". */
    static TimelineOptions options(RunDirectory dir, TimelineDetail detail, Long from, Long to, String images, String glob,
            Long maxEvents) {
        TreeMap<String, String> facts = new TreeMap<>();
        facts.put("model-file", dir.report().model().file());
        facts.put("config-file", dir.report().config().file());
        facts.put("trace-file", dir.trace().getFileName().toString());
        if (glob != null) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (PatternSyntaxException e) {
                throw new UserInputException("--components '" + glob + "': not a valid glob (" + e.getDescription()
                        + "), e.g. 'tile0/**' or 'tile*/xbar*'");
            }
        }
        TimelineOptions o = TimelineOptions.defaults().withDetail(detail).withComponents(glob)
                .withPower(dir.actionEnergy(), dir.report().power().staticMw()).withOtherData(facts);
        long f = from == null ? Long.MIN_VALUE : from;
        long t = to == null ? Long.MAX_VALUE : to;
        if (from != null && from < 0) {
            throw new UserInputException("--from-cycle " + from + ": must be >= 0");
        }
        if (t <= f) {
            throw new UserInputException("--to-cycle " + to + " must be above --from-cycle " + from);
        }
        o = o.withCycles(f, t);
        if (images != null) {
            int[] range = imageRange(images, dir.report().inputs().images());
            o = o.withImages(range[0], range[1]);
        }
        if (maxEvents != null) {
            if (maxEvents < 0) {
                throw new UserInputException("--max-events " + maxEvents + ": must be >= 0");
            }
            o = o.withMaxEvents(maxEvents);
        }
        return o;
    }

    static TimelineDetail parseDetail(String s) {
        try {
            return TimelineDetail.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--detail '" + s + "': must be summary, normal or full");
        }
    }

    private TimelineDetail detail() {
        return parseDetail(detail);
    }

    /** "I" or "I-J" as [first, last]; images are numbered 0 .. images-1 within the run. */
    private static int[] imageRange(String s, int images) {
        String[] parts = s.split("-", -1);
        try {
            int a = Integer.parseInt(parts[0].trim());
            int b = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : a;
            if (parts.length > 2 || a < 0 || b < a) {
                throw new NumberFormatException();
            }
            if (b >= images) { // a range past the run's last image is a mistake as much as one that starts there
                throw new UserInputException("--images " + s + ": the run simulated images 0 to " + (images - 1)
                        + " (numbered within the run)");
            }
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            throw new UserInputException("--images '" + s + "': expected I or I-J with 0 <= I <= J");
        }
    }
}
