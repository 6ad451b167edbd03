package org.xbarsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;

/** The wrong file given as a chip config: an empty path, a model; and the figures validate derives from a right one. */
class WrongFileTest {
    @Test
    void anEmptyPathIsNamedAsSuchByBothLoaders() {
        for (UserInputException e : List.of(
                assertThrows(UserInputException.class, () -> ChipConfigLoader.load(Path.of(""))),
                assertThrows(UserInputException.class, () -> ChipConfigLoader.load(Path.of(""), ConfigFactory.empty())))) {
            assertEquals("an empty path was given for the chip configuration file", e.getMessage());
        }
    }

    @Test
    void aModelFileGivenAsAConfigIsOneProblemNotEveryKey() {
        Path model = Path.of("docs/results/lenet5-compressed.json");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ChipConfigLoader.load(model));
        assertEquals(1, e.configProblems().size(), e.getMessage());
        ConfigProblem p = e.configProblems().get(0);
        assertEquals("format", p.keyPath());
        assertEquals("this is an xbarsim int-model file, not a chip configuration (sim-configs/*.conf, docs/config.md);"
                + " give it as --model", p.problem());
        assertFalse(p.warning());
    }

    @Test
    void theDerivedFiguresOfSmallConfAreItsOwn() {
        DerivedFigures d = DerivedFigures.of(ChipConfigLoader.load(Path.of("sim-configs/small.conf")));
        assertEquals(32, d.crossbarsOnChip(), "4 tiles x 8 crossbars");
        assertEquals(4, d.logicalColumnsPerCrossbar());
        assertEquals(0.874043, d.areaMm2(), 1e-6, "by hand in ValidateCommandTest");
        assertEquals(0.15578, d.computeAreaMm2(), 1e-6);
        assertTrue(d.leakageMw() > d.computeLeakageMw() && d.computeLeakageMw() > 0);
        assertEquals(8, d.lines().size());
        assertEquals("crossbars on chip = 32", d.lines().get(3));
    }
}
