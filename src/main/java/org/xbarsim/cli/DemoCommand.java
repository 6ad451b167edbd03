package org.xbarsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.xbarsim.io.AtomicFiles;
import org.xbarsim.report.Comparison;
import org.xbarsim.report.OutputDirectory;
import org.xbarsim.report.ReportJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one-command demo: runs every pipeline stage on Fashion-MNIST by calling the other
 * subcommands in order, so the demo exercises exactly what users run by hand. A stage whose
 * capability has not landed is reported and the stages that need its output are skipped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the whole pipeline on Fashion-MNIST: train and compress LeNet-5 for a crossbar budget (and its "
                + "unpruned baseline), evaluate both with the golden integer engine, map both onto a chip, simulate "
                + "both, compare them, export the timeline of one inference and replay a burst of requests.",
            "Installs the Fashion-MNIST Debian package when it is missing and this user can. A rerun with the same "
                + "options reuses the pre-trained networks (OUT/lenet5-float-DATASET-N-epochs-M-images.ckpt, one file per "
                + "data set, --epochs and --train-limit) and says so.",
            "Runs from any folder: --out is relative to the current folder, and a --config path that does not exist "
                + "there is looked up in the xbarsim installation (so the default sim-configs/isaac.conf always works). "
                + "--out must be a new folder, an empty one or an earlier demo's; the demo never writes into another folder."
        })
