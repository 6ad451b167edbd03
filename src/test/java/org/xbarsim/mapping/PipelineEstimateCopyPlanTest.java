package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.Chip;
import org.xbarsim.config.ChipConfigLoader;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.RandomModels;

/** The estimate of a mapping follows its copy plans, so a hand-edited mapping file is estimated as it is simulated. */
class PipelineEstimateCopyPlanTest {
    private static final IntModel LENET = RandomModels.lenet5(3);
    private static final Chip CHIP = ChipConfigLoader.load(Path.of("sim-configs/isaac.conf")).chip();

    @Test
    void aCopyPlanThatGivesOneCopyEveryPixelIsEstimatedAsOneCopy() {
        Mapping two = Replication.parse("conv1=2", 0, "test").map(LENET, MappingTarget.of(CHIP, MappingTarget.TilePacking.SHARED),
                CHIP);
        PipelineEstimate.Stage shared = PipelineEstimate.of(LENET, two, CHIP).stages().get(0);
        assertEquals(2, shared.replicas());
        assertEquals(shared.cyclesPerImage(2), shared.cyclesPerImage(), "as mapped, the plan is the one CopyShares makes");

        LayerMapping conv1 = two.layers().get(0);
        CopyPlan plan = conv1.copyPlan();
        CopyPlan allOnCopy0 = new CopyPlan(new int[plan.pixelCopy().length], new int[plan.finalCopy().length], plan.inputRoutes());
        List<LayerMapping> layers = new ArrayList<>(two.layers());
        layers.set(0, conv1.withCopyPlan(allOnCopy0));
        Mapping edited = new Mapping(two.modelName(), two.target(), layers);
        PipelineEstimate.Stage lopsided = PipelineEstimate.of(LENET, edited, CHIP).stages().get(0);
        assertEquals((double) lopsided.positions() * lopsided.mvmCycles(), lopsided.cyclesPerImage(),
                "copy 0 computes every pixel: the stage takes as long as with one copy");
        assertNotEquals(shared.cyclesPerImage(), lopsided.cyclesPerImage());
    }
}
