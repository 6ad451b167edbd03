package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.data.DataSets;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;

/** The loss probe behind {@link BudgetAllocation#LOSS}. */
class LossProbeTest {
    @Test
    void pruningALayerHarderCostsMoreAndAFullMaskCostsNothingExtra() {
        ImageSet train = DataSets.load("synthetic", null, Split.TRAIN).first(600);
        Architecture arch = Architecture.of("lenet5", train.shape(), train.numClasses(), 1);
        FloatParams p = FloatParams.init(arch, 2);
        CrossbarGeometry g = CrossbarGeometry.isaacLike();
        LossProbe probe = new LossProbe(arch, train, false);
        GroupSelector.LayerCost cost = probe.costOf(p);
        GroupSelector s = new GroupSelector(arch, g, BudgetAllocation.LOSS, probe::costOf);
        Architecture.Weighted fc1 = arch.weighted().get(2);
        float[] w = p.weightValues(2);
        double full = cost.cost(2, GroupMask.full(fc1, g));
        NetworkGraph graph = new NetworkGraph(arch, null, IntegerExport.ACTIVATION_BITS);
        graph.setParameters(p.weights, p.biases);
        double reference = graph.loss(Batches.images(train, null, 0, LossProbe.IMAGES),
                Batches.oneHot(train, null, 0, LossProbe.IMAGES));
        assertEquals(reference, full, 1e-6);
        GroupMask strongest = s.strongestLayer(fc1, w, null);
        double most = cost.cost(2, strongest);
        // the probe's figure is the loss of the network with only fc1 pruned, and that is not the unpruned loss
        List<GroupMask> masks = new ArrayList<>();
        for (int i = 0; i < arch.weighted().size(); i++) {
            masks.add(i == 2 ? strongest : GroupMask.full(arch.weighted().get(i), g));
        }
        FloatParams pruned = p.copy();
        Trainer.applyMasks(pruned, Trainer.maskArrays(masks));
        graph.setParameters(pruned.weights, pruned.biases);
        double prunedLoss = graph.loss(Batches.images(train, null, 0, LossProbe.IMAGES),
                Batches.oneHot(train, null, 0, LossProbe.IMAGES));
        assertEquals(prunedLoss, most, 1e-6);
        assertTrue(Math.abs(most - full) > 1e-4, "pruning fc1 to its floor changes the loss: " + most + " vs " + full);
        assertArrayEquals(w, p.weightValues(2), "the probe leaves the network's own weights alone");
        GroupSelector.Selection sel = s.forBudget(p, 10);
        assertTrue(sel.crossbars() <= 10, "crossbars " + sel.crossbars());
    }
}
