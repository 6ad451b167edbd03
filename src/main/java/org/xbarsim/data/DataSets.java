package org.xbarsim.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xbarsim.DidYouMean;
import org.xbarsim.UserInputException;

/** Finds and loads the supported data sets by name. See docs/data.md. */
public final class DataSets {
    /** Names accepted by {@code --dataset}. */
    public static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10", "synthetic", "fashion-mnist-32",
            "mnist-32");

    /** The suffix of a 28x28 data set padded to 32x32 (CIFAR-10's size), e.g. {@code fashion-mnist-32}. */
    static final String PADDED_SUFFIX = "-32";
    private static final int PADDED_BORDER = 2;

    /** Where the Debian package {@code dataset-fashion-mnist} installs Fashion-MNIST. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String FASHION_HINT = "; install it with: apt-get install -y dataset-fashion-mnist"
            + " (or pass --data-dir with the four IDX files)";
    private static final String MNIST_HINT = "; pass --data-dir with the folder holding the four MNIST IDX files";
    private static final String CIFAR_HINT = "; pass --data-dir with the folder holding the CIFAR-10 binary batches"
            + " (cifar-10-binary.tar.gz unpacked)";

    private DataSets() {
    }

    /** Checks a {@code --dataset} name, suggesting the closest known one. */
    public static String checkName(String name) {
        if (!NAMES.contains(name)) {
            throw new UserInputException("--dataset " + name + ": unknown data set" + DidYouMean.hint(name, NAMES)
                    + " (known: " + String.join(", ", NAMES) + ")");
        }
        return name;
    }

    /** Image shape of a named data set, without reading it. */
    public static org.xbarsim.model.Shape shapeOf(String name) {
        return switch (checkName(name)) {
            case "cifar10" -> CifarBinary.SHAPE;
            case "fashion-mnist-32", "mnist-32" -> new org.xbarsim.model.Shape(1, 32, 32);
            default -> SyntheticData.SHAPE;
        };
    }

    /**
     * Loads one split of a named data set.
     *
     * @param dir folder holding the files, or {@code null} for the default location
     *            (/usr/share/datasets/fashion-mnist for fashion-mnist; mnist and cifar10 have none)
     * @throws UserInputException naming the file and the problem when files are missing or bad
     */
    public static ImageSet load(String name, Path dir, Split split) {
        checkName(name);
        if (name.endsWith(PADDED_SUFFIX)) {
            return load(name.substring(0, name.length() - PADDED_SUFFIX.length()), dir, split).padded(PADDED_BORDER);
        }
        switch (name) {
            case "fashion-mnist" -> {
                Path d = dir == null ? FASHION_MNIST_DIR : dir;
                requireFolder(d, dir != null, "Fashion-MNIST", FASHION_HINT);
                return IdxImageSet.load(d, split, 28, 28, 10, FASHION_HINT);
            }
            case "mnist" -> {
                if (dir == null) {
                    throw new UserInputException("--dataset mnist: no folder given; MNIST is not installed by default"
                            + MNIST_HINT);
                }
                requireFolder(dir, true, "MNIST", MNIST_HINT);
                return IdxImageSet.load(dir, split, 28, 28, 10, MNIST_HINT);
            }
            case "cifar10" -> {
                if (dir == null) {
                    throw new UserInputException("--dataset cifar10: no folder given; CIFAR-10 is not installed by default"
                            + CIFAR_HINT);
                }
                requireFolder(dir, true, "CIFAR-10", CIFAR_HINT);
                return CifarBinary.load(dir, split, CIFAR_HINT);
            }
            case "synthetic" -> {
                if (dir != null) { // it would be ignored without a word
                    throw new UserInputException("--data-dir " + dir + ": the synthetic data set is generated, not read from a"
                            + " folder: leave --data-dir out");
                }
                return SyntheticData.load(split);
            }
            default -> throw new IllegalStateException("unhandled data set " + name);
        }
    }

    private static void requireFolder(Path dir, boolean given, String what, String hint) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException((given ? "--data-dir " : "") + dir + ": " + what + " folder not found" + hint);
        }
    }
}
