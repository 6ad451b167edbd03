package org.xbarsim.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.xbarsim.DidYouMean;
import org.xbarsim.UserInputException;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.data.DataSets;
import org.xbarsim.io.InputFiles;
import org.xbarsim.io.Installation;

/**
 * A sweep file as written (HOCON, like the chip configs; docs/sweeps.md lists every key):
 * <pre>
 * version = 1
 * name = "adc-x-size"
 * chip = "../small.conf"
 * models = [ { name = "lenet5", model = "../../docs/results/lenet5-compressed.json",
 *              baseline = "../../docs/results/lenet5-baseline.json" } ]
 * images { dataset = "fashion-mnist", first = 0, count = 2 }
 * axes = [
 *   { key = "chip.tile.adc.bits", values = [4, 6, 8] }
 *   { zip = [ { key = "chip.tile.crossbar.rows", values = [32, 64] },
 *             { key = "chip.tile.crossbar.columns", values = [32, 64] } ] }
 * ]
 * constraints = [ { require = "adc-bits-cover-rows" },
 *                 { skip-when { "chip.tile.weights.encoding" = "offset", "chip.tile.weights.flip-columns" = true } } ]
 * </pre>
 * Paths are relative to the sweep file's folder. {@link #load} checks the file's own structure;
 * {@link SweepPlan} expands and checks the points.
 */