final class DemoCommand implements Callable<Integer> {
    static final Path FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Fashion-MNIST's test split. */
    static final int MAX_IMAGES = 10_000;
    static final String COMPARE = "compare";
    static final String TIMELINE = "timeline.json";
    static final String REPLAY = "replay";
    /** The demo's request burst: this many requests, one every {@link #REPLAY_SPACING_NS}. */
    static final int REPLAY_REQUESTS = 32;
    static final int QUICK_REPLAY_REQUESTS = 8;
    /** 20 us apart: 50,000 requests/s, about 30 times what the demo's LeNet-5 finishes, so a queue builds up. */
    static final long REPLAY_SPACING_NS = 20_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/demo", description = "Folder for everything the demo writes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "sim-configs/isaac.conf", description = "Chip configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--images", paramLabel = "N", defaultValue = "100",
            description = "Test images to simulate per model, 1 to " + MAX_IMAGES + " (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--crossbar-budget", paramLabel = "N", defaultValue = "6",
            description = "Crossbars of the chip's geometry the compressed LeNet-5 must fit; the unpruned one needs "
                    + "23 on sim-configs/isaac.conf (default: ${DEFAULT-VALUE}).")
    long budget;

    @Option(names = "--target-sparsity", paramLabel = "S", description = "Prune to this weight sparsity instead of a crossbar budget.")
    Double sparsity;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "8",
            description = "Float training epochs of the baseline; the compressed model is pruned from it for a "
                    + "quarter as many epochs and fine-tuned for another quarter (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "30000",
            description = "Training images to use, the first ones (0 = all 60,000) (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--quick", description = "A fast smoke run: synthetic data, LeNet-5, few images.")
    boolean quick;

    @Option(names = "--quiet", description = "No progress display in the stages (training, evaluation, simulation).")
    boolean quiet;

    private PrintWriter o;
    private final List<String> failed = new ArrayList<>();
    /** The exit status of the last stage that failed. */
    private int lastFailure;

    @Override
    public Integer call() throws IOException {
        o = spec.commandLine().getOut();
        String dataset = quick ? "synthetic" : "fashion-mnist";
        String arch = "lenet5";
        // every check before anything is written
        if (epochs < 1 || epochs > 1000) {
            throw new org.xbarsim.UserInputException("--epochs " + epochs + ": must be between 1 and 1000");
        }
        if (images < 1 || images > MAX_IMAGES) {
            throw new org.xbarsim.UserInputException("--images " + images + ": must be between 1 and " + MAX_IMAGES);
        }
        if (trainLimit < 0 || trainLimit > 60_000) {
            throw new org.xbarsim.UserInputException("--train-limit " + trainLimit + ": must be between 0 (all) and 60000");
        }
        if (sparsity == null && budget < 1) {
            throw new org.xbarsim.UserInputException("--crossbar-budget " + budget + ": must be at least 1");
        }
        config = org.xbarsim.io.Installation.resolveBundled(config);
        org.xbarsim.config.ChipConfigLoader.load(config);
        checkDemoFolder();
        if (!quick && !ensureFashionMnist()) {
            return Main.EXIT_BAD_INPUT;
        }
        boolean newFolder = !Files.exists(out);
        Files.createDirectories(out);
        OutputDirectory.markKeptFolder(out, "demo");
        Path compressed = out.resolve(arch + "-compressed.json");
        Path baseline = out.resolve(arch + "-baseline.json");
        int simImages = quick ? Math.min(images, 20) : images;
        int limit = quick ? 0 : trainLimit;
        Path ckpt = out.resolve(checkpointName(arch, dataset, epochs, limit));
        if (Files.exists(ckpt)) {
            o.println("reusing the pre-trained networks in " + ckpt + " when they were made with the same options"
                    + " (delete the file to train them again)");
        }
        int pre = epochs;
        int prune = Math.max(1, epochs / 4);
        int qat = Math.max(1, epochs / 4);
        List<String> train = new ArrayList<>(List.of("train", "--arch", arch, "--dataset", dataset,
                "--chip", config.toString(), "--out", out.resolve(arch).toString(),
                "--pretrain-epochs", Integer.toString(pre), "--prune-from", "baseline",
                "--prune-epochs", Integer.toString(prune), "--qat-epochs", Integer.toString(qat),
                "--train-limit", Integer.toString(limit),
                // a rerun with the same options skips pre-training and the baseline
                "--checkpoint", ckpt.toString(), "--force"));
        if (sparsity != null) {
            train.addAll(List.of("--target-sparsity", sparsity.toString()));
        } else {
            train.addAll(List.of("--crossbar-budget", Long.toString(budget)));
        }
        boolean trained = stage("1/7 train and compress " + arch + " (plus its unpruned baseline)", train)
                && Files.exists(compressed) && Files.exists(baseline);
        if (!trained && lastFailure == Main.EXIT_BAD_INPUT) {
            // the training refused the demo's options (a budget no network can meet): a bad input, as for train
            // alone; a folder this run made holds only its marker then, and goes
            if (newFolder) {
                removeIfOnlyTheMarker(out);
            }
            o.println("demo stopped: the training refused the options above; nothing was trained");
            o.flush();
            return Main.EXIT_BAD_INPUT;
        }
        if (!trained) {
            o.println("  (no trained models: the later stages need them)");
        } else {
            stage("2/7 evaluate both integer models with the golden engine",
                    List.of("eval", "--model", compressed.toString(), "--dataset", dataset));
            stage("", List.of("eval", "--model", baseline.toString(), "--dataset", dataset));
            stage("3/7 map both onto " + config, List.of("map", "--model", compressed.toString(), "--baseline",
                    baseline.toString(), "--config", config.toString(), "--out", out.resolve("mapping.json").toString(), "--force"));
            boolean compared = stage("4/7 simulate both on the same " + simImages + " test images and compare them",
                    List.of("compare", "--model", compressed.toString(), "--baseline", baseline.toString(), "--config",
                            config.toString(), "--dataset", dataset, "--images", Integer.toString(simImages), "--out",
                            out.resolve("compare").toString(), "--force"));
            if (compared) {
                // compare printed the table above; keep it beside the demo's other outputs
                String table = Comparison.render(ReportJson.readComparison(out.resolve("compare/report.json")));
                AtomicFiles.writeString(out.resolve("comparison.txt"), table);
                o.println("the table above is in " + out.resolve("comparison.txt") + "; charts in "
                        + out.resolve("compare/report.html") + ", each model's full report in compare/*/report.md");
            }
            Path inference = out.resolve("one-inference");
            boolean timeline = stage("5/7 the timeline of one inference of the compressed model",
                    List.of("simulate", "--model", compressed.toString(), "--config", config.toString(), "--dataset", dataset,
                            "--images", "1", "--quiet", "--out", inference.toString(), "--force"))
                    && stage("", List.of("export-trace", "--run", inference.toString(), "--out",
                            out.resolve(TIMELINE).toString(), "--force"));
            Path requests = out.resolve("requests.jsonl");
            int burst = quick ? QUICK_REPLAY_REQUESTS : REPLAY_REQUESTS;
            AtomicFiles.writeString(requests, DemoSummary.burst(dataset, burst, REPLAY_SPACING_NS));
            boolean replayed = stage("6/7 replay a burst of " + burst + " requests, one every " + REPLAY_SPACING_NS / 1000
                            + " us, on the compressed model",
                    List.of("replay", "--requests", requests.toString(), "--model", compressed.toString(), "--config",
                            config.toString(), "--quiet", "--out", out.resolve(REPLAY).toString(), "--force"));
            o.println();
            o.println("== 7/7 what to look at");
            if (compared) {
                o.println(DemoSummary.compare(out.resolve(COMPARE)));
            }
            if (timeline) {
                o.println(DemoSummary.timeline(out.resolve(TIMELINE)));
            }
            if (replayed) {
                o.println(DemoSummary.replay(out.resolve(REPLAY)));
            }
        }
        o.println();
        if (!failed.isEmpty()) {
            o.println("stages that failed: " + String.join(", ", failed));
        }
        boolean ok = failed.isEmpty() && trained;
        o.println(ok ? "demo finished; what it produced is in " + out
                : "demo did NOT finish (see the failed stages above); what it produced is in " + out);
        o.flush();
        return ok ? 0 : 1;
    }

    private static void removeIfOnlyTheMarker(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            if (entries.allMatch(p -> p.getFileName().toString().equals(OutputDirectory.MARKER))) {
                Files.deleteIfExists(dir.resolve(OutputDirectory.MARKER));
                Files.deleteIfExists(dir);
            }
        }
    }

    /** The demo writes many files into {@code --out}: a folder that is new, empty, or an earlier demo's. */
    private void checkDemoFolder() {
        OutputDirectory.checkKeptFolder(out, "demo");
    }

    /** Runs one subcommand; true when it succeeded. */
    private boolean stage(String title, List<String> stageArgs) {
        List<String> args = new ArrayList<>(stageArgs);
        if (quiet && !args.contains("--quiet")) { // every command takes it: no progress, no time taken
            args.add("--quiet");
        }
        if (!title.isEmpty()) {
            o.println();
            o.println("== " + title);
        }
        o.println("$ ./xbarsim " + String.join(" ", args));
        o.flush();
        // the stages write where the demo writes (its results on standard output, their progress on standard error)
        picocli.CommandLine cl = Main.newCommandLine();
        cl.setOut(o);
        cl.setErr(spec.commandLine().getErr());
        int rc = cl.execute(args.toArray(String[]::new));
        if (rc != 0) {
            o.println("  (stage '" + args.get(0) + "' failed with exit status " + rc + ")");
            failed.add(args.get(0));
            lastFailure = rc;
            return false;
        }
        return true;
    }

    /** True when Fashion-MNIST is present, installing the Debian package when it can. */
    private boolean ensureFashionMnist() {
        if (Files.isRegularFile(FASHION_DIR.resolve("t10k-images-idx3-ubyte.gz"))) {
            return true;
        }
        String cmd = "apt-get install -y dataset-fashion-mnist";
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            o.println("Fashion-MNIST is missing; installing it: " + cmd);
            o.flush();
            try {
                Process p = new ProcessBuilder("/usr/bin/apt-get", "install", "-y", "dataset-fashion-mnist")
                        .inheritIO().start();
                if (p.waitFor() == 0 && Files.isRegularFile(FASHION_DIR.resolve("t10k-images-idx3-ubyte.gz"))) {
                    return true;
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("xbarsim demo: could not run apt-get: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        spec.commandLine().getErr().println("xbarsim demo: Fashion-MNIST is not in " + FASHION_DIR
                + "; install it with: sudo " + cmd + " (or run './xbarsim demo --quick' on synthetic data)");
        return false;
    }

    /**
     * The pre-trained networks' checkpoint for these options. Named after what shapes them (the data set,
     * the epochs, the training images), so a demo with other options, say {@code --quick} after a full one,
     * trains its own instead of failing on the other's (train refuses a checkpoint made with other options).
     */
    static String checkpointName(String arch, String dataset, int epochs, int trainLimit) {
        return arch + "-float-" + dataset + "-" + epochs + "-epochs-" + (trainLimit == 0 ? "all" : Integer.toString(trainLimit))
                + "-images.ckpt";
    }
}
