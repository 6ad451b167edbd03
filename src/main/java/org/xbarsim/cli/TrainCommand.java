package org.xbarsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.train.Augmentation;
import org.xbarsim.train.ProgressBar;
import org.xbarsim.train.BudgetAllocation;
import org.xbarsim.train.TrainOptions;
import org.xbarsim.train.TrainingPipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a network and compress it for crossbars: float pre-training, crossbar-aligned group pruning "
                + "(group lasso + zerorize-recover), quantization-aware fine-tuning with power-of-two scales.",
            "Writes <out>-compressed.json (multiplier-free, pruned), <out>-baseline.json (unpruned, per-channel "
                + "scales as multiplier + shift), <out>-report.json, <out>-report.txt and <out>-run-info.json.",
            "Give a target: --crossbar-budget, --target-sparsity, or both (fit the budget and reach the sparsity). "
                + "See docs/training.md."},
        footer = {"", "Example:", "  ./xbarsim train --arch lenet5 --crossbar-budget 10 --out out/lenet5"})
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "lenet5", description = "mlp, lenet5, vgg-small or vgg16 (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--width", paramLabel = "W", defaultValue = "1.0", description = "channel multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "fashion-mnist, mnist, cifar10, synthetic, or fashion-mnist-32 / mnist-32 (padded to 32x32) (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder with the data set files (default: the installed Fashion-MNIST)")
    Path dataDir;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "8",
            description = "total epochs, split 40%% pre-training, 20%% fine-tuning, the rest pruning, at least 1 each"
                + " (so 1 or 2 train 3; default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--pretrain-epochs", paramLabel = "N", description = "float pre-training epochs (overrides the split)")
    Integer pretrainEpochs;

    @Option(names = "--prune-epochs", paramLabel = "N", description = "pruning epochs (overrides the split)")
    Integer pruneEpochs;

    @Option(names = "--qat-epochs", paramLabel = "N", description = "quantization-aware fine-tuning epochs (overrides the split)")
    Integer qatEpochs;

    @Option(names = "--baseline-extra-epochs", paramLabel = "N", defaultValue = "0",
            description = "extra float epochs for the baseline after pre-training (default: ${DEFAULT-VALUE})")
    int baselineExtraEpochs;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "seed of every random stream (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"--chip", "-c", "--config"}, paramLabel = "CONFIG",
            description = "chip config (sim-configs/*.conf) whose crossbar geometry to prune for; the options below override it "
                    + "(-c and --config as in the other commands)")
    Path chip;

    @Option(names = "--xbar-rows", paramLabel = "R", description = "crossbar rows (default 128)")
    Integer rows;

    @Option(names = "--xbar-cols", paramLabel = "C", description = "crossbar physical columns (default 128)")
    Integer cols;

    @Option(names = "--bits-per-cell", paramLabel = "B", description = "bits per cell (default 2)")
    Integer bitsPerCell;

    @Option(names = "--weight-bits", paramLabel = "B",
            description = "signed weight bits of both models, in [2, 16] (default: the chip's, or 8)")
    Integer weightBits;

    @Option(names = "--encoding", paramLabel = "NAME", description = "signed-weight encoding: differential or offset (default differential)")
    String encoding;

    @Option(names = "--crossbar-budget", paramLabel = "N", description = "the compressed model must fit this many crossbars")
    Long budget;

    @Option(names = "--target-sparsity", paramLabel = "S", description = "target weight sparsity in (0, 1); with --crossbar-budget, pruning goes on until both hold")
    Double sparsity;

    @Option(names = "--max-layer-sparsity", paramLabel = "C", defaultValue = "1",
            description = "the --target-sparsity pruning takes no layer above this weight sparsity, in (0, 1]; "
                    + "the other layers make up the rest (default: ${DEFAULT-VALUE} = no cap)")
    double maxLayerSparsity;

    @Option(names = "--rescale-pruned", description = "at every zerorize step, scale each layer's kept weights so the layer "
            + "keeps its weight energy (keeps deep, narrow networks from going silent when most groups go)")
    boolean rescalePruned;

    @Option(names = "--min-kept-units", paramLabel = "K", defaultValue = "1",
            description = "every column tile keeps at least K of its input units (kernel groups), in [1, 4096] "
                    + "(default: ${DEFAULT-VALUE})")
    int minKeptUnits;

    @Option(names = "--batch-norm", description = "batch norm after every hidden convolution while training in float "
            + "(pre-training, baseline, pruning), folded into the weights and biases before quantization; "
            + "for deep networks without it, such as vgg16")
    boolean batchNorm;

    @Option(names = "--baseline-weight-bits", paramLabel = "B", defaultValue = "0",
            description = "signed weight bits of the exported baseline, in [2, 16] (default: the compressed model's "
                    + "--weight-bits); e.g. 16 for a baseline like ISAAC's beside an 8-bit compressed model")
    int baselineWeightBits;

    @Option(names = "--out", paramLabel = "PATH", defaultValue = "out/model",
            description = "output folder or file prefix (default: ${DEFAULT-VALUE}); files that exist are replaced only with --force")
    String out; // text, not a Path: a Path drops the trailing '/' that makes "runs/l5/" a folder

    @Option(names = "--force", description = "replace output files that exist")
    boolean force;

    @Option(names = "--unstructured",
            description = "also report unstructured magnitude pruning to the same sparsity (crossbars it frees)")
    boolean unstructured;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "mini-batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.002", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--group-lasso", paramLabel = "LAMBDA", defaultValue = "0.0005",
            description = "group-lasso strength while pruning (default: ${DEFAULT-VALUE})")
    double groupLasso;

    @Option(names = "--zerorize-steps", paramLabel = "N", defaultValue = "6",
            description = "zerorize steps spread over the pruning epochs (default: ${DEFAULT-VALUE})")
    int zerorizeSteps;

    @Option(names = "--allocation", paramLabel = "RULE", defaultValue = "sqrt",
            description = "how a crossbar budget is shared among layers: sqrt (shares grow with the square root of a "
                    + "layer's crossbars), uniform (every layer cut by about the same factor), energy (greedy on kept "
                    + "weight energy) or loss (greedy on the measured loss) (default: ${DEFAULT-VALUE})")
    String allocation;

    @Option(names = "--prune-from", paramLabel = "NET", defaultValue = "baseline",
            description = "what pruning starts from: the finished baseline, or the pretrained network (before the "
                    + "baseline's extra epochs) (default: ${DEFAULT-VALUE})")
    String pruneFrom;

    @Option(names = "--distill-alpha", paramLabel = "A", defaultValue = "0",
            description = "weight of distillation from the float baseline while pruning and fine-tuning, e.g. 0.7; "
                    + "0 = off (default: ${DEFAULT-VALUE})")
    double distillAlpha;

    @Option(names = "--distill-temperature", paramLabel = "T", defaultValue = "4",
            description = "softmax temperature of distillation (default: ${DEFAULT-VALUE})")
    double distillTemperature;

    @Option(names = "--weight-average", paramLabel = "DECAY", defaultValue = "0",
            description = "export the exponential moving average of the weights over quantization-aware fine-tuning, "
                    + "with this decay per step, e.g. 0.999; 0 = off, export the last step's weights (default: "
                    + "${DEFAULT-VALUE})")
    double weightAverage;

    @Option(names = "--augment-shift", paramLabel = "PIXELS", defaultValue = "0",
            description = "shift every training image by a random offset of up to this many pixels in each direction, "
                    + "in every phase, the baseline's included; 0 = off (default: ${DEFAULT-VALUE})")
    int augmentShift;

    @Option(names = "--augment-flip",
            description = "mirror a random half of the training images left to right, in every phase")
    boolean augmentFlip;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "keep the pre-trained and baseline float networks here: reused when the file exists and "
                    + "was made with the same data, seed, architecture and pre-training options, written otherwise")
    Path checkpoint;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0", description = "use only the first N training images (0 = all)")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0", description = "use only the first N test images (0 = all)")
    int testLimit;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        TrainOptions o = options();
        TrainingPipeline.validate(o); // before the native build's line: a bad option is the only thing printed
        var planned = TrainingPipeline.Outputs.of(o.outPrefix());
        for (Path p : List.of(planned.compressed(), planned.baseline(), planned.reportJson(), planned.reportText(),
                planned.runInfo())) {
            org.xbarsim.io.OutputPaths.checkFileTarget(p, force, "--out");
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (!quiet) {
            err.println("train: ND4J native build " + org.xbarsim.train.NativeBuild.select().describe());
            err.flush();
        }
        TrainingPipeline pipeline = new TrainingPipeline(o, new ProgressBar(err,
                org.xbarsim.io.ProgressOutput.Style.forStderr(quiet)));
        TrainingPipeline.Result r = pipeline.run();
        var outs = r.outputs();
        spec.commandLine().getOut().print(org.xbarsim.train.TrainingPipeline.summaryText(r.report()));
        spec.commandLine().getOut().println("wrote " + outs.compressed() + ", " + outs.baseline() + ", "
                + outs.reportJson() + ", " + outs.reportText() + ", " + outs.runInfo());
        return 0;
    }

    /** The parsed options as one run's settings, after the checks that belong to the command line. */
    TrainOptions options() {
        if (epochs < 1 || epochs > TrainingPipeline.MAX_EPOCHS) {
            throw new UserInputException("--epochs " + epochs + ": must be in [1, " + TrainingPipeline.MAX_EPOCHS + "]");
        }
        int pre = pretrainEpochs != null ? pretrainEpochs : Math.max(1, (int) Math.round(epochs * 0.4));
        int qat = qatEpochs != null ? qatEpochs : Math.max(1, (int) Math.round(epochs * 0.2));
        int prune = pruneEpochs != null ? pruneEpochs : Math.max(1, epochs - pre - qat);
        if (!pruneFrom.equals("baseline") && !pruneFrom.equals("pretrained")) {
            throw new UserInputException("--prune-from " + pruneFrom + ": must be baseline or pretrained");
        }
        if (!(distillAlpha >= 0 && distillAlpha <= 1)) {
            throw new UserInputException("--distill-alpha " + distillAlpha + ": must be in [0, 1] (0 turns distillation off)");
        }
        if (!(distillTemperature > 0) || Double.isInfinite(distillTemperature)) {
            throw new UserInputException("--distill-temperature " + distillTemperature + ": must be > 0");
        }
        if (!(weightAverage >= 0 && weightAverage < 1)) {
            throw new UserInputException("--weight-average " + weightAverage + ": must be in [0, 1) (0 turns it off)");
        }
        if (augmentShift < 0 || augmentShift > 8) {
            throw new UserInputException("--augment-shift " + augmentShift + ": must be in [0, 8] pixels (0 turns it off)");
        }
        TrainOptions.Distillation distillation = distillAlpha == 0 ? null
                : new TrainOptions.Distillation(distillAlpha, distillTemperature);
        return TrainOptions.builder().arch(arch).width(width).dataset(dataset).dataDir(dataDir).seed(seed)
                .geometry(geometry()).crossbarBudget(budget).targetSparsity(sparsity)
                .pretrainEpochs(pre).pruneEpochs(prune).qatEpochs(qat).baselineExtraEpochs(baselineExtraEpochs)
                .batchSize(batchSize).learningRate(lr).groupLasso(groupLasso).zerorizeSteps(zerorizeSteps)
                .trainLimit(trainLimit).testLimit(testLimit).unstructured(unstructured).outPrefix(prefix())
                .distillation(distillation).allocation(allocation()).pruneFromBaseline(pruneFrom.equals("baseline"))
                .checkpoint(checkpoint).weightAverage(weightAverage).augmentation(new Augmentation(augmentShift, augmentFlip))
                .maxLayerSparsity(maxLayerSparsity).rescalePruned(rescalePruned).minKeptUnits(minKeptUnits)
                .batchNorm(batchNorm).baselineWeightBits(baselineWeightBits).build();
    }

    private Path prefix() {
        if (out.isEmpty()) {
            throw new UserInputException("--out is empty: give a folder (ending in /) or a file prefix such as out/model");
        }
        Path out = Path.of(this.out);
        // "--out /dev/null" (meant as "keep nothing") wrote /dev/null-compressed.json and four more into /dev,
        // and "--out /" wrote into the root folder
        if (Files.exists(out) && !Files.isDirectory(out) && !Files.isRegularFile(out)) {
            throw new UserInputException("--out " + out + ": is a device, pipe or socket; give a folder or a file prefix"
                    + " such as out/model (the outputs are PREFIX-compressed.json and four more)");
        }
        if (out.toAbsolutePath().normalize().getParent() == null) {
            throw new UserInputException("--out " + out + ": is the root folder; give a folder or a file prefix such as"
                    + " out/model");
        }
        if (Files.isDirectory(out) || this.out.endsWith("/")) { // a folder, or one to make
            return out.resolve(arch);
        }
        return out;
    }

    private BudgetAllocation allocation() {
        try {
            return BudgetAllocation.fromKey(allocation);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--allocation " + allocation + ": " + e.getMessage());
        }
    }

    private CrossbarGeometry geometry() {
        // the chip config's geometry (or ISAAC-like defaults), with any explicit option on top
        CrossbarGeometry d = chip != null ? ChipConfigLoader.load(chip).chip().geometry() : CrossbarGeometry.isaacLike();
        SignedEncoding enc;
        try {
            enc = encoding == null ? d.encoding() : SignedEncoding.fromKey(encoding);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--encoding " + encoding + ": " + e.getMessage());
        }
        try {
            return new CrossbarGeometry(rows != null ? rows : d.rows(), cols != null ? cols : d.columns(),
                    bitsPerCell != null ? bitsPerCell : d.bitsPerCell(), weightBits != null ? weightBits : d.weightBits(), enc);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("crossbar geometry: " + e.getMessage());
        }
    }
}
