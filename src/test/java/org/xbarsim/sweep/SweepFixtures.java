package org.xbarsim.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small sweeps for the tests: the corpus's tiny dense model on the small chip, one synthetic image per point. */
public final class SweepFixtures {
    public static final Path TINY = Path.of("src/test/resources/bad-inputs/models/tiny.json").toAbsolutePath();
    public static final Path SMALL = Path.of("sim-configs/small.conf").toAbsolutePath();

    private SweepFixtures() {
    }

    /**
     * Tiles [1, 10, 12] x ADC bits [6, 8] = 6 points; the tiny model needs 75 crossbar slots, so the two
     * points with one tile (8 slots) fail when they run, the other four complete.
     */
    public static Path tinySweep(Path dir, String name) throws IOException {
        return write(dir.resolve(name + ".conf"), """
                version = 1
                name = "%s"
                chip = "%s"
                models = [ { name = "tiny", model = "%s" } ]
                images { dataset = "synthetic", first = 0, count = 1 }
                axes = [
                  { key = "chip.tiles", values = [1, 10, 12] }
                  { key = "chip.tile.adc.bits", values = [6, 8] }
                ]
                """.formatted(name, SMALL, TINY));
    }

    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
