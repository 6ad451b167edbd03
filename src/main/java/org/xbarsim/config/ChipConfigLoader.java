package org.xbarsim.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xbarsim.DidYouMean;
import org.xbarsim.UserInputException;
import org.xbarsim.mapping.Replication;
import org.xbarsim.arch.AdcSpec;
import org.xbarsim.arch.BufferSpec;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.CrossbarSpec;
import org.xbarsim.arch.DacSpec;
import org.xbarsim.arch.NetworkSpec;
import org.xbarsim.arch.NetworkTopology;
import org.xbarsim.arch.SampleHoldSpec;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.arch.UnitSpec;
import org.xbarsim.arch.WeightStorage;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.cost.ComponentCost;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.cost.CostTable;
import org.xbarsim.cost.TechnologyScaling;

/**
 * Loads a chip configuration (HOCON, read with Typesafe Config) and validates all of it at once.
 * A relative path that does not exist from the current folder is looked up in the installation
 * ({@link org.xbarsim.io.Installation#resolveBundled}), so {@code sim-configs/isaac.conf} works from
 * any folder.
 *
 * <p>Layering: a file names the file it overrides with a top-level {@code base = "defaults.conf"}
 * (a path relative to the file's own folder); bases chain (a user file can name
 * {@code isaac.conf}, which names {@code defaults.conf}). Values of the file win over its base. The
 * file without a {@code base} must be complete, as {@code sim-configs/defaults.conf} is.
 *
 * <p>Validation collects every problem before failing: syntax, base files, unknown keys (with a
 * "did you mean"), missing keys, types, ranges and rules spanning several keys. Each message reads
 * {@code file:line: key.path = value: problem}; errors end in one {@link UserInputException}
 * listing them all, warnings travel with the loaded {@link ChipConfig}.
 */
public final class ChipConfigLoader {
    /** Top-level key naming the file a configuration overrides. */
    public static final String BASE_KEY = "base";
    private static final int MAX_BASE_DEPTH = 16;

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final String topFile;
    private Config config;
    private Config overrides;
    /** False once a base file failed to load: its keys are then missing as a consequence, not a cause. */
    private boolean reportMissing = true;
    /** Required keys that no file of the chain gives; reported together (see {@link #reportMissing()}). */
    private final List<String> missing = new ArrayList<>();
    /** More missing keys than this are reported as one problem: the file most likely lacks a base. */
    private static final int MISSING_LISTED_ONE_BY_ONE = 5;

    private ChipConfigLoader(String topFile) {
        this.topFile = topFile;
    }

    /** Loads and validates {@code file}; throws {@link UserInputException} listing every error. */
    public static ChipConfig load(Path file) {
        refuseEmpty(file);
        file = org.xbarsim.io.Installation.resolveBundled(file);
        ChipConfigLoader loader = new ChipConfigLoader(file.toString());
        return loader.run(file);
    }

    private static void refuseEmpty(Path file) {
        if (file.toString().isEmpty()) { // Path.of("") is the current folder
            throw new UserInputException("an empty path was given for the chip configuration file");
        }
    }

    /**
     * Loads {@code file} with {@code overrides} layered on top (a sweep point, a command-line
     * option) and validates the result. Problems in an override name its origin, e.g. the sweep
     * file and line it was parsed from, or the description given to {@link #overrides}.
     */
    public static ChipConfig load(Path file, Config overrides) {
        refuseEmpty(file);
        file = org.xbarsim.io.Installation.resolveBundled(file);
        ChipConfigLoader loader = new ChipConfigLoader(file.toString());
        loader.overrides = overrides;
        return loader.run(file);
    }

    /** Every key a chip configuration may set, in the order the resolved configuration lists them. */
    public static List<String> keys() {
        return List.copyOf(ConfigSchema.keys().keySet());
    }

    /**
     * Overrides from full key paths and plain values ({@code "chip.tile.adc.bits" -> 6}), named
     * {@code description} in messages (e.g. "sweep.conf point 3").
     */
    public static Config overrides(Map<String, ?> values, String description) {
        return ConfigFactory.parseMap(values, description);
    }

