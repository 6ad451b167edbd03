package org.xbarsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.vocabulary.ComponentKind;

/** Every shipped configuration in sim-configs/ loads, and the presets say what their comments claim. */
class SimConfigsLoadTest {
    static final Path DIR = Path.of("sim-configs");

    static Stream<Path> configFiles() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
            assertTrue(files.size() >= 5, "expected defaults + 4 presets, found " + files);
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configFiles")
    void everyFileLoads(Path file) {
        ChipConfig c = ChipConfigLoader.load(file);
        assertEquals(ConfigSchema.keys().size(), c.entries().size());
        for (ComponentKind k : ComponentKind.values()) {
            assertFalse(c.costs().get(k).source().isBlank(), k + " has a source");
        }
        // Every key's origin names a real file and line.
        c.entries().forEach(e -> assertTrue(e.origin().matches(".+\\.conf:\\d+"), e.toString()));
    }

    @Test
    void presetsOverrideOnlyWhatTheyChange() {
        Chip isaac = ChipConfigLoader.load(DIR.resolve("isaac.conf")).chip();
        assertEquals(128, isaac.tile().crossbar().rows());
        assertEquals(2, isaac.tile().crossbar().bitsPerCell());
        assertEquals(1, isaac.tile().dac().bits());
        assertEquals(8, isaac.tile().adc().bits());
        assertEquals(SignedEncoding.OFFSET, isaac.tile().weights().encoding());
        assertEquals(4, isaac.geometry().physicalColumnsPerLogical());
        assertTrue(isaac.tile().weights().flipColumns());
        assertEquals(8, isaac.tile().idealAdcBits());
        assertTrue(ChipConfigLoader.load(DIR.resolve("isaac.conf")).warnings().isEmpty(), "isaac's 8-bit ADC is exact when flipped");
        assertFalse(ChipConfigLoader.load(DIR.resolve("defaults.conf")).chip().tile().weights().flipColumns());

        ChipConfig mnsim = ChipConfigLoader.load(DIR.resolve("mnsim.conf"));
        assertEquals(6, mnsim.chip().tile().adc().bits());
        assertEquals(SignedEncoding.DIFFERENTIAL, mnsim.chip().tile().weights().encoding());
        assertEquals(64, mnsim.chip().tile().adcsPerCrossbar(), "128 ADCs per positive/negative pair of 256 columns");
        assertEquals(256, mnsim.chip().tile().crossbar().rows());
        assertEquals(1, mnsim.chip().tile().crossbar().bitsPerCell());
        assertEquals(0.5, mnsim.chip().clockGhz());
        assertEquals(10.08, mnsim.costs().get(ComponentKind.ADC).energyPj().values().iterator().next(), 1e-12);
        assertTrue(mnsim.warnings().stream().anyMatch(w -> w.message().contains("mnsim.conf:")
                && w.keyPath().equals("chip.tile.adc.bits")), mnsim.warnings().toString());

        ChipConfig small = ChipConfigLoader.load(DIR.resolve("small.conf"));
        assertEquals(32, small.chip().tile().crossbar().columns());
        assertEquals(4, small.chip().geometry().logicalColumnsPerCrossbar());
        assertEquals(32L, small.chip().crossbars());
        assertTrue(small.warnings().isEmpty(), "7 ADC bits suffice for 32 rows: " + small.warnings());
        // A value the preset does not set comes from the defaults file, with its line.
        ResolvedEntry clock = small.entries().stream().filter(e -> e.keyPath().equals("chip.clock-ghz"))
                .findFirst().orElseThrow();
        assertTrue(clock.origin().startsWith(DIR.resolve("defaults.conf").toString() + ":"), clock.origin());
        ResolvedEntry name = small.entries().stream().filter(e -> e.keyPath().equals("chip.name"))
                .findFirst().orElseThrow();
        assertTrue(name.origin().startsWith(DIR.resolve("small.conf").toString() + ":"), name.origin());
    }

    @Test
    void loadingIsDeterministic() {
        ChipConfig a = ChipConfigLoader.load(DIR.resolve("puma.conf"));
        ChipConfig b = ChipConfigLoader.load(DIR.resolve("puma.conf"));
        assertEquals(a.chip(), b.chip());
        assertEquals(a.costs(), b.costs());
        assertEquals(a.entries(), b.entries());
    }
}
