package org.xbarsim.hw;

import org.xbarsim.hw.common.LayerPlan;
import org.xbarsim.hw.common.LayerProbe;

import java.util.List;
import org.xbarsim.model.GoldenEngine;
import org.xbarsim.model.Shape;

/**
 * The first place where a simulated inference departs from the golden engine: the first weighted
 * layer (in model order) whose output differs, and its first differing position.
 *
 * @param layerName  the layer
 * @param layerIndex its index in the model
 * @param index      flat CHW index of the first differing output
 * @param channel    channel (output column) of that position
 * @param y          row of that position
 * @param x          column of that position
 * @param expected   the golden value
 * @param actual     the simulated value
 */
public record Mismatch(String layerName, int layerIndex, int index, int channel, int y, int x, int expected, int actual) {

    /** Finds the first mismatch of one image, or null when every weighted layer's output matches. */
    public static Mismatch find(GoldenEngine.Inference golden, LayerProbe probe, int image, List<LayerPlan> plans) {
        for (LayerPlan p : plans) {
            int[] sim = probe.output(image, p.plan());
            int[] ref = golden.layerOutputs().get(p.layerIndex()).toArray();
            Shape s = p.outShape();
            for (int i = 0; i < ref.length; i++) {
                int v = sim == null ? Integer.MIN_VALUE : sim[i];
                if (v != ref[i]) {
                    int plane = s.height() * s.width();
                    return new Mismatch(p.name(), p.layerIndex(), i, i / plane, (i % plane) / s.width(), i % s.width(), ref[i], v);
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "layer '" + layerName + "' (index " + layerIndex + "), output " + index + " (channel " + channel + ", y " + y
                + ", x " + x + "): expected " + expected + ", simulated " + actual;
    }
}
