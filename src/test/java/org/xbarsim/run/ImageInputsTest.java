package org.xbarsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;
import org.xbarsim.data.Split;

/** Images for a simulation read from a JSON file, and the checks on a data-set source. */
class ImageInputsTest {
    @TempDir
    Path dir;

    @Test
    void aFileHoldsOneImageOrSeveralWithoutLabels() throws IOException {
        Path one = Files.writeString(dir.resolve("one.json"), "[0, 7, 255]");
        ImageInputs a = ImageInputs.load(ImageInputs.Source.file(one), null, null);
        assertEquals(1, a.raw().size());
        assertArrayEquals(new int[] {0, 7, 255}, a.raw().get(0));
        assertNull(a.labels());
        assertEquals("file", a.split());
        assertEquals("one.json", a.dataset());

        Path two = Files.writeString(dir.resolve("two.json"), "[[1, 2], [3, 4]]");
        ImageInputs b = ImageInputs.load(ImageInputs.Source.file(two), null, null);
        assertEquals(2, b.raw().size());
        assertArrayEquals(new int[] {3, 4}, b.raw().get(1));
    }

    @Test
    void aBadValueIsNamedByFileImageAndPosition() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "[[1, 2], [3, 256]]");
        UserInputException e = assertThrows(UserInputException.class,
                () -> ImageInputs.load(ImageInputs.Source.file(bad), null, null));
        assertTrue(e.getMessage().contains("bad.json: image 1, value 1 = 256: must be an integer in [0, 255]"), e.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        e = assertThrows(UserInputException.class, () -> ImageInputs.load(ImageInputs.Source.file(empty), null, null));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
    }

    @Test
    void aDataSetSourceNeedsAtLeastOneImageFromAnIndexNotBelowZero() {
        assertThrows(IllegalArgumentException.class, () -> ImageInputs.Source.dataSet("mnist", null, Split.TEST, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageInputs.Source.dataSet("mnist", null, Split.TEST, -1, 5));
    }
}
