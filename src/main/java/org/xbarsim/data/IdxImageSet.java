package org.xbarsim.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xbarsim.UserInputException;
import org.xbarsim.model.Shape;

/**
 * Reads an MNIST-style pair of IDX files (images {@code [n][h][w]} and labels {@code [n]}) from a
 * folder, as distributed for MNIST and Fashion-MNIST: {@code train-images-idx3-ubyte(.gz)},
 * {@code train-labels-idx1-ubyte(.gz)}, {@code t10k-images-idx3-ubyte(.gz)},
 * {@code t10k-labels-idx1-ubyte(.gz)}.
 */
public final class IdxImageSet {
    private IdxImageSet() {
    }

    /** File name stem for a split and part, e.g. {@code t10k-images-idx3-ubyte}. */
    static String stem(Split split, boolean images) {
        return (split == Split.TRAIN ? "train" : "t10k") + (images ? "-images-idx3-ubyte" : "-labels-idx1-ubyte");
    }

    /**
     * The file for one split and part in {@code dir}: the gzip name first, then the uncompressed
     * name, then the dotted variant some mirrors use ({@code t10k-images.idx3-ubyte}).
     */
    static Path find(Path dir, Split split, boolean images, String missingHint) {
        String stem = stem(split, images);
        String dotted = stem.replaceFirst("-(idx\\d-ubyte)$", ".$1");
        List<String> names = List.of(stem + ".gz", stem, dotted + ".gz", dotted);
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new UserInputException(dir.resolve(names.get(0)) + ": file not found (also looked for "
                + String.join(", ", names.subList(1, names.size())) + " in " + dir + ")" + missingHint);
    }

    /**
     * Loads one split from {@code dir}, checking that images are {@code height x width}, that the
     * image and label counts agree and that labels are below {@code numClasses}.
     */
    public static ImageSet load(Path dir, Split split, int height, int width, int numClasses, String missingHint) {
        Path imagesFile = find(dir, split, true, missingHint);
        Path labelsFile = find(dir, split, false, missingHint);
        IdxFile images = IdxFile.read(imagesFile, 3);
        if (images.dim(1) != height || images.dim(2) != width) {
            throw new UserInputException(imagesFile + ": images are " + images.dim(1) + "x" + images.dim(2)
                    + ", expected " + height + "x" + width);
        }
        IdxFile labels = IdxFile.read(labelsFile, 1);
        if (images.count() != labels.count()) {
            throw new UserInputException(imagesFile + " holds " + images.count() + " images but " + labelsFile
                    + " holds " + labels.count() + " labels: the counts must agree");
        }
        byte[] lab = labels.dataUnsafe();
        for (int i = 0; i < lab.length; i++) {
            int v = Byte.toUnsignedInt(lab[i]);
            if (v >= numClasses) {
                throw new UserInputException(labelsFile + ": label " + v + " of item " + i + " is not in [0, "
                        + (numClasses - 1) + "]");
            }
        }
        return new ImageSet(imagesFile.toString(), new Shape(1, height, width), numClasses, images.dataUnsafe(), lab);
    }
}
