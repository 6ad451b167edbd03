package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.vocabulary.Action;
import org.xbarsim.cost.ActionCounts;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.Dense;
import org.xbarsim.model.Flatten;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;

/** The analytical action counts and the area of a mapping, worked by hand on the 6x3 dense example. */
class MappingCostTest {
    private static final int[][] DENSE = {
        {5, -3, 7},
        {0, 0, -1},
        {-7, 2, 3},
        {1, 0, -6},
        {0, 0, 2},
        {0, -4, 0},
    };

    // 4x8 crossbars, 2-bit cells, 4-bit differential: 3 crossbars with used rows 4, 4, 1 and used
    // columns 8, 4, 4 (see MapperHandWorkedTest); 2 crossbars per tile -> 2 tiles.
    private static final Chip CHIP = TestChips.chip(4, 2, 4, 8, 2, 4, SignedEncoding.DIFFERENTIAL, 2);

    private static IntModel model() {
        return TestModels.model("dense", Shape.flat(6), TestModels.dense("fc", 4, DENSE));
    }

    @Test
    void actionCountsOfOneInference() {
        IntModel m = model();
        Mapping mapping = Mapper.map(m, MappingTarget.of(CHIP, MappingTarget.TilePacking.SHARED));
        List<ActionEstimate.LayerActions> layers = ActionEstimate.perInference(m, mapping, CHIP);
        assertEquals(1, layers.size());
        ActionCounts.Snapshot c = layers.get(0).counts();
        // 8-bit inputs through 1-bit DACs: 8 reads per input vector, one vector (dense)
        assertEquals(8 * 3, c.count(ComponentKind.CROSSBAR, Action.READ));
        assertEquals(8 * (4 + 4 + 1), c.count(ComponentKind.DAC, Action.CONVERT));
        assertEquals(8 * (8 + 4 + 4), c.count(ComponentKind.ADC, Action.CONVERT));
        assertEquals(8 * (8 + 4 + 4), c.count(ComponentKind.SAMPLE_HOLD, Action.SAMPLE));
        assertEquals(8 * 16 + 1, c.count(ComponentKind.SHIFT_ADD, Action.OPERATE)); // + merging column 2's two crossbars
        assertEquals(6, c.count(ComponentKind.INPUT_BUFFER, Action.WRITE));
        assertEquals(9, c.count(ComponentKind.INPUT_BUFFER, Action.READ));
        assertEquals(9, c.count(ComponentKind.BUS, Action.TRANSFER), "every input-buffer byte read crosses the bus");
        assertEquals(4 + 4 + 1, c.count(ComponentKind.REGISTER, Action.READ), "ceil(used rows x 8 bits / 8) per crossbar");
        assertEquals(3 * 2, c.count(ComponentKind.OUTPUT_BUFFER, Action.WRITE)); // 16-bit outputs
        assertEquals(3 * 2, c.count(ComponentKind.NETWORK, Action.TRANSFER));
        assertEquals(3, c.count(ComponentKind.ACTIVATION, Action.OPERATE));
        assertEquals(0, c.count(ComponentKind.MULTIPLIER, Action.OPERATE));
    }

    @Test
    void areaAndEnergyWithUnitCosts() {
        IntModel m = model();
        Mapping mapping = Mapper.map(m, MappingTarget.of(CHIP, MappingTarget.TilePacking.SHARED));
        MappingCost cost = MappingCost.of(m, mapping, CHIP, TestChips.unitCosts());
        assertEquals(2, cost.allocation().tiles());
        // crossbars 3 x 32 cells, DACs 3 x 4 rows, ADCs 3 x (8 / 8), S&H 3 x 8, shift-add 2 tiles x 4, no multipliers
        assertEquals(96 + 12 + 3 + 24 + 8, cost.areaUm2().compute(), 1e-9);
        // a crossbar read costs 1 pJ per cell: 24 reads x 32 cells
        double compute = 24 * 32 + 72 + 128 + 128 + 129;
        assertEquals(compute, cost.energy().computePj(), 1e-9);
        assertEquals(compute + 6 + 9 + 9 + 9 + 6 + 6 + 6 + 3, cost.energy().totalPj(), 1e-9); // + bus 9 + register 9
        // element-wise alternative: column tile 0 needs ceil(3/4) = 1, tile 1 ceil(5/4) = 2 -> 3 crossbars + index units
        assertEquals(3, cost.unstructured().allocation().crossbars());
        assertEquals(3, cost.unstructured().allocation().count(ComponentKind.INDEX));
        assertEquals(2, cost.unstructured().allocation().tiles(), "ceil(3 crossbars / 2 per tile)");
    }

