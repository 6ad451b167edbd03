package org.xbarsim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbarsim.experiment.ExperimentSettings;
import org.xbarsim.experiment.PaperExperiment;
import org.xbarsim.io.ProgressOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xbarsim experiment}: experiments that chain the pipeline's stages (docs/results.md). */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run a documented experiment end to end, resumable: see docs/results.md.",
        subcommands = {ExperimentCommand.Paper.class, CommandLine.HelpCommand.class})
final class ExperimentCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No experiment named: the usage on stderr and status 2, as for xbarsim without a command. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("xbarsim experiment: name the experiment (xbarsim experiment --help lists them)");
        spec.commandLine().getErr().flush();
        return Main.EXIT_BAD_INPUT;
    }

    @Command(name = "paper", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "The paper's headline experiment on our data set and chip: VGG-16 and its unpruned baseline, compressed "
                    + "models at the paper's 88 %% sparsity (several seeds) and at crossbar budgets, weight duplication at "
                    + "the baseline's crossbar count, fewer weight bits; each mapped, simulated and compared with the "
                    + "baseline on the chip. Writes DIR/results.json, DIR/results.md and one folder per step under DIR/steps.",
                "Resumes: a rerun into the same DIR reuses every step whose inputs did not change. Docs: docs/results.md."},
            footer = {"", "Examples:", "  ./xbarsim experiment paper --preset quick --out out/paper-quick",
                "  ./xbarsim experiment paper --out out/paper"})
    static final class Paper implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; an earlier run's is resumed.")
        Path out;

        @Option(names = "--preset", defaultValue = "paper", paramLabel = "NAME",
                description = "quick (synthetic data, tiny network, a few minutes) or paper (the documented run) (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = {"-c", "--config"}, defaultValue = "sim-configs/isaac.conf", paramLabel = "FILE",
                description = "Chip configuration (default: ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--dataset", paramLabel = "NAME", description = "Data set (paper: fashion-mnist-32, quick: synthetic).")
        String dataset;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the data set files.")
        Path dataDir;

        @Option(names = "--seeds", paramLabel = "N", description = "Seeds of the main point, 1..10 (paper: 3).")
        Integer seeds;

        @Option(names = "--width", paramLabel = "W", description = "VGG-16 channel multiplier in (0, 1] (paper: 0.125).")
        Double width;

        @Option(names = "--train-limit", paramLabel = "N", description = "Training images per epoch, 0 = all (paper: all).")
        Integer trainLimit;

        @Option(names = "--test-limit", paramLabel = "N", description = "Test images for the accuracies, 0 = all (paper: all).")
        Integer testLimit;

        @Option(names = "--pretrain-epochs", paramLabel = "N", description = "Float pre-training epochs of the baseline.")
        Integer pretrainEpochs;

        @Option(names = "--baseline-extra-epochs", paramLabel = "N", description = "Extra float epochs of the baseline.")
        Integer baselineExtraEpochs;

        @Option(names = "--prune-epochs", paramLabel = "N", description = "Pruning epochs of each compressed model.")
        Integer pruneEpochs;

        @Option(names = "--qat-epochs", paramLabel = "N", description = "Fine-tuning epochs of each compressed model.")
        Integer qatEpochs;

        @Option(names = "--sparsity", paramLabel = "S", description = "The main point's weight sparsity (default 0.88, the paper's).")
        Double sparsity;

        @Option(names = "--max-layer-sparsity", paramLabel = "C",
                description = "The main sparsity's pruning takes no layer above C, in [--sparsity, 1], 1 = no cap (presets: 0.94).")
        Double maxLayerSparsity;

        @Option(names = "--zerorize-steps", paramLabel = "N", description = "Zerorize steps of each pruning phase, 1..100 (presets: 8).")
        Integer zerorizeSteps;

        @Option(names = "--distill-alpha", paramLabel = "A",
                description = "Distillation from the baseline while pruning and fine-tuning, in [0, 1], 0 = off (presets: 0 = off).")
        Double distillAlpha;

        @Option(names = "--min-kept-units", paramLabel = "K", description = "Input units every column tile keeps at least, 1..4096 (paper: 4, quick: 2).")
        Integer minKeptUnits;

        @Option(names = "--rescale-pruned", description = "Rescale kept weights at zerorize steps to keep each layer's weight "
                + "energy (presets: off; for runs without batch norm).")
        boolean rescalePruned;

        @Option(names = "--no-batch-norm", description = "Train without batch norm (presets: batch norm after every hidden "
                + "convolution, folded into the weights before quantization).")
        boolean noBatchNorm;

        @Option(names = "--no-16-bit-baseline", description = "Leave out the comparison of seed 1's main point with a "
                + "16-bit baseline on a chip with 16-bit weights.")
        boolean noWideBaseline;

        @Option(names = "--budgets", split = ",", paramLabel = "FACTOR",
                description = "Crossbar-budget points as reduction factors of the baseline's crossbars, e.g. 4,8 (paper: 2,4); "
                        + "'none' for no budget point.")
        List<String> budgets;

        @Option(names = "--weight-bits", split = ",", paramLabel = "BITS",
                description = "Fewer-bits points, e.g. 4,6 (paper: 4,6); 'none' for none.")
        List<String> weightBits;

        @Option(names = "--no-replicate", description = "Leave out the weight-duplication point.")
        boolean noReplicate;

        @Option(names = "--images", paramLabel = "N", description = "Test images simulated per model, 1..1000 (paper: 8).")
        Integer images;

        @Option(names = "--threads", paramLabel = "T", description = "Simulation threads (default: all processors but one).")
        Integer threads;

        @Option(names = "--quiet", description = "No progress display.")
        boolean quiet;

        @Override
        public Integer call() {
            ExperimentSettings s = settings();
            s.check();
            org.xbarsim.config.ChipConfigLoader.load(s.config());
            PaperExperiment.checkTarget(out);
            // the data set is read before any folder is made: a wrong --data-dir leaves nothing behind
            org.xbarsim.data.DataSets.load(s.dataset(), s.dataDir(), org.xbarsim.data.Split.TEST);
            int t = org.xbarsim.Limits.simulationThreads(threads, "--threads");
            long t0 = System.nanoTime();
            PaperExperiment.Outcome o = new PaperExperiment(s, out, t, ProgressOutput.Style.forStderr(quiet), System.err)
                    .run(spec.commandLine().getErr());
            // the time on stderr (not with --quiet): the result line is the same bytes run after run
            if (!quiet) {
                spec.commandLine().getErr().printf(Locale.ROOT, "experiment paper: %s%n",
                        ProgressOutput.clock((System.nanoTime() - t0) / 1e9));
                spec.commandLine().getErr().flush();
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "experiment paper: %d step(s) reused, %d run; wrote %s and %s%n",
                    o.reused().size(), o.ran().size(), out.resolve("results.json"), out.resolve("results.md"));
            return 0;
        }

        ExperimentSettings settings() {
            ExperimentSettings p = ExperimentSettings.preset(preset.toLowerCase(Locale.ROOT),
                    org.xbarsim.io.Installation.resolveBundled(config));
            return new ExperimentSettings(dataset != null ? dataset.toLowerCase(Locale.ROOT) : p.dataset(),
                    dataDir != null ? dataDir : p.dataDir(), width != null ? width : p.width(),
                    trainLimit != null ? trainLimit : p.trainLimit(), testLimit != null ? testLimit : p.testLimit(),
                    pretrainEpochs != null ? pretrainEpochs : p.pretrainEpochs(),
                    baselineExtraEpochs != null ? baselineExtraEpochs : p.baselineExtraEpochs(),
                    pruneEpochs != null ? pruneEpochs : p.pruneEpochs(), qatEpochs != null ? qatEpochs : p.qatEpochs(),
                    seeds != null ? seeds : p.seeds(), sparsity != null ? sparsity : p.sparsity(),
                    budgets != null ? numbers(budgets, "--budgets", Double::valueOf) : p.budgets(),
                    weightBits != null ? numbers(weightBits, "--weight-bits", Integer::valueOf) : p.weightBits(),
                    p.replicate() && !noReplicate, images != null ? images : p.images(), p.config(),
                    maxLayerSparsity != null ? maxLayerSparsity : p.maxLayerSparsity(),
                    zerorizeSteps != null ? zerorizeSteps : p.zerorizeSteps(),
                    distillAlpha != null ? distillAlpha : p.distillAlpha(), p.rescalePruned() || rescalePruned,
                    minKeptUnits != null ? minKeptUnits : p.minKeptUnits(), p.batchNorm() && !noBatchNorm,
                    p.wideBaseline() && !noWideBaseline);
        }

        private static <T> List<T> numbers(List<String> values, String option, java.util.function.Function<String, T> parse) {
            if (values.size() == 1 && values.get(0).equalsIgnoreCase("none")) {
                return List.of();
            }
            try {
                return values.stream().map(String::trim).map(parse).toList();
            } catch (NumberFormatException e) {
                throw new org.xbarsim.UserInputException(option + " " + String.join(",", values)
                        + ": give numbers separated by commas, or none");
            }
        }
    }
}