    private ChipConfig run(Path file) {
        Config merged = parseChain(file, new LinkedHashSet<>(), null);
        if (merged != null && overrides != null) {
            merged = overrides.withFallback(merged);
        }
        if (merged != null) {
            try {
                config = merged.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
            } catch (ConfigException e) {
                problems.add(fromException(e));
            }
        }
        ChipConfig result = null;
        if (config != null) {
            checkUnknownKeys();
            result = build();
            reportMissing();
        }
        if (problems.stream().anyMatch(p -> !p.warning())) {
            // Errors only: warnings are shown once the file is valid, so they do not hide the errors.
            throw new InvalidConfigException(topFile, sorted().stream().filter(p -> !p.warning()).toList());
        }
        return result;
    }

    private void reportMissing() {
        if (missing.size() > MISSING_LISTED_ONE_BY_ONE) {
            problems.add(new ConfigProblem(topFile, 0, null, null, missing.size() + " required keys are missing ("
                    + String.join(", ", missing.subList(0, 3)) + ", ...): a file without a base must give every key;"
                    + " to set only some, add base = \"defaults.conf\" (or another preset of sim-configs/, as a path"
                    + " relative to this file) at its top", false));
            return;
        }
        for (String path : missing) {
            problems.add(new ConfigProblem(topFile, 0, path, null, "missing (give it in this file or in the"
                    + " file its base chain ends in, e.g. base = \"defaults.conf\")", false));
        }
    }