    @Test
    void theUnstructuredAlternativeUsesAsManyTilesAsItsCrossbarsFill() {
        IntModel m = model();
        // 3 crossbars per tile: the 3 element-wise crossbars fill exactly one tile
        Chip three = TestChips.chip(4, 3, 4, 8, 2, 4, SignedEncoding.DIFFERENTIAL, 2);
        MappingCost cost = MappingCost.of(m, Mapper.map(m, MappingTarget.of(three, MappingTarget.TilePacking.SHARED)),
                three, TestChips.unitCosts());
        assertEquals(3, cost.unstructured().allocation().crossbars());
        assertEquals(1, cost.unstructured().allocation().tiles());
        assertEquals(1, cost.unstructured().allocation().count(ComponentKind.INPUT_BUFFER), "one per tile");
    }

    @Test
    void nonPowerOfTwoScalesNeedMultipliers() {
        Dense d = new Dense("fc", 6, 3, 4, TestModels.dense("x", 4, DENSE).weights(), IntVector.wrap(new int[3]),
                List.of(new Requant(3, 4)), Activation.RELU, 8, null);
        IntModel m = TestModels.model("scaled", Shape.flat(6), d);
        Mapping mapping = Mapper.map(m, MappingTarget.of(CHIP, MappingTarget.TilePacking.SHARED));
        MappingCost cost = MappingCost.of(m, mapping, CHIP, TestChips.unitCosts());
        assertEquals(3, cost.actions().get(0).counts().count(ComponentKind.MULTIPLIER, Action.OPERATE));
        assertEquals(2 * 2, cost.allocation().count(ComponentKind.MULTIPLIER)); // 2 tiles x 2 multipliers
        assertEquals(3, cost.actions().get(0).counts().count(ComponentKind.OUTPUT_BUFFER, Action.WRITE)); // 8-bit outputs
    }

    @Test
    void offsetEncodingAddsOneCorrectionPerOutputAndRead() {
        // 4x4 offset crossbars (k = 2, L = 2): 3 crossbars with 2, 1, 1 outputs (see MapperHandWorkedTest)
        Chip chip = TestChips.chip(4, 2, 4, 4, 2, 4, SignedEncoding.OFFSET, 0);
        IntModel m = model();
        Mapping mapping = Mapper.map(m, MappingTarget.of(chip, MappingTarget.TilePacking.SHARED));
        ActionCounts.Snapshot c = ActionEstimate.perInference(m, mapping, chip).get(0).counts();
        // used columns 4 + 2 + 2 = 8 per read; corrections 2 + 1 + 1 per read; 8 reads; 1 merge
        assertEquals(8 * (8 + 4) + 1, c.count(ComponentKind.SHIFT_ADD, Action.OPERATE));
        assertEquals(8 * 8, c.count(ComponentKind.ADC, Action.CONVERT));
    }

