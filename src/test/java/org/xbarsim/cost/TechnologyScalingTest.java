package org.xbarsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;
import org.xbarsim.config.ChipConfig;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ComponentKind;

/** Stillmaker and Baas (2017) node scaling: the paper's factors, interpolation, what scales and what does not. */
class TechnologyScalingTest {
    @Test
    void areaFactorsAreThePapersAndInterpolateBetweenNodes() {
        assertEquals(1, TechnologyScaling.areaFactor(32, 32));
        assertEquals(0.46, TechnologyScaling.areaFactor(45, 32), 1e-12);
        assertEquals(2.2, TechnologyScaling.areaFactor(32, 45), 1e-12);
        assertEquals(0.0092, TechnologyScaling.areaFactor(130, 7), 1e-12);
        // 38.5 nm is half-way between 45 and 32 in the node list: half of 2.2 and half of 1
        assertEquals(1.6, TechnologyScaling.areaFactor(32, 38.5), 1e-12);
    }

    @Test
    void energyFactorIsTheRatioOfTheFittedPolynomialsAtPointEightVolts() {
        double e45 = 1.103 * 0.64 - 0.362 * 0.8 + 0.2767;
        double e32 = 0.9559 * 0.64 - 0.7823 * 0.8 + 0.471;
        assertEquals(e32 / e45, TechnologyScaling.energyFactor(45, 32), 1e-12);
        assertEquals(1, TechnologyScaling.energyFactor(16, 16), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TechnologyScaling.energyFactor(32, 5));
    }

    @Test
    void onlyDigitalPartsScaleAndTheSourceSaysSo(@TempDir Path dir) throws IOException {
        ChipConfig at32 = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf"));
        Path f = dir.resolve("isaac45.conf");
        Files.writeString(f, "base = \"" + Path.of("sim-configs/isaac.conf").toAbsolutePath() + "\"\nchip.technology-nm = 45\n");
        ChipConfig at45 = ChipConfigLoader.load(f);
        assertEquals(45, at45.technologyNm());
        assertEquals(32, at45.costsTechnologyNm());
        double energy = TechnologyScaling.energyFactor(32, 45);
        for (ComponentKind k : ComponentKind.values()) {
            ComponentCost a = at32.costs().get(k);
            ComponentCost b = at45.costs().get(k);
            double areaFactor = k.digital() ? 2.2 : 1;
            double energyFactor = k.digital() ? energy : 1;
            assertEquals(a.areaUm2() * areaFactor, b.areaUm2(), 1e-9 * a.areaUm2(), k.key());
            assertEquals(a.leakageMw() * energyFactor, b.leakageMw(), 1e-12, k.key());
            for (Action act : k.actions()) {
                assertEquals(a.energyPj(act) * energyFactor, b.energyPj(act), 1e-12, k.key());
            }
            assertEquals(k.digital(), b.source().contains("scaled from 32 nm to 45 nm"), k.key());
        }
    }

    @Test
    void aNodeOutsideTheEquationsIsAConfigError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tiny-node.conf");
        Files.writeString(f, "base = \"" + Path.of("sim-configs/defaults.conf").toAbsolutePath() + "\"\nchip.technology-nm = 5\n");
        UserInputException e = assertThrows(UserInputException.class, () -> ChipConfigLoader.load(f));
        assertTrue(e.getMessage().contains("tiny-node.conf:2: chip.technology-nm = 5"), e.getMessage());
    }
}
