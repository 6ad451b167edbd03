package org.xbarsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.ModelFile;
import org.xbarsim.model.ParallelEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xbarsim eval}: top-1 accuracy of an integer model file on a data set's test split, computed
 * by the golden integer engine. The result on stdout is the same for any thread count; timing goes
 * to stderr.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {
            "Run an integer model file on a data set's test images with the golden integer engine; print top-1 accuracy.",
            "The accuracy (stdout) is the same for any --threads; the time and images/s go to stderr."
        })
final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Integer model file (docs/model-format.md).")
    Path model;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Data set: fashion-mnist, mnist, cifar10, synthetic, or fashion-mnist-32 / mnist-32 (padded to 32x32) (default: the one named in the model's"
                    + " metadata when it is one of these, else fashion-mnist).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the data set files (default for fashion-mnist: /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N test images (0: all, the default).")
    Integer limit;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all processors).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as one JSON object (docs/training.md, \"Evaluating\"): "
            + "accuracy, each class's and the confusion matrix.")
    boolean json;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) { // 0 is the whole split, as train's, compare's and the experiment's limits
            throw new UserInputException("--limit " + limit + ": must be at least 0 (0: the whole test split)");
        }
        int t = org.xbarsim.Limits.threads(threads, "--threads");
        if (dataset != null) {
            DataSets.checkName(dataset);
        }
        IntModel m = ModelFile.read(model);
        String ds = dataset != null ? dataset
                : DataSets.NAMES.contains(m.metadata().dataset()) ? m.metadata().dataset() : "fashion-mnist";
        ImageSet images = DataSets.load(ds, dataDir, Split.TEST);
        checkCompatible(m, ds, images);
        String trainedOn = m.metadata().dataset();
        if (dataset != null && DataSets.NAMES.contains(trainedOn) && !trainedOn.equals(ds)) {
            // same shape and classes, so it runs; its accuracy says little about the model
            spec.commandLine().getErr().println("warning: " + model + " was trained on " + trainedOn + ", and is evaluated on "
                    + ds + " (--dataset)");
        }
        if (limit != null && limit > 0) {
            if (limit > images.size()) {
                throw new UserInputException("--limit " + limit + ": the " + ds + " test split has only " + images.size()
                        + " images");
            }
            images = images.first(limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(new org.xbarsim.io.ProgressOutput(err,
                org.xbarsim.io.ProgressOutput.Style.forStderr(quiet)), images.size());
        GoldenEngine engine = new GoldenEngine(m);
        ImageSet set = images;
        long start = System.nanoTime();
        int[] predicted;
        try {
            predicted = ParallelEvaluation.predict(engine, set.size(), set::image, t, progress::update);
        } catch (org.xbarsim.model.LayerOverflowException e) {
            throw new UserInputException(model + ": " + e.getMessage(), e);
        }
        long nanos = System.nanoTime() - start;
        progress.finish();
        int[] labels = new int[set.size()];
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            labels[i] = set.label(i);
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        if (json) {
            out.print(org.xbarsim.report.ReportJson.toJson(EvaluationJson.of(model.toString(), m.name(),
                    m.weightedLayers().size(), m.isMultiplierFree(), ds, set.source(), set.numClasses(), labels, predicted)));
        } else {
            printText(out, m, ds, set, correct);
        }
        out.flush();
        double seconds = nanos / 1e9;
        if (!quiet) {
            err.println(String.format(Locale.ROOT, "evaluated %d images in %.2f s: %.0f images/s with %d thread%s",
                    set.size(), seconds, set.size() / seconds, t, t == 1 ? "" : "s"));
        }
        err.flush();
        return 0;
    }

    private void printText(PrintWriter out, IntModel m, String ds, ImageSet set, int correct) {
        out.println("model:    " + model + " (" + m.name() + ", " + m.weightedLayers().size() + " weighted layers, "
                + (m.isMultiplierFree() ? "multiplier-free" : "with multipliers") + ")");
        out.println("dataset:  " + ds + " test split, " + set.size() + " images (" + set.source() + ")");
        out.println(String.format(Locale.ROOT, "top-1 accuracy: %.4f (%d / %d correct)",
                correct / (double) set.size(), correct, set.size()));
    }

    private void checkCompatible(IntModel m, String dataset, ImageSet images) {
        if (!m.input().shape().equals(images.shape())) {
            throw new UserInputException(model + ": $.input.shape is " + m.input().shape() + " but data set " + dataset
                    + " has " + images.shape() + " images: this model was not made for this data set");
        }
        int logits = m.outputShape().size();
        if (logits != images.numClasses()) {
            throw new UserInputException(model + ": the model gives " + logits + " logits but data set " + dataset
                    + " has " + images.numClasses() + " classes");
        }
    }

    /** Progress of the evaluation on stderr (see {@link org.xbarsim.io.ProgressOutput}). */
    static final class Progress {
        private final org.xbarsim.io.ProgressOutput display;
        private final int total;
        private final long start = System.nanoTime();

        Progress(org.xbarsim.io.ProgressOutput display, int total) {
            this.display = display;
            this.total = total;
        }

        void update(int done) {
            if (display.due()) {
                display.show(org.xbarsim.io.ProgressOutput.line("evaluate", done, total, "images",
                        (System.nanoTime() - start) / 1e9), false);
            }
        }

        void finish() {
            display.clear();
        }
    }
}
