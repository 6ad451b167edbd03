package org.xbarsim.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.xbarsim.UserInputException;
import org.xbarsim.data.Split;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;
import org.xbarsim.report.RunRecord;
import org.xbarsim.run.CompareJob;
import org.xbarsim.run.ImageInputs;
import org.xbarsim.run.SimulationJob;

/**
 * Runs one point the way {@code simulate} (no baseline) or {@code compare} (with one) would, from
 * the files the {@link PointWork} carries (checked against their SHA-256), in a scratch folder,
 * and returns the report files. The event traces are left out: a sweep keeps reports, and
 * {@code point.conf} with the model reproduces any point's trace with {@code simulate} (the point's
 * log gives the command).
 */
public interface PointRunner {
    /**
     * A point that ran out of heap: the heap of the JVM that ran it (the sweep's or a worker's) and what to
     * do, since a resumed sweep skips failed points.
     */
    static String outOfHeap() {
        return "out of memory while simulating this point: " + org.xbarsim.OutOfMemory.heapAdvice(null) + "; or lower the "
                + "sweep file's images.count or run fewer points at once (--jobs), then run the failed points again with "
                + "--retry-failed";
    }

    /** Runs {@code work}; an error of the point is returned as a failed outcome, never thrown. */
    PointOutcome run(PointWork work);

    /** The runner of the real simulation, one dispatcher thread per point. */
    static PointRunner simulation() {
        return Simulation.INSTANCE;
    }

    /** The log of each point's job goes to {@code log.txt} in its folder. */
    String LOG = "log.txt";

    enum Simulation implements PointRunner {
        INSTANCE;

        @Override
        public PointOutcome run(PointWork w) {
            StringWriter log = new StringWriter();
            OutputDirectory scratchDir;
            try {
                // an output folder never committed: closed (deleted) when the point ends, and deleted by its shutdown
                // hook when the sweep or worker is stopped (Ctrl-C, kill) with the point running; it lies in this
                // JVM's own scratch folder, so no other process or user can hold or block its name
                // (the id comes from another node on a cluster: kept to a plain file name)
                scratchDir = OutputDirectory.prepare(ScratchFolder.path().resolve(
                        ("point-" + w.id() + "-" + ScratchFolder.next()).replaceAll("[^A-Za-z0-9_-]", "_")));
            } catch (RuntimeException | IOException e) {
                return failed(w, "", "cannot make a scratch folder: " + e.getMessage());
            }
            Names names = new Names(scratchDir.path(), w);
            try (PrintWriter err = new PrintWriter(log)) {
                Path scratch = scratchDir.path();
                Path config = write(scratch.resolve("config"), w.config());
                Path model = write(scratch.resolve("model"), w.model());
                Path out = scratch.resolve("out");
                ImageInputs.Source images = ImageInputs.Source.dataSet(w.dataset(), w.dataDir() == null ? null : Path.of(w.dataDir()),
                        Split.TEST, w.first(), w.images());
                if (w.baseline() == null) {
                    new SimulationJob(model, config, out).images(images).threads(1).idealAdc(w.idealAdc()).run(err);
                } else {
                    Path baseline = write(scratch.resolve("baseline"), w.baseline());
                    new CompareJob(model, baseline, config, out).images(images).threads(1).idealAdc(w.idealAdc()).run(err);
                }
                err.flush();
                List<ShippedFile> files = collect(out, names);
                files.add(logFile(names.text(log.toString()) + names.noTrace(files)));
                files.sort(java.util.Comparator.comparing(ShippedFile::name));
                return new PointOutcome(w.id(), files, null);
            } catch (UserInputException e) {
                return failed(w, names.text(log.toString()), names.text(e.getMessage()));
            } catch (IOException e) {
                return failed(w, names.text(log.toString()), "cannot use a scratch folder: " + names.text(e.getMessage()));
            } catch (RuntimeException e) {
                if (org.xbarsim.OutOfMemory.causedBy(e)) {
                    return failed(w, names.text(log.toString()), outOfHeap());
                }
                return failed(w, names.text(log.toString()), e.getClass().getSimpleName() + ": " + names.text(e.getMessage()));
            } finally {
                try {
                    scratchDir.close();
                } catch (RuntimeException ignored) {
                    // a scratch folder left behind costs disk only; the JVM's exit removes its scratch folder
                }
            }
        }

        /** A failed point keeps what its job printed, then the error, in its {@value #LOG}. */
        private static PointOutcome failed(PointWork w, String log, String error) {
            return new PointOutcome(w.id(), List.of(logFile(log + "point " + w.id() + " failed: " + error + "\n")), error);
        }

