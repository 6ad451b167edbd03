package org.xbarsim.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.config.ResolvedEntry;
import org.xbarsim.model.ModelFile;
import org.xbarsim.report.FileDigests;

/**
 * A sweep expanded into its points: the cartesian product of the model list and the axes (zipped
 * keys move together), the first axis outermost and the last fastest; constraints skip points; every
 * remaining point's chip config is loaded and validated. All problems of the file and of every point
 * are listed at once before anything runs.
 *
 * @param labels the summary's value columns: {@code model}, then each axis key's label in order
 */
public record SweepPlan(SweepFile sweep, List<String> labels, List<SweepPoint> points, List<Skipped> skipped) {
    private static final Pattern FILE_LINE = Pattern.compile("^(.+?:\\d+): (.*)$", Pattern.DOTALL);

    public SweepPlan {
        labels = List.copyOf(labels);
        points = List.copyOf(points);
        skipped = List.copyOf(skipped);
    }

    /**
     * A point a constraint removed, and why.
     *
     * @param values      swept label -> value as shown in tables
     * @param typedValues the same values as the sweep file typed them (numbers, booleans, strings), for
     *                    {@code summary.json}; not in {@code sweep-plan.json}
     */
    public record Skipped(String id, Map<String, String> values,
                          @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> typedValues, String reason) {
    }

    /** Told how many of the sweep's points have been checked, as the check goes (a large sweep takes minutes). */
    @FunctionalInterface
    public interface CheckProgress {
        CheckProgress NONE = (checked, total) -> { };

        void checked(long checked, long total);
    }

    /**
     * Reads, expands and validates the sweep {@code file}.
     *
     * @throws UserInputException listing every problem, each as {@code file:line: axis/point: problem}
     */
    public static SweepPlan load(Path file) {
        return load(file, CheckProgress.NONE);
    }

    /** {@link #load(Path)}, telling {@code progress} after each point checked. */
    public static SweepPlan load(Path file, CheckProgress progress) {
        SweepProblems problems = new SweepProblems(org.xbarsim.io.Installation.resolveBundled(file).toString());
        SweepFile sweep = SweepFile.load(file, problems);
        if (sweep == null) { // another kind of file: its one problem says what it is
            problems.throwIfAny();
        }
        Map<String, String[]> modelDigests = modelDigests(sweep, problems);
        ChipConfig baseChip = null;
        if (sweep.chip() != null) {
            try {
                baseChip = ChipConfigLoader.load(sweep.chip());
            } catch (UserInputException e) {
                e.problems().forEach(p -> problems.add(sweep.chipLine(), "chip", p));
            }
        }
        // the summary's axis columns; a repeated label (two axes, or an axis and a figure) is refused by
        // the sweep file's own check, with its line
        List<String> labels = new ArrayList<>();
        labels.add(SweepFile.MODEL_LABEL);
        sweep.axes().forEach(a -> a.columns().forEach(c -> labels.add(c.label())));
        long total = sweep.models().size();
        for (SweepFile.Axis a : sweep.axes()) {
            total *= a.size();
            if (total > SweepFile.MAX_POINTS) {
                problems.add(a.line(), "axes", "more than " + SweepFile.MAX_POINTS + " points; split the sweep");
                break;
            }
        }
        List<SweepPoint> points = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        // Expand even when the file has problems: bad axes and constraints are left out, so the
        // points' own problems are listed in the same run.
        if (baseChip != null && !sweep.models().isEmpty() && total <= SweepFile.MAX_POINTS) {
            int width = Math.max(3, Long.toString(total - 1).length());
            for (int index = 0; index < total; index++) {
                expandOne(sweep, index, width, modelDigests, problems, points, skipped);
                progress.checked(index + 1, total);
            }
            if (points.isEmpty() && problems.isEmpty()) {
                problems.add(0, "constraints", "skip all " + total + " points; nothing would run");
            }
        }
        problems.throwIfAny();
        return new SweepPlan(sweep, labels, points, skipped);
    }

