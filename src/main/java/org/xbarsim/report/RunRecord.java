package org.xbarsim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbarsim.UserInputException;

/**
 * {@code run.json}: what {@code replay} needs to re-cost or re-run a {@code simulate} run
 * (docs/replay.md). Same inputs give the same bytes; paths are absolute so a run can be verified
 * from any folder.
 *
 * @param format       always {@value #FORMAT}
 * @param version      {@value #VERSION} for a run wired from a mapping file (the {@code mapping} key), else
 *                     1: a version-1 file is what a run without one wrote before that key came, byte for byte
 * @param model        the model file, by path and SHA-256
 * @param config       the chip config file, by path and SHA-256
 * @param inputs       where the images came from
 * @param idealAdc     the run's {@code --ideal-adc}
 * @param traceGzip    the run's {@code --trace-gzip}
 * @param allocation   what the mapping allocated (the components re-costing pays area and leakage for)
 * @param architecture every {@code chip.*} key that decides timing or allocation, with its resolved
 *                     value: a config may re-cost the run only when it resolves them all the same
 * @param replicate    the run's {@code --replicate} and {@code --replicate-budget} options, or null
 *                     when it gave neither (the config's {@code mapping.*} keys decided; absent from the file)
 * @param mapping      the run's {@code --mapping} file, by path and SHA-256, or null when the model was mapped
 *                     in-process (absent from the file)
 */
