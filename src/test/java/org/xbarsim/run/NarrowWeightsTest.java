package org.xbarsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.RandomModels;

/** A model whose weights are narrower than the chip stores is mapped at the chip's width, and told so. */
class NarrowWeightsTest {
    @Test
    void eightBitWeightsOnASixteenBitChipAreWarnedAbout() {
        IntModel m = RandomModels.lenet5(3); // 8-bit weights
        CrossbarGeometry sixteen = new CrossbarGeometry(128, 128, 2, 16, SignedEncoding.OFFSET);
        assertEquals("warning: m.json has weights of at most 8 bits, but wide.conf stores 16-bit weights (chip.tile.weights.bits):"
                + " each weight takes the cells of 16 bits (8 columns), so its crossbars, energy and area are those of 16-bit"
                + " weights; set chip.tile.weights.bits = 8 to map it as trained",
                MappedChip.narrowWeights(m, Path.of("m.json"), sixteen, Path.of("wide.conf")));
        assertNull(MappedChip.narrowWeights(m, Path.of("m.json"), new CrossbarGeometry(128, 128, 2, 8, SignedEncoding.OFFSET),
                Path.of("isaac.conf")), "as wide as the chip: nothing to say");
    }
}