public record SweepFile(Path file, String name, Path chip, int chipLine, List<ModelEntry> models, Images images,
                        boolean idealAdc, List<Axis> axes, List<Constraint> constraints) {
    public static final int VERSION = 1;
    /** Label of the implicit axis over {@code models}. */
    public static final String MODEL_LABEL = "model";
    /** More points than this are refused: a sweep that large is a mistake in an axis, or needs splitting. */
    public static final int MAX_POINTS = 100_000;
    /** Images per point at most (each is simulated cycle by cycle). */
    public static final int MAX_IMAGES = 10_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final List<String> TOP_KEYS = List.of("version", "name", "chip", "models", "images", "ideal-adc", "axes",
            "constraints");

    /** True for a valid sweep name (it becomes part of the cluster's name). */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    public SweepFile {
        models = List.copyOf(models);
        axes = List.copyOf(axes);
        constraints = List.copyOf(constraints);
    }

    /** A model of the model axis: simulated alone, or compared against its baseline when one is given. */
    public record ModelEntry(String name, Path model, Path baseline, int line) {
    }

    /** The images every point simulates: {@code count} test images from {@code first} of {@code dataset}. */
    public record Images(String dataset, Path dataDir, int first, int count) {
    }

    /**
     * One axis: a single key, or several keys zipped (their i-th values go together).
     *
     * @param line the axis's line in the sweep file
     */
    public record Axis(List<Column> columns, int line) {
        public Axis {
            columns = List.copyOf(columns);
        }

        public int size() {
            return columns.get(0).values().size();
        }
    }

    /**
     * One key of an axis and its values (kept with their origin, so a bad value's message names its line).
     *
     * @param label the column name in the summary: the key without its {@code chip.} / {@code chip.tile.} prefix
     */
    public record Column(String key, String label, List<ConfigValue> values, int line) {
        public Column {
            values = List.copyOf(values);
        }
    }

    /** A rule that skips points. */
    public sealed interface Constraint permits SkipWhen, Require {
        int line();
    }

    /** Skips the points whose values equal all of {@code match} (axis key or label -> value as written). */
    public record SkipWhen(Map<String, String> match, int line) implements Constraint {
        public SkipWhen {
            match = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(match));
        }
    }

    /** Keeps only the points whose chip satisfies a named rule ({@link #RULES}). */
    public record Require(String rule, int line) implements Constraint {
        /** adc-bits-cover-rows: the ADC resolves every column sum (ADC bits at least what rows, DAC and cell bits need). */
        public static final List<String> RULES = List.of("adc-bits-cover-rows");
    }

    /**
     * Reads and checks {@code path}; structural problems go to {@code problems} (all of them, not
     * only the first) and the result is null when the file is another kind of file (a chip config,
     * an xbarsim model), said in one problem.
     */
    static SweepFile load(Path path, SweepProblems problems) {
        Path file = Installation.resolveBundled(path);
        InputFiles.check(file, "sweep file", InputFiles.MAX_CONFIG_BYTES);
        Config c;
        try {
            c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setAllowMissing(false)).resolve();
        } catch (ConfigException e) {
            String msg = e.getMessage();
            throw new UserInputException("invalid sweep " + path + ": " + (msg.startsWith(file.toString()) ? msg
                    : file + ": " + msg));
        }
        return new Reader(file, c, problems).read();
    }

    /** The column label of a chip key: what follows {@code chip.tile.} or {@code chip.}, else the key. */
    static String label(String key) {
        if (key.startsWith("chip.tile.")) {
            return key.substring("chip.tile.".length());
        }
        return key.startsWith("chip.") ? key.substring("chip.".length()) : key;
    }

    /** The value as shown in tables: strings without quotes. */
    static String show(ConfigValue v) {
        Object u = v.unwrapped();
        return u == null ? "null" : u.toString();
    }

    private static final class Reader {
        private final Path file;
        private final Config c;
        private final SweepProblems problems;

        /** What the file is when it is another kind of file than a sweep file (a chip config, an xbarsim model), or null. */
        private String otherKindOfFile() {
            if (c.hasPath("format") && c.getValue("format").valueType() == ConfigValueType.STRING
                    && c.getString("format").startsWith("xbarsim-")) {
                return "this is an xbarsim " + c.getString("format").substring(8) + " file, not a sweep file"
                        + " (sim-configs/sweeps/*.conf, docs/sweeps.md)";
            }
            boolean sweepKeys = c.hasPath("axes") || c.hasPath("models") || c.hasPath("images") || c.hasPath("name");
            // a sweep file with a chip block where chip = "FILE" belongs is a sweep file: its problems are listed
            if (!sweepKeys && (c.hasPath("chip") && c.getValue("chip").valueType() == ConfigValueType.OBJECT
                    || c.hasPath("base") || c.hasPath("costs"))) {
                return "this is a chip configuration, not a sweep file: a sweep file names one as chip = \"FILE\" and"
                        + " varies its keys along axes (sim-configs/sweeps/*.conf, docs/sweeps.md)";
            }
            return null;
        }

        Reader(Path file, Config c, SweepProblems problems) {
            this.file = file;
            this.c = c;
            this.problems = problems;
        }

        SweepFile read() {
            String other = otherKindOfFile();
            if (other != null) { // one line, not one per key the file has and a sweep file has not
                problems.add(0, null, other);
                return null;
            }
            for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
                if (!TOP_KEYS.contains(e.getKey())) {
                    problem(e.getValue(), e.getKey(), "unknown key" + DidYouMean.hint(e.getKey(), TOP_KEYS) + "; a sweep file has "
                            + String.join(", ", TOP_KEYS));
                }
            }
            Integer version = integer(c, "version", true, 1, 1000);
            if (version != null && version != VERSION) {
                problem(c.getValue("version"), "version", "must be " + VERSION + " (this xbarsim reads sweep files of version "
                        + VERSION + ")");
            }
            String name = string(c, "name", true);
            if (name != null && !validName(name)) {
                problem(c.getValue("name"), "name", "must be 1 to 64 letters, digits, '-' or '_' starting with a letter or digit"
                        + " (it names the cluster and its actor systems)");
            }
            String chipText = string(c, "chip", true);
            Path chip = null;
            int chipLine = 0;
            if (chipText != null) {
                chipLine = line(c.getValue("chip"));
                chip = sibling(chipText);
                if (!Files.isRegularFile(chip)) {
                    problem(c.getValue("chip"), "chip", "no such chip config file (looked for " + chip + ")"
                            + Installation.bundledConfig(chip).map(b -> "; paths are relative to the sweep file's folder, "
                                    + "so name the bundled one by its path: chip = \"" + b + "\"").orElse(""));
                    chip = null;
                }
            }
            List<ModelEntry> models = models();
            Images images = images();
            boolean idealAdc = c.hasPath("ideal-adc") && bool(c, "ideal-adc");
            List<Axis> axes = axes();
            List<Constraint> constraints = constraints(axes);
            return new SweepFile(file, name, chip, chipLine, models, images, idealAdc, axes, constraints);
        }

        private List<ModelEntry> models() {
            List<ModelEntry> out = new ArrayList<>();
            ConfigList list = list(c, "models", true);
            if (list == null) {
                return out;
            }
            if (list.isEmpty()) {
                problem(list, "models", "must name at least one model");
            }
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String where = "models[" + i + "]";
                Config m = object(list.get(i), where);
                if (m == null) {
                    continue;
                }
                unknownKeys(m, where, List.of("name", "model", "baseline"));
                String name = string(m, "name", true, where);
                if (name != null && !names.add(name)) {
                    problem(m.getValue("name"), where + ".name", "'" + name + "' names two models; names must differ");
                }
                Path model = modelFile(m, "model", true, where);
                Path baseline = modelFile(m, "baseline", false, where);
                if (name != null && model != null) {
                    out.add(new ModelEntry(name, model, baseline, line(list.get(i))));
                }
            }
            return out;
        }

        private Path modelFile(Config m, String key, boolean required, String where) {
            String text = string(m, key, required, where);
            if (text == null) {
                return null;
            }
            Path p = sibling(text);
            try {
                InputFiles.check(p, "model file", InputFiles.MAX_MODEL_BYTES);
            } catch (UserInputException e) {
                problem(m.getValue(key), where + "." + key, e.getMessage());
                return null;
            }
            return p;
        }

        private Images images() {
            if (!c.hasPath("images")) {
                problem(null, "images", "missing: give images { dataset = \"fashion-mnist\", first = 0, count = 2 }");
                return null;
            }
            Config i = object(c.getValue("images"), "images");
            if (i == null) {
                return null;
            }
            unknownKeys(i, "images", List.of("dataset", "data-dir", "first", "count"));
            String dataset = i.hasPath("dataset") ? string(i, "dataset", true, "images") : "fashion-mnist";
            if (dataset != null && !DataSets.NAMES.contains(dataset.toLowerCase(Locale.ROOT))) {
                problem(i.getValue("dataset"), "images.dataset", "unknown data set" + DidYouMean.hint(dataset, DataSets.NAMES)
                        + "; one of " + String.join(", ", DataSets.NAMES));
                dataset = null;
            }
            String dir = i.hasPath("data-dir") ? string(i, "data-dir", true, "images") : null;
            Integer first = i.hasPath("first") ? integer(i, "first", true, 0, Integer.MAX_VALUE, "images") : Integer.valueOf(0);
            Integer count = integer(i, "count", true, 1, MAX_IMAGES, "images");
            if (dataset == null || first == null || count == null) {
                return null;
            }
            return new Images(dataset.toLowerCase(Locale.ROOT), dir == null ? null : sibling(dir), first, count);
        }

        private List<Axis> axes() {
            List<Axis> out = new ArrayList<>();
            ConfigList list = list(c, "axes", false);
            if (list == null) {
                return out;
            }
            Set<String> keys = new java.util.HashSet<>();
            // the summary's columns are the labels beside these: a label that repeats one would make two
            // columns of one name (chip.tile.crossbars is 'crossbars', as the crossbars-allocated figure)
            Set<String> labels = new java.util.HashSet<>(SweepSummary.columns(List.of(MODEL_LABEL)));
            for (int i = 0; i < list.size(); i++) {
                String where = "axes[" + i + "]";
                Config a = object(list.get(i), where);
                if (a == null) {
                    continue;
                }
                List<Column> columns = new ArrayList<>();
                if (a.hasPath("zip")) {
                    unknownKeys(a, where, List.of("zip"));
                    ConfigList zip = list(a, "zip", true, where);
                    if (zip == null) {
                        continue;
                    }
                    if (zip.size() < 2) {
                        problem(zip, where + ".zip", "must list two or more keys with their values (one key is a plain axis)");
                    }
                    for (int j = 0; j < zip.size(); j++) {
                        Config z = object(zip.get(j), where + ".zip[" + j + "]");
                        Column col = z == null ? null : column(z, where + ".zip[" + j + "]", line(zip.get(j)));
                        if (col != null) {
                            columns.add(col);
                        }
                    }
                    for (Column col : columns) {
                        if (col.values().size() != columns.get(0).values().size()) {
                            problem(zip, where + ".zip", "zipped keys need as many values each: " + columns.get(0).key() + " has "
                                    + columns.get(0).values().size() + ", " + col.key() + " has " + col.values().size());
                            columns.clear();
                            break;
                        }
                    }
                } else {
                    Column col = column(a, where, line(list.get(i)));
                    if (col != null) {
                        columns.add(col);
                    }
                }
                for (Column col : columns) {
                    if (!keys.add(col.key())) {
                        problem(list.get(i), "axis " + col.key(), "this key is swept by two axes");
                    } else if (!labels.add(col.label())) {
                        problem(list.get(i), "axis " + col.key(), "its column label '" + col.label() + "' is already a column of "
                                + "the summary (a figure or another axis); give the axis a label of its own, e.g. label = \"" + col.key().replaceFirst("^chip\\.", "")
                                + "\"");
                    }
                }
                if (!columns.isEmpty()) {
                    repeatedValues(columns, list.get(i));
                    out.add(new Axis(columns, line(list.get(i))));
                }
            }
            return out;
        }

        /** A value given twice (a pair of zipped values twice) would run the same points twice under two ids. */
        private void repeatedValues(List<Column> columns, ConfigValue axis) {
            Set<List<Object>> seen = new java.util.HashSet<>();
            for (int v = 0; v < columns.get(0).values().size(); v++) {
                List<Object> tuple = new ArrayList<>();
                for (Column c : columns) {
                    tuple.add(c.values().get(v).unwrapped());
                }
                if (!seen.add(tuple)) {
                    String what = columns.size() == 1 ? "the value " + tuple.get(0) + " is"
                            : "the values (" + tuple.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                                    + ") are";
                    problem(axis, "axis " + columns.stream().map(Column::key).collect(java.util.stream.Collectors.joining(" + ")),
                            what + " listed twice: the same points would run twice");
                    return;
                }
            }
        }

        private Column column(Config a, String where, int line) {
            unknownKeys(a, where, List.of("key", "values", "label"));
            String key = string(a, "key", true, where);
            ConfigList values = list(a, "values", true, where);
            String label = a.hasPath("label") ? string(a, "label", true, where) : null;
            if (key == null || values == null) {
                return null;
            }
            List<String> known = ChipConfigLoader.keys();
            if (!known.contains(key)) {
                problem(a.getValue("key"), "axis " + key, "not a chip config key" + DidYouMean.hint(key, known)
                        + " (docs/config.md lists them; sim-configs/defaults.conf documents each)");
                return null;
            }
            if (values.isEmpty()) {
                problem(values, "axis " + key, "values must list at least one value");
                return null;
            }
            for (ConfigValue v : values) {
                if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT
                        || v.valueType() == ConfigValueType.NULL) {
                    problem(v, "axis " + key, "values must be numbers, strings or booleans, not " + v.valueType()
                            .name().toLowerCase(Locale.ROOT));
                    return null;
                }
            }
            return new Column(key, label != null ? label : label(key), values, line);
        }

        private List<Constraint> constraints(List<Axis> axes) {
            List<Constraint> out = new ArrayList<>();
            ConfigList list = list(c, "constraints", false);
            if (list == null) {
                return out;
            }
            Map<String, String> axisNames = new LinkedHashMap<>();
            axes.forEach(a -> a.columns().forEach(col -> {
                axisNames.put(col.key(), col.key());
                axisNames.put(col.label(), col.key());
            }));
            axisNames.put(MODEL_LABEL, MODEL_LABEL);
            for (int i = 0; i < list.size(); i++) {
                String where = "constraints[" + i + "]";
                Config k = object(list.get(i), where);
                if (k == null) {
                    continue;
                }
                unknownKeys(k, where, List.of("skip-when", "require"));
                int line = line(list.get(i));
                if (k.hasPath("require") == k.hasPath("skip-when")) {
                    problem(list.get(i), where, "give either require = \"RULE\" or skip-when { KEY = VALUE, ... }");
                } else if (k.hasPath("require")) {
                    String rule = string(k, "require", true, where);
                    if (rule != null && !Require.RULES.contains(rule)) {
                        problem(k.getValue("require"), where + ".require", "unknown rule '" + rule + "'"
                                + DidYouMean.hint(rule, Require.RULES) + "; known: " + String.join(", ", Require.RULES));
                    } else if (rule != null) {
                        out.add(new Require(rule, line));
                    }
                } else {
                    Config sw = object(k.getValue("skip-when"), where + ".skip-when");
                    if (sw == null) {
                        continue;
                    }
                    Map<String, String> match = new LinkedHashMap<>();
                    boolean ok = !sw.isEmpty();
                    if (!ok) {
                        problem(k.getValue("skip-when"), where + ".skip-when", "must name at least one axis and its value");
                    }
                    // leaf paths, unquoted: "adc.bits" = 7 and chip.tile.adc.bits = 7 both name an axis
                    Map<String, ConfigValue> leaves = new java.util.TreeMap<>();
                    sw.entrySet().forEach(e -> leaves.put(String.join(".", com.typesafe.config.ConfigUtil.splitPath(e.getKey())),
                            e.getValue()));
                    for (Map.Entry<String, ConfigValue> e : leaves.entrySet()) {
                        String axis = axisNames.get(e.getKey());
                        if (axis == null) {
                            problem(e.getValue(), where + ".skip-when." + e.getKey(), "not a swept axis"
                                    + DidYouMean.hint(e.getKey(), axisNames.keySet()) + "; the axes are "
                                    + String.join(", ", new java.util.LinkedHashSet<>(axisNames.values())));
                            ok = false;
                        } else {
                            match.put(axis, show(e.getValue()));
                        }
                    }
                    if (ok) {
                        out.add(new SkipWhen(match, line));
                    }
                }
            }
            return out;
        }

        // ---- typed reads that report instead of throwing ----

        private Path sibling(String text) {
            Path p = Path.of(text);
            return p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p).normalize();
        }

        private void unknownKeys(Config o, String where, List<String> known) {
            for (Map.Entry<String, ConfigValue> e : o.root().entrySet()) {
                if (!known.contains(e.getKey())) {
                    problem(e.getValue(), where + "." + e.getKey(), "unknown key" + DidYouMean.hint(e.getKey(), known)
                            + "; known here: " + String.join(", ", known));
                }
            }
        }

        private String string(Config o, String key, boolean required) {
            return string(o, key, required, null);
        }

        private String string(Config o, String key, boolean required, String where) {
            ConfigValue v = value(o, key, required, where);
            if (v == null) {
                return null;
            }
            if (v.valueType() != ConfigValueType.STRING || ((String) v.unwrapped()).isBlank()) {
                problem(v, path(where, key), "must be a non-empty string");
                return null;
            }
            return (String) v.unwrapped();
        }

        private Integer integer(Config o, String key, boolean required, long min, long max) {
            return integer(o, key, required, min, max, null);
        }

        private Integer integer(Config o, String key, boolean required, long min, long max, String where) {
            ConfigValue v = value(o, key, required, where);
            if (v == null) {
                return null;
            }
            if (v.valueType() != ConfigValueType.NUMBER || !(v.unwrapped() instanceof Integer)) {
                problem(v, path(where, key), "must be a whole number");
                return null;
            }
            int n = (Integer) v.unwrapped();
            if (n < min || n > max) {
                problem(v, path(where, key), "must be in [" + min + ", " + max + "]");
                return null;
            }
            return n;
        }

        private boolean bool(Config o, String key) {
            ConfigValue v = o.getValue(key);
            if (v.valueType() != ConfigValueType.BOOLEAN) {
                problem(v, key, "must be true or false");
                return false;
            }
            return (Boolean) v.unwrapped();
        }

        private ConfigList list(Config o, String key, boolean required) {
            return list(o, key, required, null);
        }

        private ConfigList list(Config o, String key, boolean required, String where) {
            ConfigValue v = value(o, key, required, where);
            if (v == null) {
                return null;
            }
            if (v.valueType() != ConfigValueType.LIST) {
                problem(v, path(where, key), "must be a list [ ... ]");
                return null;
            }
            return (ConfigList) v;
        }

        private Config object(ConfigValue v, String where) {
            if (v.valueType() != ConfigValueType.OBJECT) {
                problem(v, where, "must be an object { ... }");
                return null;
            }
            return ((ConfigObject) v).toConfig();
        }

        private ConfigValue value(Config o, String key, boolean required, String where) {
            if (!o.root().containsKey(key) || o.root().get(key).valueType() == ConfigValueType.NULL) {
                if (required) {
                    problem(where == null ? null : o.root(), path(where, key), "missing");
                }
                return null;
            }
            return o.root().get(key);
        }

        private static String path(String where, String key) {
            return where == null ? key : where + "." + key;
        }

        private void problem(ConfigValue at, String where, String problem) {
            problems.add(at == null ? 0 : line(at), where, problem);
        }

        private static int line(ConfigValue v) {
            return Math.max(0, v.origin().lineNumber());
        }
    }
}
