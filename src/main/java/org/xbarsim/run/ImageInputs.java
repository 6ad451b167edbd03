package org.xbarsim.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbarsim.UserInputException;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.model.IntModel;

/**
 * The raw images (values 0..255, CHW order) a simulation runs, with their labels when they come from
 * a data set.
 *
 * @param raw     the images
 * @param labels  their labels, or null for images read from a file
 * @param dataset the data set's name, or the file's name
 * @param split   {@code test}, {@code train} or {@code file}
 * @param first   the index of the first image in the data set (0 for a file)
 * @param origin  where the images come from, for messages
 */
public record ImageInputs(List<int[]> raw, List<Integer> labels, String dataset, String split, int first, String origin) {

    /** Where a simulation's images come from. */
    public sealed interface Source {
        /** {@code count} images of a data set from index {@code first} (fewer when the set ends first). */
        record DataSet(String name, Path dir, Split split, int first, int count) implements Source {
            public DataSet {
                if (first < 0) {
                    throw new IllegalArgumentException("first image " + first + ": must be >= 0");
                }
                if (count < 1) {
                    throw new IllegalArgumentException("images = " + count + ": must be at least 1");
                }
            }
        }

        /** A JSON file with one image ({@code [v, ...]}) or several ({@code [[v, ...], ...]}); no labels. */
        record File(Path path) implements Source {
        }

        public static Source dataSet(String name, Path dir, Split split, int first, int count) {
            return new DataSet(name, dir, split, first, count);
        }

        public static Source file(Path path) {
            return new File(path);
        }
    }

    /** Reads the images of {@code source} and checks them against the input of {@code model} (read from {@code modelFile}). */
    static ImageInputs load(Source source, IntModel model, Path modelFile) {
        if (source instanceof Source.File f) {
            return new ImageInputs(readFile(f.path()), null, f.path().getFileName().toString(), "file", 0,
                    f.path().toString());
        }
        Source.DataSet d = (Source.DataSet) source;
        String split = d.split().name().toLowerCase(Locale.ROOT);
        ImageSet set = DataSets.load(d.name(), d.dir(), d.split());
        if (!set.shape().equals(model.input().shape())) {
            throw new UserInputException("data set " + d.name() + " has images of " + set.shape() + ", model " + modelFile
                    + " expects " + model.input().shape());
        }
        if (d.first() >= set.size()) {
            throw new UserInputException("first image " + d.first() + ": data set " + d.name() + " (" + split + ") has only "
                    + set.size() + " images");
        }
        if ((long) d.first() + d.count() > set.size()) {
            throw new UserInputException("images " + d.first() + ".." + ((long) d.first() + d.count() - 1) + " (--first "
                    + d.first() + " --images " + d.count() + "): data set " + d.name() + " (" + split + ") has "
                    + set.size() + " images, numbered 0.." + (set.size() - 1));
        }
        int count = d.count();
        List<int[]> raw = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = d.first(); i < d.first() + count; i++) {
            raw.add(set.image(i));
            labels.add(set.label(i));
        }
        return new ImageInputs(raw, labels, d.name(), split, d.first(), "data set " + d.name());
    }

    private static List<int[]> readFile(Path file) {
        // strict: two image files joined into one ran as the first file's images alone
        JsonNode root = org.xbarsim.io.StrictJson.readTree(file.toString(), org.xbarsim.io.InputFiles.readString(file,
                "input image file", org.xbarsim.io.InputFiles.MAX_INPUT_BYTES));
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new UserInputException(file + ": expected a JSON array of values, or an array of such arrays");
        }
        List<JsonNode> rows = new ArrayList<>();
        if (root.get(0).isArray()) {
            root.forEach(rows::add);
        } else {
            rows.add(root);
        }
        List<int[]> images = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode a = rows.get(i);
            if (!a.isArray()) {
                throw new UserInputException(file + ": image " + i + ": expected an array of values");
            }
            int[] v = new int[a.size()];
            for (int k = 0; k < v.length; k++) {
                JsonNode x = a.get(k);
                if (!x.canConvertToInt() || !x.isIntegralNumber() || x.asInt() < 0 || x.asInt() > 255) {
                    throw new UserInputException(file + ": image " + i + ", value " + k + " = " + x
                            + ": must be an integer in [0, 255]");
                }
                v[k] = x.asInt();
            }
            images.add(v);
        }
        return images;
    }
}