public record RunRecord(String format, int version, FileRef model, FileRef config, Inputs inputs, boolean idealAdc,
                        boolean traceGzip, Allocation allocation, Map<String, String> architecture,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Replicate replicate,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        FileRef mapping) {
    public static final String FORMAT = "xbarsim-run";
    public static final int VERSION = 2;
    /** The file name inside a run directory. */
    public static final String FILE = "run.json";

    public RunRecord {
        architecture = SimulationReport.sorted(architecture);
    }

    /** A record with the current format name and version. */
    public static RunRecord of(FileRef model, FileRef config, Inputs inputs, boolean idealAdc, boolean traceGzip,
                               Allocation allocation, Map<String, String> architecture) {
        return of(model, config, inputs, idealAdc, traceGzip, allocation, architecture, null);
    }

    /** As above, with the run's weight-duplication options (null: none given). */
    public static RunRecord of(FileRef model, FileRef config, Inputs inputs, boolean idealAdc, boolean traceGzip,
                               Allocation allocation, Map<String, String> architecture, Replicate replicate) {
        return of(model, config, inputs, idealAdc, traceGzip, allocation, architecture, replicate, null);
    }

    /** As above, with the run's mapping file (null: the model was mapped in-process). */
    public static RunRecord of(FileRef model, FileRef config, Inputs inputs, boolean idealAdc, boolean traceGzip,
                               Allocation allocation, Map<String, String> architecture, Replicate replicate, FileRef mapping) {
        return new RunRecord(FORMAT, mapping == null ? 1 : VERSION, model, config, inputs, idealAdc, traceGzip, allocation,
                architecture, replicate, mapping);
    }

    /**
     * The run's weight-duplication options as given (docs/replication.md).
     *
     * @param choice {@code --replicate}, or null
     * @param budget {@code --replicate-budget}, or null
     */
    public record Replicate(String choice, Long budget) {
    }

    /**
     * @param path   absolute path when the run was made
     * @param sha256 SHA-256 of the file's bytes then, lower-case hex
     */
    public record FileRef(String path, String sha256) {
        /** The file at {@code file} as it is now. */
        public static FileRef of(Path file) {
            return of(file, FileDigests.sha256(file));
        }

        /** The file at {@code file} with its SHA-256 as already computed ({@code sha256}). */
        public static FileRef of(Path file, String sha256) {
            return new FileRef(file.toAbsolutePath().normalize().toString(), sha256);
        }
    }

    /**
     * Either a data set ({@code dataset}, {@code dataDir} or null for its default folder, {@code split},
     * {@code first}, {@code images}) or an input file ({@code file}; the other fields null).
     */
    public record Inputs(String dataset, String dataDir, String split, Integer first, Integer images, FileRef file) {
    }

    /**
     * @param tilesUsed   tiles with at least one allocated crossbar
     * @param crossbars   crossbars holding weights
     * @param multipliers whether the model needs rescaling multipliers (not multiplier-free)
     */
    public record Allocation(long tilesUsed, long crossbars, boolean multipliers) {
    }

    /**
     * The {@code simulate} command that runs a sweep point's run again with its trace: into
     * {@code POINT-trace}, or {@code POINT-RUN-trace} for a compare point's {@code run} ({@code compressed},
     * {@code baseline}; empty for a plain point).
     */
    public String pointTraceCommand(String point, String run) {
        return simulateCommand(pointTraceFolder(point, run));
    }

    /** The folder {@link #pointTraceCommand} writes into. */
    public static String pointTraceFolder(String point, String run) {
        return point + (run.isEmpty() ? "" : "-" + run) + "-trace";
    }

    /**
     * The {@code simulate} command line that runs this run again into {@code out}, trace included
     * (for a run that keeps none, as a sweep's point).
     */
    public String simulateCommand(String out) {
        List<String> a = new ArrayList<>(List.of("./xbarsim", "simulate", "--model", model.path(), "--config", config.path()));
        if (inputs.file() != null) {
            a.addAll(List.of("--input", inputs.file().path()));
        } else {
            a.addAll(List.of("--dataset", inputs.dataset()));
            if (inputs.dataDir() != null && !inputs.dataset().equals("synthetic")) { // refused now, ignored before
                a.addAll(List.of("--data-dir", inputs.dataDir()));
            }
            a.addAll(List.of("--split", inputs.split(), "--first", String.valueOf(inputs.first()), "--images",
                    String.valueOf(inputs.images())));
        }
        if (mapping != null) {
            a.addAll(List.of("--mapping", mapping.path()));
        }
        if (replicate != null && replicate.choice() != null) {
            a.addAll(List.of("--replicate", replicate.choice()));
        }
        if (replicate != null && replicate.budget() != null) {
            a.addAll(List.of("--replicate-budget", String.valueOf(replicate.budget())));
        }
        if (idealAdc) {
            a.add("--ideal-adc");
        }
        if (traceGzip) {
            a.add("--trace-gzip");
        }
        a.addAll(List.of("--out", out));
        StringBuilder b = new StringBuilder();
        for (String arg : a) {
            b.append(b.length() == 0 ? "" : " ").append(arg.matches("[A-Za-z0-9_./:=,+@%-]+") ? arg
                    : "'" + arg.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    /** Reads {@code dir/run.json}; a missing or bad file gets a message naming it. */
    public static RunRecord read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            if (java.nio.file.Files.isRegularFile(dir.resolve("replay.json"))) {
                throw new UserInputException(dir + ": the output of replay --requests (it has replay.json, no " + FILE
                        + "): a request stream is not re-run or re-costed; replay the stream again with --requests");
            }
            if (java.nio.file.Files.isRegularFile(dir.resolve("compressed").resolve(FILE))) {
                throw new UserInputException(dir + ": a compare output (no " + FILE + " of its own): its two simulation runs"
                        + " are " + dir.resolve("compressed") + " and " + dir.resolve("baseline"));
            }
            throw new UserInputException(file + ": file not found: " + dir + " is not a simulate run directory, or an "
                    + "xbarsim older than replay made it (simulate again to get a run.json)");
        }
        JsonNode tree = ReportJson.readTree(file);
        String format = tree.path("format").asText(null);
        if (!FORMAT.equals(format)) {
            throw new UserInputException(file + ": field 'format' is " + (format == null ? "missing" : "'" + format + "'")
                    + ", expected '" + FORMAT + "'");
        }
        int version = tree.path("version").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw new UserInputException(file + ": field 'version' is " + tree.path("version")
                    + "; this xbarsim reads run record versions 1 to " + VERSION);
        }
        try {
            RunRecord r = ReportJson.mapper().treeToValue(tree, RunRecord.class);
            if (r.model() == null || r.config() == null || r.inputs() == null || r.allocation() == null) {
                throw new UserInputException(file + ": fields 'model', 'config', 'inputs' and 'allocation' are required");
            }
            checkFields(file, r);
            return r;
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            // Jackson's own message names Java types ("LinkedHashMap<String,String> from Array value")
            throw new UserInputException(file + ": not a valid run record: field '" + fieldPath(e) + "' has the wrong type ("
                    + (e.getTargetType() == null ? "?" : jsonKind(e.getTargetType())) + " expected)", e);
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not a valid run record: " + e.getOriginalMessage(), e);
        }
    }

    private static String fieldPath(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String jsonKind(Class<?> type) {
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return "a " + type.getSimpleName();
    }

    /** The fields replay uses unchecked further on (an edited file once gave a stack trace). */
    private static void checkFields(Path file, RunRecord r) {
        List<String> problems = new ArrayList<>();
        fileRef(problems, "model", r.model());
        fileRef(problems, "config", r.config());
        if (r.mapping() != null) {
            fileRef(problems, "mapping", r.mapping());
        }
        if (r.inputs().file() != null) {
            fileRef(problems, "inputs.file", r.inputs().file());
        }
        if (r.allocation().tilesUsed() < 0) {
            problems.add("allocation.tiles-used = " + r.allocation().tilesUsed() + ": must be >= 0");
        }
        if (r.allocation().crossbars() < 0) {
            problems.add("allocation.crossbars = " + r.allocation().crossbars() + ": must be >= 0");
        }
        if (!problems.isEmpty()) {
            throw new UserInputException(file + ": not a valid run record", problems);
        }
    }

    private static void fileRef(List<String> problems, String field, FileRef ref) {
        if (ref.path() == null || ref.path().isBlank()) {
            problems.add(field + ".path: is missing");
        }
        if (ref.sha256() == null || ref.sha256().isBlank()) {
            problems.add(field + ".sha256: is missing");
        }
    }
}
