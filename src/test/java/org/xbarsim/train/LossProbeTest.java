package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        LossProbe probe = new LossProbe(arch, train);
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
        double most = cost.cost(2, s.strongestLayer(fc1, w, null));
        assertTrue(most != full, "pruning fc1 to 10 % of its filters changes the loss");
        GroupSelector.Selection sel = s.forBudget(p, 10);
        assertTrue(sel.crossbars() <= 10, "crossbars " + sel.crossbars());
    }
}