        private static ShippedFile logFile(String text) {
            return ShippedFile.of(LOG, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * The scratch copies' paths in what a point keeps, made the sweep's own: the point is run from
         * copies in a scratch folder deleted when it ends, but its run.json, log and errors must name
         * files that stay (replay --verify reads them) and read the same on every run.
         */
        private record Names(Path scratch, PointWork w) {
            private Path model() {
                return scratch.resolve("model").resolve(w.model().name());
            }

            private Path baseline() {
                return w.baseline() == null ? null : scratch.resolve("baseline").resolve(w.baseline().name());
            }

            private Path config() {
                return scratch.resolve("config").resolve(w.config().name());
            }

            /** A path recorded in run.json: the sweep's model, baseline or point.conf for the scratch copy. */
            String file(String path) {
                if (path.equals(model().toString())) {
                    return w.modelPath();
                }
                if (baseline() != null && path.equals(baseline().toString())) {
                    return w.baselinePath();
                }
                return path.equals(config().toString()) ? Path.of(w.folder()).resolve(SweepOutput.POINT_CONFIG).toString() : path;
            }

            /**
             * A message or the log: the model as the sweep resolves it, the point's folder relative to
             * {@code DIR} ({@code points/ID}), and no other scratch path.
             */
            String text(String message) {
                if (message == null) {
                    return "null";
                }
                String folder = SweepOutput.POINTS + "/" + w.id();
                String t = message.replace(model().toString(), w.modelPath());
                if (baseline() != null) {
                    t = t.replace(baseline().toString(), w.baselinePath());
                }
                return t.replace(config().toString(), folder + "/" + SweepOutput.POINT_CONFIG)
                        .replace(scratch.resolve("out").toString(), folder).replace(scratch + "/", "")
                        // a point keeps no trace (see noTrace): its "wrote" lines do not name one
                        .replaceAll("(?m)^(wrote " + java.util.regex.Pattern.quote(folder) + "[^\n]*), trace\\.xbt(\\.gz)?\\}", "$1}");
            }

            /** The log's last lines: no trace kept, and the command that makes it, for each run of the point. */
            String noTrace(List<ShippedFile> files) {
                StringBuilder b = new StringBuilder();
                for (ShippedFile f : files) {
                    if (f.name().equals(RunRecord.FILE) || f.name().endsWith("/" + RunRecord.FILE)) {
                        String sub = f.name().substring(0, f.name().length() - RunRecord.FILE.length());
                        RunRecord r = record(f);
                        b.append("a sweep point keeps no trace; to get the trace of points/").append(w.id()).append('/').append(sub)
                                .append(", run: ").append(r.pointTraceCommand(w.id(), sub.replace("/", "")))
                                .append('\n');
                    }
                }
                return b.toString();
            }
        }

        private static RunRecord record(ShippedFile f) {
            try {
                return ReportJson.mapper().readValue(f.bytes(), RunRecord.class);
            } catch (IOException e) {
                throw new UncheckedIOException(f.name() + ": " + e.getMessage(), e);
            }
        }

        /** run.json naming the sweep's files (same bytes otherwise: written as the job writes it). */
        private static ShippedFile runJson(ShippedFile f, Names names) {
            RunRecord r = record(f);
            RunRecord.FileRef model = new RunRecord.FileRef(names.file(r.model().path()), r.model().sha256());
            RunRecord.FileRef config = new RunRecord.FileRef(names.file(r.config().path()), r.config().sha256());
            return ShippedFile.of(f.name(), ReportJson.toJson(new RunRecord(r.format(), r.version(), model, config, r.inputs(),
                    r.idealAdc(), r.traceGzip(), r.allocation(), r.architecture(), r.replicate(), r.mapping()))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Writes a shipped file into {@code dir} under its own name (reports name the model file) after checking it. */
        private static Path write(Path dir, ShippedFile f) throws IOException {
            Files.createDirectories(dir);
            Path p = dir.resolve(f.name());
            Files.write(p, f.verifiedBytes());
            return p;
        }

        private static List<ShippedFile> collect(Path out, Names names) throws IOException {
            List<ShippedFile> files = new ArrayList<>();
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    String name = out.relativize(p).toString().replace('\\', '/');
                    if (name.equals(OutputDirectory.MARKER) || name.endsWith(".xbt") || name.endsWith(".xbt.gz")) {
                        continue;
                    }
                    ShippedFile f = ShippedFile.of(name, Files.readAllBytes(p));
                    files.add(name.equals(RunRecord.FILE) || name.endsWith("/" + RunRecord.FILE) ? runJson(f, names) : f);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return files;
        }
    }
}
