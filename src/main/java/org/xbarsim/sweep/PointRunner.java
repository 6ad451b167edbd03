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
import org.xbarsim.run.CompareJob;
import org.xbarsim.run.ImageInputs;
import org.xbarsim.run.SimulationJob;

/**
 * Runs one point the way {@code simulate} (no baseline) or {@code compare} (with one) would, from
 * the files the {@link PointWork} carries (checked against their SHA-256), in a scratch folder,
 * and returns the report files. The event traces are left out: a sweep keeps reports, and
 * {@code point.conf} with the model reproduces any point's trace with {@code simulate}.
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
            Path scratch = null;
            StringWriter log = new StringWriter();
            try (PrintWriter err = new PrintWriter(log)) {
                scratch = Files.createTempDirectory("xbarsim-point-");
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
                List<ShippedFile> files = collect(out);
                // the log names the point's folder in the sweep, not the scratch folder deleted below
                String text = withoutScratch(log.toString().replace(out.toString(), "points/" + w.id()), scratch);
                files.add(ShippedFile.of(LOG, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                files.sort(java.util.Comparator.comparing(ShippedFile::name));
                return new PointOutcome(w.id(), files, null);
            } catch (UserInputException e) {
                return PointOutcome.failed(w.id(), withoutScratch(e.getMessage(), scratch));
            } catch (IOException e) {
                return PointOutcome.failed(w.id(), "cannot use a scratch folder: " + e.getMessage());
            } catch (RuntimeException e) {
                if (org.xbarsim.OutOfMemory.causedBy(e)) {
                    return PointOutcome.failed(w.id(), outOfHeap());
                }
                return PointOutcome.failed(w.id(), e.getClass().getSimpleName() + ": " + withoutScratch(e.getMessage(), scratch));
            } finally {
                if (scratch != null) {
                    try {
                        OutputDirectory.deleteTree(scratch);
                    } catch (IOException ignored) {
                        // a scratch folder left behind costs disk only
                    }
                }
            }
        }

        /**
         * The message with the scratch folder's path removed ({@code model/m.json} rather than a
         * temporary folder's name): the summary keeps errors, and must read the same on every run.
         */
        private static String withoutScratch(String message, Path scratch) {
            return scratch == null || message == null ? String.valueOf(message) : message.replace(scratch + "/", "");
        }

        /** Writes a shipped file into {@code dir} under its own name (reports name the model file) after checking it. */
        private static Path write(Path dir, ShippedFile f) throws IOException {
            Files.createDirectories(dir);
            Path p = dir.resolve(f.name());
            Files.write(p, f.verifiedBytes());
            return p;
        }

        private static List<ShippedFile> collect(Path out) throws IOException {
            List<ShippedFile> files = new ArrayList<>();
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    String name = out.relativize(p).toString().replace('\\', '/');
                    if (name.equals(OutputDirectory.MARKER) || name.endsWith(".xbt") || name.endsWith(".xbt.gz")) {
                        continue;
                    }
                    files.add(ShippedFile.of(name, Files.readAllBytes(p)));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return files;
        }
    }
}
