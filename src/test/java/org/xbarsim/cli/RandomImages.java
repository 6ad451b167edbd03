package org.xbarsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** An input file for {@code simulate --input}: seeded random raw images, shared by the command tests. */
final class RandomImages {
    private RandomImages() {
    }

    /** Writes {@code count} images of {@code size} values in 0..255 from seed {@code seed} to {@code file}. */
    static Path write(Path file, long seed, int count, int size) throws IOException {
        Random r = new Random(seed);
        List<List<Integer>> imgs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Integer> v = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                v.add(r.nextInt(256));
            }
            imgs.add(v);
        }
        Files.writeString(file, new ObjectMapper().writeValueAsString(imgs));
        return file;
    }
}
