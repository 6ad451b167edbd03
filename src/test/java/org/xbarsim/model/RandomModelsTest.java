package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.data.ImageSet;
import org.xbarsim.data.Split;
import org.xbarsim.data.SyntheticData;
import org.xbarsim.mapping.CrossbarGroups;

class RandomModelsTest {
    @Test
    void sameSeedGivesTheSameModelAndBytes() {
        IntModel a = RandomModels.lenet5(11);
        IntModel b = RandomModels.lenet5(11);
        IntModel c = RandomModels.lenet5(12);
        assertEquals(a, b);
        assertEquals(ModelFile.toJson(a), ModelFile.toJson(b));
        assertNotEquals(a, c);
        assertTrue(a.isMultiplierFree());
        assertNull(a.prunedFor());
        assertEquals("random", a.metadata().kind());
    }

    @Test
    void architecturesHaveTheDocumentedStructure() {
        IntModel lenet = RandomModels.lenet5(1);
        assertEquals(List.of("conv2d", "maxpool2d", "conv2d", "maxpool2d", "flatten", "dense", "dense", "dense"),
                lenet.layers().stream().map(Layer::kind).toList());
        assertEquals(Shape.flat(10), lenet.outputShape());
        assertEquals(new Shape(16, 5, 5), lenet.shapes().get(3));

        IntModel vgg = RandomModels.vgg16(1, 4, new Shape(3, 32, 32));
        assertEquals(13, vgg.layers().stream().filter(l -> l instanceof Conv2d).count());
        assertEquals(5, vgg.layers().stream().filter(l -> l instanceof MaxPool2d).count());
        List<WeightedLayer> w = vgg.weightedLayers();
        Dense fc1 = (Dense) w.get(13);
        Dense fc2 = (Dense) w.get(14);
        assertEquals(32, fc1.inFeatures()); // 8 * width at 1x1
        assertEquals(32, fc1.outFeatures());
        assertEquals(10, fc2.outFeatures());
        for (Conv2d conv : vgg.layers().stream().filter(l -> l instanceof Conv2d).map(l -> (Conv2d) l).toList()) {
            assertEquals(3, conv.kernelH());
            assertEquals(1, conv.padH());
        }
        // 28x28 input: the fifth pool would work on 1x1, so it is skipped
        IntModel vgg28 = RandomModels.vgg16(1, 2, new Shape(1, 28, 28));
        assertEquals(4, vgg28.layers().stream().filter(l -> l instanceof MaxPool2d).count());
        assertEquals(new Shape(1, 28, 28), RandomModels.mlp(1).input().shape());
        assertEquals(Shape.flat(10), RandomModels.vggSmall(1).outputShape());
    }

    @Test
    void activationsAreNeitherAllZeroNorAllSaturated() {
        ImageSet images = SyntheticData.generate(3, Split.TEST, 20);
        for (IntModel m : List.of(RandomModels.lenet5(5), RandomModels.mlp(5),
                RandomModels.lenet5(5, RandomModels.Requantization.BASELINE))) {
            GoldenEngine e = new GoldenEngine(m);
            int layers = m.layers().size();
            long[] zero = new long[layers];
            long[] sat = new long[layers];
            long[] total = new long[layers];
            int[] predicted = new int[10];
            for (int i = 0; i < images.size(); i++) {
                GoldenEngine.Inference r = e.runRaw(images.image(i));
                predicted[r.predicted()]++;
                for (int l = 0; l < layers; l++) {
                    IntVector v = r.layerOutputs().get(l);
                    for (int k = 0; k < v.size(); k++) {
                        total[l]++;
                        zero[l] += v.get(k) == 0 ? 1 : 0;
                        sat[l] += v.get(k) == 255 ? 1 : 0;
                    }
                }
            }
            for (int l = 0; l < layers; l++) {
                if (m.layers().get(l) instanceof WeightedLayer wl && wl.activation() == Activation.RELU) {
                    double z = zero[l] / (double) total[l];
                    double s = sat[l] / (double) total[l];
                    assertTrue(z > 0.2 && z < 0.8, m.name() + " " + wl.name() + ": zero fraction " + z);
                    assertTrue(s < 0.1, m.name() + " " + wl.name() + ": saturated fraction " + s);
                }
            }
            // the logits are not constant: more than one class gets predicted
            assertTrue(java.util.Arrays.stream(predicted).filter(n -> n > 0).count() > 1, m.name());
        }
    }

    @Test
    void baselineUsesNonPowerOfTwoMultipliersPerColumn() {
        IntModel m = RandomModels.lenet5(2, RandomModels.Requantization.BASELINE);
        assertFalse(m.isMultiplierFree());
        for (WeightedLayer w : m.weightedLayers()) {
            assertEquals(w.matrixCols(), w.requant().size());
            for (Requant r : w.requant()) {
                assertTrue(r.multiplier() >= 1 << 14 && r.multiplier() < 1 << 15, r.toString());
                assertNotEquals(1, Long.bitCount(r.multiplier()), r.toString());
            }
        }
    }

    @Test
    void pruningIsCrossbarAlignedValidAndDeterministic() {
        CrossbarGeometry g = CrossbarGeometry.isaacLike();
        IntModel base = RandomModels.vggSmall(4);
        IntModel p = RandomModels.prune(base, g, 0.6, 9);
        assertEquals(p, RandomModels.prune(base, g, 0.6, 9));
        assertNotEquals(p, RandomModels.prune(base, g, 0.6, 10));
        assertEquals(g, p.prunedFor());
        // the loader checks every listed group is zero
        assertEquals(p, ModelFile.parse("pruned", ModelFile.toJson(p)));
        double sparsity = p.zeroWeightCount() / (double) p.weightCount();
        assertTrue(sparsity > 0.55 && sparsity < 0.7, "sparsity " + sparsity);
        boolean anyBlock = false;
        boolean anyFilter = false;
        long before = 0;
        long after = 0;
        for (int i = 0; i < p.weightedLayers().size(); i++) {
            WeightedLayer w = p.weightedLayers().get(i);
            anyBlock |= !w.pruning().crossbarBlocks().isEmpty();
            anyFilter |= !w.pruning().filters().isEmpty();
            for (int f : w.pruning().filters()) {
                assertEquals(0, w.bias().get(f), w.name() + " filter " + f + " keeps a bias");
            }
            // every column tile keeps at least one live row
            for (int t = 0; t < CrossbarGroups.columnTiles(w.matrixCols(), g); t++) {
                assertTrue(CrossbarGroups.liveRows(CrossbarGroups.of(w), t, g).length > 0, w.name() + " tile " + t);
            }
            before += CrossbarGroups.compactedCrossbars(CrossbarGroups.of(base.weightedLayers().get(i)), g);
            after += CrossbarGroups.compactedCrossbars(CrossbarGroups.of(w), g);
        }
        assertTrue(anyBlock && anyFilter);
        assertTrue(after < before * 0.7, "crossbars " + before + " -> " + after);
        // the logits layer keeps all its filters
        assertTrue(p.weightedLayers().get(p.weightedLayers().size() - 1).pruning().filters().isEmpty());
    }
}