    private static void expandOne(SweepFile sweep, int index, int width, Map<String, String[]> modelDigests,
            SweepProblems problems, List<SweepPoint> points, List<Skipped> skipped) {
        String id = "p" + String.format(java.util.Locale.ROOT, "%0" + width + "d", index);
        // mixed radix, last axis fastest; the model list is the outermost axis
        int[] pick = new int[sweep.axes().size()];
        int rest = index;
        for (int a = sweep.axes().size() - 1; a >= 0; a--) {
            int n = sweep.axes().get(a).size();
            pick[a] = rest % n;
            rest /= n;
        }
        SweepFile.ModelEntry model = sweep.models().get(rest);
        Map<String, String> shown = new LinkedHashMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        Map<String, String> byKey = new LinkedHashMap<>();
        shown.put(SweepFile.MODEL_LABEL, model.name());
        typed.put(SweepFile.MODEL_LABEL, model.name());
        byKey.put(SweepFile.MODEL_LABEL, model.name());
        Config overrides = ConfigFactory.empty();
        for (int a = 0; a < pick.length; a++) {
            for (SweepFile.Column c : sweep.axes().get(a).columns()) {
                ConfigValue v = c.values().get(pick[a]);
                shown.put(c.label(), SweepFile.show(v));
                typed.put(c.label(), v.unwrapped());
                byKey.put(c.key(), SweepFile.show(v));
                overrides = overrides.withValue(c.key(), v);
            }
        }
        for (SweepFile.Constraint k : sweep.constraints()) {
            if (k instanceof SweepFile.SkipWhen s && s.match().entrySet().stream()
                    .allMatch(e -> e.getValue().equals(byKey.get(e.getKey())))) {
                skipped.add(new Skipped(id, shown, typed, "skip-when (line " + s.line() + ")"));
                return;
            }
        }
        String where = "point " + id + " (" + describe(shown) + ")";
        ChipConfig cfg;
        try {
            cfg = ChipConfigLoader.load(sweep.chip(), overrides);
        } catch (UserInputException e) {
            for (String p : e.problems()) {
                Matcher m = FILE_LINE.matcher(p);
                problems.addRaw(m.matches() ? m.group(1) + ": " + where + ": " + m.group(2) : where + ": " + p);
            }
            return;
        }
        for (SweepFile.Constraint k : sweep.constraints()) {
            if (k instanceof SweepFile.Require r && !holds(r.rule(), cfg)) {
                skipped.add(new Skipped(id, shown, typed, r.rule() + " (line " + r.line() + "): ADC of " + cfg.chip().tile().adc().bits()
                        + " bits < " + cfg.chip().tile().idealAdcBits() + " needed"));
                return;
            }
        }
        String text = configText(sweep, id, shown, cfg);
        String[] md = modelDigests.getOrDefault(model.name(), new String[] {"-", "-"});
        String digest = FileDigests.sha256((FileDigests.sha256(text.getBytes(StandardCharsets.UTF_8)) + "\n" + md[0] + "\n" + md[1]
                + "\n" + sweep.images() + "\n" + sweep.idealAdc()).getBytes(StandardCharsets.UTF_8));
        points.add(new SweepPoint(id, shown, typed, model, text, digest));
    }

    private static boolean holds(String rule, ChipConfig cfg) {
        TileSpec t = cfg.chip().tile();
        return switch (rule) {
            case "adc-bits-cover-rows" -> t.adc().bits() >= t.idealAdcBits();
            default -> throw new IllegalStateException("rule " + rule + " is checked by SweepFile");
        };
    }

    /** The point's resolved chip configuration, every key (it names no base file, so it travels alone). */
    private static String configText(SweepFile sweep, String id, Map<String, String> shown, ChipConfig cfg) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sweep '").append(sweep.name()).append("', point ").append(id).append(": ").append(describe(shown)).append('\n');
        sb.append("# The chip config ").append(sweep.chip().getFileName()).append(" with this point's values, every key resolved.\n");
        for (ResolvedEntry e : cfg.entries()) {
            sb.append(e.keyPath()).append(" = ").append(e.value()).append('\n');
        }
        return sb.toString();
    }

    static String describe(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** By model name: the SHA-256 of the model and of its baseline ("-" when none); problems for unreadable models. */
    private static Map<String, String[]> modelDigests(SweepFile sweep, SweepProblems problems) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (int i = 0; i < sweep.models().size(); i++) {
            SweepFile.ModelEntry m = sweep.models().get(i);
            boolean ok = true;
            for (Path p : m.baseline() == null ? List.of(m.model()) : List.of(m.model(), m.baseline())) {
                try {
                    ModelFile.read(p);
                } catch (UserInputException e) {
                    problems.add(m.line(), "models[" + i + "] " + m.name(), e.getMessage());
                    ok = false;
                }
            }
            if (ok) {
                out.put(m.name(), new String[] {FileDigests.sha256(m.model()),
                        m.baseline() == null ? "-" : FileDigests.sha256(m.baseline())});
            }
        }
        return out;
    }
}