    @Test
    void aWideConvThenADenseLayerCountEachLayerWithItsOwnPositionsAndInputBits() {
        // conv: 1 channel of 3x4, 2x2 kernel, 2 filters, 4-bit outputs -> output 2 x 2 x 3: 6 positions;
        // matrix 4 x 2 on one crossbar (4 used rows, 2 outputs x 4 physical columns)
        int[] cw = {1, -2, 3, -4, 5, 6, -7, 1};
        Conv2d conv = new Conv2d("conv", 1, 2, 2, 2, 1, 1, 0, 0, 4, IntVector.of(cw), IntVector.wrap(new int[2]),
                List.of(Requant.shiftOnly(0)), Activation.RELU, 4, null);
        // dense (after a flatten, which does no work): the 12 conv outputs (4-bit) -> 2 outputs, all weights non-zero: 3 row tiles of 4 rows,
        // one column tile, so 3 crossbars of 4 used rows and 8 used columns, 2 of them merged
        int[][] dw = new int[12][2];
        for (int r = 0; r < 12; r++) {
            dw[r][0] = r % 7 + 1;
            dw[r][1] = -(r % 5) - 1;
        }
        IntModel m = TestModels.model("conv-dense", new Shape(1, 3, 4), conv, new Flatten("flatten"),
                TestModels.dense("fc", 4, dw));
        Mapping mapping = Mapper.map(m, MappingTarget.of(CHIP, MappingTarget.TilePacking.SHARED));
        List<ActionEstimate.LayerActions> layers = ActionEstimate.perInference(m, mapping, CHIP);
        assertEquals(List.of(0, 2), layers.stream().map(ActionEstimate.LayerActions::layerIndex).toList());

        // conv: 8-bit model inputs through 1-bit DACs, 8 reads at each of the 6 positions
        ActionCounts.Snapshot c = layers.get(0).counts();
        assertEquals(6 * 8 * 1, c.count(ComponentKind.CROSSBAR, Action.READ));
        assertEquals(6 * 8 * 4, c.count(ComponentKind.DAC, Action.CONVERT));
        assertEquals(6 * 8 * 8, c.count(ComponentKind.ADC, Action.CONVERT));
        assertEquals(6 * 8 * 8, c.count(ComponentKind.SHIFT_ADD, Action.OPERATE));
        assertEquals(12, c.count(ComponentKind.INPUT_BUFFER, Action.WRITE), "the 3x4 input, one byte each");
        assertEquals(6 * 4, c.count(ComponentKind.INPUT_BUFFER, Action.READ));
        assertEquals(6 * 4, c.count(ComponentKind.REGISTER, Action.READ), "4 rows x 8 bits = 4 bytes per position");
        assertEquals(6 * 2, c.count(ComponentKind.ACTIVATION, Action.OPERATE));
        assertEquals(6 * 2, c.count(ComponentKind.OUTPUT_BUFFER, Action.WRITE), "4-bit outputs, one byte each");

        // dense: its inputs are the conv's 4-bit outputs, so 4 reads, not 8; one position
        ActionCounts.Snapshot d = layers.get(1).counts();
        assertEquals(4 * 3, d.count(ComponentKind.CROSSBAR, Action.READ));
        assertEquals(4 * 12, d.count(ComponentKind.DAC, Action.CONVERT));
        assertEquals(4 * 24, d.count(ComponentKind.ADC, Action.CONVERT));
        assertEquals(4 * 24 + 2 * 2, d.count(ComponentKind.SHIFT_ADD, Action.OPERATE), "+ 2 merged crossbars x 2 outputs");
        assertEquals(12, d.count(ComponentKind.INPUT_BUFFER, Action.WRITE));
        assertEquals(12, d.count(ComponentKind.INPUT_BUFFER, Action.READ));
        assertEquals(3 * 2, d.count(ComponentKind.REGISTER, Action.READ), "4 rows x 4 bits = 2 bytes per crossbar");
        assertEquals(2, d.count(ComponentKind.ACTIVATION, Action.OPERATE));
        assertEquals(2 * 2, d.count(ComponentKind.OUTPUT_BUFFER, Action.WRITE), "16-bit outputs");

        ActionCounts.Snapshot total = ActionEstimate.total(layers);
        assertEquals(48 + 12, total.count(ComponentKind.CROSSBAR, Action.READ));
        assertEquals(12 + 2, total.count(ComponentKind.ACTIVATION, Action.OPERATE));
    }

    @Test
    void convLayerCountsEveryOutputPosition() {
        // 3 channels of 3x1, 2x1 kernel -> output 2 x 2 x 1: two positions
        int[] w = {1, -2, 0, 0, 3, 0, 0, 4, 0, 0, -5, 6};
        IntModel m = TestModels.model("conv", new Shape(3, 3, 1), TestModels.conv("conv", 4, 3, 2, 2, 1, w));
        Mapping mapping = Mapper.map(m, MappingTarget.of(CHIP, MappingTarget.TilePacking.SHARED));
        ActionCounts.Snapshot c = ActionEstimate.perInference(m, mapping, CHIP).get(0).counts();
        assertEquals(2 * 8 * 1, c.count(ComponentKind.CROSSBAR, Action.READ));
        assertEquals(2 * 8 * 4, c.count(ComponentKind.DAC, Action.CONVERT));
        assertEquals(2 * 4, c.count(ComponentKind.INPUT_BUFFER, Action.READ)); // 4 used rows per position
        assertEquals(9, c.count(ComponentKind.INPUT_BUFFER, Action.WRITE));
        assertEquals(2 * 2, c.count(ComponentKind.ACTIVATION, Action.OPERATE));
    }
}