    private List<ConfigProblem> sorted() {
        List<ConfigProblem> all = new ArrayList<>(problems);
        all.sort(Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line)
                .thenComparing(p -> p.keyPath() == null ? "" : p.keyPath()));
        return all;
    }

    // ---- parsing and layering ----

    private Config parseChain(Path file, Set<Path> seen, ConfigValue namedBy) {
        Path norm = file.toAbsolutePath().normalize();
        if (Files.exists(norm) && !Files.isRegularFile(norm) || fileTooLarge(norm)) {
            String why;
            try {
                org.xbarsim.io.InputFiles.check(norm, "chip configuration file", org.xbarsim.io.InputFiles.MAX_CONFIG_BYTES);
                why = "cannot be read";
            } catch (UserInputException e) {
                why = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
            }
            if (namedBy == null) {
                problems.add(new ConfigProblem(file.toString(), 0, null, null, why, false));
            } else {
                problems.add(at(namedBy, BASE_KEY, file + ": " + why, false));
                reportMissing = false;
            }
            return null;
        }
        if (!Files.isRegularFile(norm)) {
            if (namedBy == null) {
                problems.add(new ConfigProblem(file.toString(), 0, null, null, "no such file", false));
            } else {
                problems.add(at(namedBy, BASE_KEY, "no such file (looked for " + norm + ")" + bundledHint(norm), false));
                reportMissing = false;
            }
            return null;
        }
        if (!seen.add(norm)) {
            problems.add(at(namedBy, BASE_KEY, "files name each other as base in a cycle: " + seen, false));
            reportMissing = false;
            return null;
        }
        if (seen.size() > MAX_BASE_DEPTH) {
            problems.add(at(namedBy, BASE_KEY, "more than " + MAX_BASE_DEPTH + " nested base files", false));
            reportMissing = false;
            return null;
        }
        Config own;
        IncludeRefuser includes = new IncludeRefuser();
        try {
            own = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setAllowMissing(false).setIncluder(includes));
        } catch (ConfigException e) {
            problems.add(fromException(e));
            reportMissing = false;
            return null;
        }
        if (own.hasPath("format") && own.getValue("format").valueType() == ConfigValueType.STRING
                && own.getString("format").startsWith("xbarsim-")) {
            // another xbarsim file (a model, a mapping, a report) given as a config: one line, not its every key
            problems.add(at(own.getValue("format"), "format", "this is an xbarsim " + own.getString("format").substring(8)
                    + " file, not a chip configuration (sim-configs/*.conf, docs/config.md)"
                    + (own.getString("format").equals("xbarsim-int-model") ? "; give it as --model" : ""), false));
            reportMissing = false;
            return null;
        }
        if (!includes.named.isEmpty()) {
            refuseIncludes(file, includes.named);
            reportMissing = false;
        }
        if (!own.hasPathOrNull(BASE_KEY)) {
            return own;
        }
        ConfigValue base = own.getValue(BASE_KEY);
        own = own.withoutPath(BASE_KEY);
        List<Integer> baseLines = baseLines(file);
        if (baseLines.size() > 1) {
            problems.add(new ConfigProblem(file.toString(), baseLines.get(1), BASE_KEY, null, "given again (first at line "
                    + baseLines.get(0) + "): a chip file builds on one base file; name the one you mean once", false));
            reportMissing = false;
            return null;
        }
        if (base.valueType() != ConfigValueType.STRING || ((String) base.unwrapped()).isBlank()) {
            problems.add(at(base, BASE_KEY, "must be the path of the file this one overrides, e.g. \"defaults.conf\"",
                    false));
            return own;
        }
        Path baseFile = resolveSibling(file, (String) base.unwrapped());
        Config baseConfig = parseChain(baseFile, seen, base);
        return baseConfig == null ? own : own.withFallback(baseConfig);
    }

    /** The lines that set {@code base} at the top level of {@code file} (none when it cannot be read again). */
    private static List<Integer> baseLines(Path file) {
        try {
            return TopLevelAssignments.lines(Files.readString(file), BASE_KEY);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static boolean fileTooLarge(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > org.xbarsim.io.InputFiles.MAX_CONFIG_BYTES;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * HOCON {@code include} would let a file pull in any other file, and Typesafe Config silently
     * skips a missing one; chip files layer with {@code base} instead, so an include is an error
     * (never ignored) that names the line and points to {@code base}.
     */
    private void refuseIncludes(Path file, List<String> named) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            lines = List.of();
        }
        int from = 0;
        for (String what : named) {
            int line = 0;
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("include")) {
                    line = i + 1;
                    from = i + 1;
                    break;
                }
            }
            problems.add(new ConfigProblem(file.toString(), line, null, null, "include " + what
                    + ": 'include' is not supported in chip configurations; to build on another file, name it"
                    + " once at the top with base = \"FILE\" (a path relative to this file)", false));
        }
    }

    /** Records every {@code include} of a file (and includes nothing). */
    private static final class IncludeRefuser implements com.typesafe.config.ConfigIncluder,
            com.typesafe.config.ConfigIncluderFile, com.typesafe.config.ConfigIncluderURL,
            com.typesafe.config.ConfigIncluderClasspath {
        final List<String> named = new ArrayList<>();

        @Override
        public com.typesafe.config.ConfigIncluder withFallback(com.typesafe.config.ConfigIncluder fallback) {
            return this;
        }

        @Override
        public ConfigObject include(com.typesafe.config.ConfigIncludeContext context, String what) {
            return record("\"" + what + "\"");
        }

        @Override
        public ConfigObject includeFile(com.typesafe.config.ConfigIncludeContext context, java.io.File what) {
            return record("file(\"" + what + "\")");
        }

        @Override
        public ConfigObject includeURL(com.typesafe.config.ConfigIncludeContext context, java.net.URL what) {
            return record("url(\"" + what + "\")");
        }

        @Override
        public ConfigObject includeResources(com.typesafe.config.ConfigIncludeContext context, String what) {
            return record("classpath(\"" + what + "\")");
        }

        private ConfigObject record(String what) {
            named.add(what);
            return ConfigFactory.empty().root();
        }
    }

    /**
     * A user's file outside sim-configs/ that names a bundled preset by its bare name ("isaac.conf")
     * finds nothing beside itself: the hint names the bundled file by the path that works.
     */
    private static String bundledHint(Path missing) {
        return org.xbarsim.io.Installation.bundledConfig(missing)
                .map(b -> "; a base is looked for beside the file that names it, so name the bundled one by its path: base = \""
                        + b + "\"")
                .orElse("");
    }

    private static Path resolveSibling(Path file, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = file.getParent();
        return dir == null ? p : dir.resolve(p);
    }

    // ---- key checks ----

    private void checkUnknownKeys() {
        Map<String, KeySpec> known = ConfigSchema.keys();
        // TreeMap: unknown keys are reported in a stable order whatever the parser's map order.
        Map<String, ConfigValue> leaves = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            leaves.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, ConfigValue> e : leaves.entrySet()) {
            if (!known.containsKey(e.getKey())) {
                String children = childrenOf(e.getKey());
                if (!children.isEmpty()) {
                    problems.add(at(e.getValue(), e.getKey(), "must be a section holding " + children + ", not "
                            + typeName(e.getValue()), false));
                    continue;
                }
                String hint = DidYouMean.hint(e.getKey(), known.keySet());
                problems.add(at(e.getValue(), e.getKey(), "unknown key" + (hint.isEmpty() ? knownHere(e.getKey()) : hint),
                        false));
            }
        }
    }

    /** {@code " (known keys under costs.adc.energy-pj: convert)"} for the deepest known parent of {@code path}. */
    private static String knownHere(String path) {
        String prefix = path;
        while (prefix.contains(".")) {
            prefix = prefix.substring(0, prefix.lastIndexOf('.'));
            String children = childrenOf(prefix);
            if (!children.isEmpty()) {
                return " (known keys under " + prefix + ": " + children + ")";
            }
        }
        return "";
    }

    /** The known keys directly under section {@code prefix}, comma-separated; "" if it is no known section. */
    private static String childrenOf(String prefix) {
        Set<String> children = new LinkedHashSet<>();
        for (String k : ConfigSchema.keys().keySet()) {
            if (k.startsWith(prefix + ".")) {
                String rest = k.substring(prefix.length() + 1);
                int dot = rest.indexOf('.');
                children.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return String.join(", ", children);
    }

    private Long integer(String path) {
        KeySpec spec = spec(path);
        ConfigValue v = value(path);
        if (v == null) {
            return null;
        }
        if (v.valueType() != ConfigValueType.NUMBER) {
            problems.add(at(v, path, "must be an integer in " + spec.range() + ", not " + typeName(v), false));
            return null;
        }
        Number n = (Number) v.unwrapped();
        double d = n.doubleValue();
        if (!(n instanceof Integer || n instanceof Long) && d != Math.rint(d)) {
            problems.add(at(v, path, "must be an integer in " + spec.range(), false));
            return null;
        }
        if (!spec.inRange(d)) {
            problems.add(at(v, path, "must be in " + spec.range(), false));
            return null;
        }
        return n.longValue();
    }

    private Integer integer32(String path) {
        Long l = integer(path);
        return l == null ? null : Math.toIntExact(l);
    }

    private Double number(String path) {
        KeySpec spec = spec(path);
        ConfigValue v = value(path);
        if (v == null) {
            return null;
        }
        if (v.valueType() != ConfigValueType.NUMBER) {
            problems.add(at(v, path, "must be a number in " + spec.range() + ", not " + typeName(v), false));
            return null;
        }
        double d = ((Number) v.unwrapped()).doubleValue();
        if (Double.isNaN(d) || !spec.inRange(d)) {
            problems.add(at(v, path, "must be in " + spec.range(), false));
            return null;
        }
        return d;
    }

    /** The {@code mapping.*} keys, checked as the command-line options are. */
    private Replication replication() {
        String text = text("mapping.replicate");
        Long budget = integer("mapping.replicate-budget");
        if (text == null || budget == null) {
            return null;
        }
        try {
            return Replication.parse(text, budget, "mapping.replicate");
        } catch (UserInputException e) {
            String why = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
            problems.add(at(value("mapping.replicate"), "mapping.replicate", why, false));
            return null;
        }
    }

    private String text(String path) {
        ConfigValue v = value(path);
        if (v == null) {
            return null;
        }
        if (v.valueType() != ConfigValueType.STRING) {
            problems.add(at(v, path, "must be a string, not " + typeName(v), false));
            return null;
        }
        String s = (String) v.unwrapped();
        if (s.isBlank()) {
            problems.add(at(v, path, "must not be empty", false));
            return null;
        }
        return s;
    }

    private Boolean flag(String path) {
        ConfigValue v = value(path);
        if (v == null) {
            return null;
        }
        if (v.valueType() != ConfigValueType.BOOLEAN) {
            problems.add(at(v, path, "must be true or false, not " + typeName(v), false));
            return null;
        }
        return (Boolean) v.unwrapped();
    }

    private String choice(String path) {
        KeySpec spec = spec(path);
        ConfigValue v = value(path);
        if (v == null) {
            return null;
        }
        if (v.valueType() != ConfigValueType.STRING || !spec.choices().contains((String) v.unwrapped())) {
            String hint = v.valueType() == ConfigValueType.STRING
                    ? DidYouMean.hint((String) v.unwrapped(), spec.choices()) : "";
            problems.add(at(v, path, "must be one of " + spec.choices() + hint, false));
            return null;
        }
        return (String) v.unwrapped();
    }

    private ConfigValue value(String path) {
        List<String> keys = ConfigUtil.splitPath(path);
        ConfigValue v = config.root();
        for (int i = 0; i < keys.size(); i++) {
            if (v.valueType() != ConfigValueType.OBJECT) {
                // An ancestor holds a value where a section belongs ("chip.tile = 3"); that was
                // reported once by the unknown-key check, not once per key below it.
                return null;
            }
            v = ((ConfigObject) v).get(keys.get(i));
            if (v == null) {
                if (reportMissing) {
                    missing.add(path);
                }
                return null;
            }
        }
        if (v.valueType() == ConfigValueType.NULL) {
            problems.add(at(v, path, "must not be null", false));
            return null;
        }
        return v;
    }

    private static KeySpec spec(String path) {
        KeySpec s = ConfigSchema.keys().get(path);
        if (s == null) {
            throw new IllegalStateException("no schema entry for " + path);
        }
        return s;
    }

    // ---- building the records and the rules spanning keys ----

    private ChipConfig build() {
        Long version = integer("version");
        if (version != null && version != ConfigSchema.VERSION) {
            problems.add(at(config.getValue("version"), "version",
                    "unsupported version (this build reads version " + ConfigSchema.VERSION + ")", false));
        }
        String name = text("chip.name");
        Double clock = number("chip.clock-ghz");
        Integer tiles = integer32("chip.tiles");
        String t = "chip.tile.";
        Integer crossbars = integer32(t + "crossbars");
        Integer rows = integer32(t + "crossbar.rows");
        Integer columns = integer32(t + "crossbar.columns");
        Integer cellBits = integer32(t + "crossbar.bits-per-cell");
        Long readLatency = integer(t + "crossbar.read-latency-cycles");
        Integer weightBits = integer32(t + "weights.bits");
        String encoding = choice(t + "weights.encoding");
        Boolean flipColumns = flag(t + "weights.flip-columns");
        Integer dacBits = integer32(t + "dac.bits");
        Integer adcBits = integer32(t + "adc.bits");
        Integer columnsPerAdc = integer32(t + "adc.columns-per-adc");
        Long adcLatency = integer(t + "adc.latency-cycles");
        Long shLatency = integer(t + "sample-hold.latency-cycles");
        UnitSpec shiftAdd = unit(t + "shift-add");
        Long registerBytes = integer(t + "registers.bytes-per-crossbar");
        BufferSpec in = buffer(t + "input-buffer");
        BufferSpec out = buffer(t + "output-buffer");
        UnitSpec activation = unit(t + "activation");
        UnitSpec pooling = unit(t + "pooling");
        UnitSpec multiplier = unit(t + "multiplier");
        String topology = choice("chip.network.topology");
        Integer tilesPerRouter = integer32("chip.network.tiles-per-router");
        Long hopLatency = integer("chip.network.hop-latency-cycles");
        Integer linkBandwidth = integer32("chip.network.link-bandwidth-bytes-per-cycle");
        Integer meshLinkBandwidth = integer32("chip.network.mesh-link-bandwidth-bytes-per-cycle");
        Long meshLinkLatency = integer("chip.network.mesh-link-latency-cycles");
        Integer offChipLinks = integer32("chip.network.off-chip-links");
        Double offChipGbPerS = number("chip.network.off-chip-link-gb-per-s");
        Double technologyNm = number("chip.technology-nm");
        Double costsTechnologyNm = number("costs.technology-nm");
        CostTable costs = costs();

        // Rules spanning keys, checked only when the keys they involve are valid on their own.
        if (columns != null && columnsPerAdc != null && columns % columnsPerAdc != 0) {
            problems.add(at(config.getValue(t + "adc.columns-per-adc"), t + "adc.columns-per-adc",
                    "does not divide " + t + "crossbar.columns = " + columns
                            + " (each ADC must serve the same number of whole columns)", false));
        }
        if (columns != null && cellBits != null && weightBits != null && encoding != null) {
            SignedEncoding enc = SignedEncoding.fromKey(encoding);
            int k = physicalColumns(cellBits, weightBits, enc);
            if (columns < k) {
                problems.add(at(config.getValue(t + "crossbar.columns"), t + "crossbar.columns",
                        "fewer than the " + k + " physical columns one " + weightBits + "-bit " + encoding
                                + " weight needs with " + cellBits + "-bit cells", false));
            }
        }
        if (rows != null && dacBits != null && cellBits != null && adcBits != null && flipColumns != null) {
            long max = TileSpec.maxColumnSum(rows, dacBits, cellBits, flipColumns);
            int ideal = TileSpec.idealAdcBits(rows, dacBits, cellBits, flipColumns);
            if (adcBits < ideal) {
                problems.add(at(config.getValue(t + "adc.bits"), t + "adc.bits",
                        "below the " + ideal + " bits an ideal column sum needs (" + rows + " rows x "
                                + dacBits + "-bit DAC x " + cellBits + "-bit cells"
                                + (flipColumns ? ", flipped columns" : "") + ", max " + max
                                + "): large column sums clip", true));
            }
        }

        costResolution("adc", adcBits);
        costResolution("dac", dacBits);
        Replication replication = replication();

        if (!missing.isEmpty() || problems.stream().anyMatch(p -> !p.warning())) {
            return null;
        }
        try {
            TileSpec tile = new TileSpec(crossbars, new CrossbarSpec(rows, columns, cellBits, readLatency),
                    new WeightStorage(weightBits, SignedEncoding.fromKey(encoding), flipColumns), new DacSpec(dacBits),
                    new AdcSpec(adcBits, columnsPerAdc, adcLatency), new SampleHoldSpec(shLatency), shiftAdd,
                    registerBytes, in, out, activation, pooling, multiplier);
            Chip chip = new Chip(name, clock, tiles, tile,
                    new NetworkSpec(NetworkTopology.fromKey(topology), tilesPerRouter, hopLatency, linkBandwidth,
                            meshLinkBandwidth, meshLinkLatency, offChipLinks, offChipGbPerS));
            List<ConfigProblem> warnings = sorted();
            CostTable scaled = TechnologyScaling.scale(costs, costsTechnologyNm, technologyNm);
            return new ChipConfig(topFile, chip, scaled, technologyNm, costsTechnologyNm, resolvedEntries(), warnings, replication);
        } catch (IllegalArgumentException e) {
            // The schema mirrors the records' checks; reaching this is a bug in the schema, reported plainly.
            problems.add(new ConfigProblem(topFile, 0, null, null, e.getMessage(), false));
            return null;
        }
    }

    private static int physicalColumns(int cellBits, int weightBits, SignedEncoding enc) {
        int magnitude = enc == SignedEncoding.DIFFERENTIAL ? weightBits - 1 : weightBits;
        int slices = (magnitude + cellBits - 1) / cellBits;
        return enc == SignedEncoding.DIFFERENTIAL ? 2 * slices : slices;
    }

    /** Warns when a converter's cost figures are for another resolution than the chip's converter. */
    private void costResolution(String kind, Integer chipBits) {
        String key = "costs." + kind + ".resolution-bits";
        Integer costBits = integer32(key);
        if (costBits != null && chipBits != null && !costBits.equals(chipBits)) {
            problems.add(at(config.getValue(key), key, "costs." + kind + " figures are for " + costBits
                    + "-bit converters but chip.tile." + kind + ".bits = " + chipBits + ": set costs." + kind
                    + ".* for " + chipBits + " bits (docs/cost-model.md lists them by resolution)", true));
        }
    }

    private UnitSpec unit(String prefix) {
        Integer count = integer32(prefix + ".count");
        Long latency = integer(prefix + ".latency-cycles");
        return count == null || latency == null ? null : new UnitSpec(count, latency);
    }

    private BufferSpec buffer(String prefix) {
        Long size = integer(prefix + ".size-bytes");
        Integer bandwidth = integer32(prefix + ".bandwidth-bytes-per-cycle");
        Long latency = integer(prefix + ".latency-cycles");
        return size == null || bandwidth == null || latency == null ? null : new BufferSpec(size, bandwidth, latency);
    }

    private CostTable costs() {
        List<ComponentCost> entries = new ArrayList<>();
        boolean complete = true;
        for (ComponentKind kind : ComponentKind.values()) {
            String c = "costs." + kind.key() + ".";
            Map<Action, Double> energy = new EnumMap<>(Action.class);
            for (Action a : kind.actions()) {
                Double e = number(c + "energy-pj." + a.key());
                if (e != null) {
                    energy.put(a, e);
                }
            }
            Double area = number(c + "area-um2");
            Double leakage = number(c + "leakage-mw");
            String source = text(c + "source");
            if (energy.size() == kind.actions().size() && area != null && leakage != null && source != null) {
                entries.add(new ComponentCost(kind, energy, area, leakage, source));
            } else {
                complete = false;
            }
        }
        return complete ? new CostTable(entries) : null;
    }

    private List<ResolvedEntry> resolvedEntries() {
        List<ResolvedEntry> out = new ArrayList<>();
        for (String path : ConfigSchema.keys().keySet()) {
            ConfigValue v = config.getValue(path);
            out.add(new ResolvedEntry(path, v.render(ConfigRenderOptions.concise()), where(v.origin())));
        }
        return out;
    }

    // ---- message helpers ----

    private ConfigProblem at(ConfigValue v, String path, String problem, boolean warning) {
        if (v == null) {
            return new ConfigProblem(topFile, 0, path, null, problem, warning);
        }
        ConfigOrigin o = v.origin();
        String rendered = v.valueType() == ConfigValueType.OBJECT ? "{...}" : v.render(ConfigRenderOptions.concise());
        return new ConfigProblem(file(o), Math.max(0, o.lineNumber()), path, rendered, problem, warning);
    }

    private ConfigProblem fromException(ConfigException e) {
        ConfigOrigin o = e.origin();
        String msg = e.getMessage();
        if (o != null && msg.startsWith(o.description() + ": ")) {
            msg = msg.substring(o.description().length() + 2);
        }
        if (e instanceof ConfigException.Parse) {
            msg = "syntax error: " + msg;
        }
        if (o == null) {
            return new ConfigProblem(topFile, 0, null, null, msg, false);
        }
        return new ConfigProblem(file(o), Math.max(0, o.lineNumber()), null, null, msg, false);
    }

    private String file(ConfigOrigin o) {
        if (o.filename() != null) {
            return o.filename();
        }
        // Values not read from a file (overrides built from a map) carry their description.
        return o.description() != null && !o.description().isBlank() ? o.description() : topFile;
    }

    private String where(ConfigOrigin o) {
        return file(o) + (o.lineNumber() > 0 ? ":" + o.lineNumber() : "");
    }

    private static String typeName(ConfigValue v) {
        return switch (v.valueType()) {
            // HOCON keeps a number too large for a long as text: say so rather than "a string"
            case STRING -> ((String) v.unwrapped()).strip().matches("[-+]?\\d{19,}") ? "a number too large to read" : "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case LIST -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }
}
