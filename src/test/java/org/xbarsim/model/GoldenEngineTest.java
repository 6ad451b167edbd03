package org.xbarsim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golden engine on a tiny network whose every value is worked out by hand below. It covers
 * input quantization, conv with padding and stride, per-column (non-power-of-two) requantization,
 * rounding of halves toward +infinity (positive and negative), clamping at both ends for both
 * activations, max and average pooling, flatten and dense layers.
 */
class GoldenEngineTest {
    /*
     * Input 1x4x4 (quantized values x):
     *   1 2 0 3
     *   0 1 2 1
     *   3 0 1 0
     *   2 1 0 2
     * Raw values that quantize to x with bits 2, shift 4 (q = clamp(raw >> 4, 0, 3)):
     *   0 -> raw 0 or 15 (15 >> 4 = 0), 1 -> 16, 2 -> 40 or 47, 3 -> 48 or 255 (255 >> 4 = 15, clamped to 3).
     */
    static final int[] X = {1, 2, 0, 3, 0, 1, 2, 1, 3, 0, 1, 0, 2, 1, 0, 2};
    static final int[] RAW = {16, 47, 15, 255, 0, 16, 47, 16, 48, 15, 16, 15, 47, 16, 0, 40};

    /*
     * conv1: 1 -> 2 channels, 3x3, stride 2, padding 1: output 2x2 per channel ((4 + 2 - 3) / 2 + 1 = 2).
     * Windows (p = zero padding), output (oy, ox) reads input rows 2*oy-1 .. 2*oy+1, same for columns:
     *   (0,0): [p p p | p 1 2 | p 0 1]     (0,1): [p p p | 2 0 3 | 1 2 1]
     *   (1,0): [p 0 1 | p 3 0 | p 2 1]     (1,1): [1 2 1 | 0 1 0 | 1 0 2]
     * Filter 0 = [1 0 -1 | 2 1 0 | 0 -1 1], bias 1, requant (multiplier 1, shift 1):
     *   (row ky=0 of a top-row window is all padding, so it adds nothing)
     *   acc (0,0) = [p,1,2].[2,1,0] + [p,0,1].[0,-1,1] = 1 + 1 = 2  -> (2+1)/2 = 1.5 rounds up -> 2
     *   acc (0,1) = [2,0,3].[2,1,0] + [1,2,1].[0,-1,1] = 4 - 1 = 3  -> (3+1)/2 = 2
     *   acc (1,0) = [p,0,1].[1,0,-1] + [p,3,0].[2,1,0] + [p,2,1].[0,-1,1] = -1 + 3 - 1 = 1 -> 2/2 = 1
     *   acc (1,1) = [1,2,1].[1,0,-1] + [0,1,0].[2,1,0] + [1,0,2].[0,-1,1] = 0 + 1 + 2 = 3 -> 4/2 = 2
     * Filter 1 = -3 everywhere except +7 in the centre, bias 0, requant (multiplier 3, shift 2):
     *   acc = -3 * (window sum - centre) + 7 * centre
     *   (0,0): sum 4, centre 1 -> -9 + 7 = -2;  3 * -2 = -6,  -6/4 = -1.5 rounds toward +inf -> -1
     *   (0,1): sum 9, centre 0 -> -27;          -81/4 = -20.25 -> -20, clamped to -4
     *   (1,0): sum 7, centre 3 -> -12 + 21 = 9;  27/4 = 6.75 -> 7, clamped to 3
     *   (1,1): sum 8, centre 1 -> -21 + 7 = -14; -42/4 = -10.5 -> -10, clamped to -4
     * Activation none, 3 output bits: clamp to [-4, 3].
     * conv1 output (CHW) = [2, 2, 1, 2,  -1, -4, 3, -4].
     */
    static final int[] CONV1 = {2, 2, 1, 2, -1, -4, 3, -4};

    static Conv2d conv1() {
        return new Conv2d("conv1", 1, 2, 3, 3, 2, 2, 1, 1, 4,
                IntVector.of(1, 0, -1, 2, 1, 0, 0, -1, 1, /* filter 1 */ -3, -3, -3, -3, 7, -3, -3, -3, -3),
                IntVector.of(1, 0), List.of(new Requant(1, 1), new Requant(3, 2)), Activation.NONE, 3, null);
    }

    /*
     * fc1: 2 -> 3, weights [out][in] = [1 1 | -2 1 | 3 -1], bias [0, -1, 0], shift 0, ReLU, 2 bits: [0, 3].
     * fc2: 3 -> 2, weights [1 -1 2 | -1 0 1], bias [0, 0], shift 0, none, 8 bits.
     */
    static Dense fc1() {
        return new Dense("fc1", 2, 3, 4, IntVector.of(1, 1, -2, 1, 3, -1), IntVector.of(0, -1, 0),
                List.of(Requant.shiftOnly(0)), Activation.RELU, 2, null);
    }

    static Dense fc2() {
        return new Dense("fc2", 3, 2, 4, IntVector.of(1, -1, 2, -1, 0, 1), IntVector.of(0, 0),
                List.of(Requant.shiftOnly(0)), Activation.NONE, 8, null);
    }

    static IntModel tiny(Layer pool) {
        return new IntModel("tiny", new InputSpec(new Shape(1, 4, 4), 2, 4, -2),
                List.of(conv1(), pool, new Flatten("flatten"), fc1(), fc2()), null, Metadata.of("tiny", "none", "test", 0));
    }

    @Test
    void inputQuantizationShiftsAndClamps() {
        InputSpec in = tiny(new MaxPool2d("pool", 2, 2)).input();
        assertArrayEquals(X, in.quantize(RAW));
    }

    @Test
    void maxPoolNetwork() {
        /*
         * maxpool 2x2 stride 2 on each 2x2 channel: max(2,2,1,2) = 2, max(-1,-4,3,-4) = 3 -> [2, 3]
         * fc1: o0 = 2 + 3 = 5 -> clamped to 3;  o1 = -4 + 3 - 1 = -2 -> clamped to 0;  o2 = 6 - 3 = 3
         * fc2: o0 = 3 - 0 + 2*3 = 9;  o1 = -3 + 0 + 3 = 0  -> logits [9, 0], class 0
         */
        GoldenEngine e = new GoldenEngine(tiny(new MaxPool2d("pool", 2, 2)));
        GoldenEngine.Inference r = e.runRaw(RAW);
        assertEquals(IntVector.of(CONV1), r.layerOutputs().get(0));
        assertEquals(IntVector.of(2, 3), r.layerOutputs().get(1));
        assertEquals(IntVector.of(2, 3), r.layerOutputs().get(2));
        assertEquals(IntVector.of(3, 0, 3), r.layerOutputs().get(3));
        assertEquals(IntVector.of(9, 0), r.logits());
        assertEquals(0, r.predicted());
        assertEquals(r, e.run(X));
    }

    @Test
    void avgPoolNetwork() {
        /*
         * avgpool 2x2: channel 0 sum 7 -> floorDiv(7 + 2, 4) = 2 (1.75);
         *              channel 1 sum -6 -> floorDiv(-6 + 2, 4) = -1 (-1.5 rounds toward +inf)  -> [2, -1]
         * fc1: o0 = 2 - 1 = 1;  o1 = -4 - 1 - 1 = -6 -> 0;  o2 = 6 + 1 = 7 -> clamped to 3   -> [1, 0, 3]
         * fc2: o0 = 1 - 0 + 6 = 7;  o1 = -1 + 0 + 3 = 2  -> logits [7, 2], class 0
         */
        GoldenEngine e = new GoldenEngine(tiny(new AvgPool2d("pool", 2, 2)));
        GoldenEngine.Inference r = e.run(X);
        assertEquals(IntVector.of(2, -1), r.layerOutputs().get(1));
        assertEquals(IntVector.of(1, 0, 3), r.layerOutputs().get(3));
        assertEquals(IntVector.of(7, 2), r.logits());
    }

    @Test
    void poolingWithStrideSmallerThanKernelAndFlattenOrder() {
        // 1 channel 3x3: [1 5 2 | 0 -3 4 | 7 1 1], maxpool k2 s1 -> [5 5 | 7 4]; avgpool k2 s1:
        // sums 3, 8, 5, 3 -> floorDiv(s + 2, 4) = 1, 2, 1, 1
        IntModel m = new IntModel("p", new InputSpec(new Shape(1, 3, 3), 8, 0, 0),
                List.of(new MaxPool2d("max", 2, 1)), null, Metadata.of("p", "none", "test", 0));
        int[] in = {1, 5, 2, 0, -3, 4, 7, 1, 1};
        assertArrayEquals(new int[] {5, 5, 7, 4}, new GoldenEngine(m).runLayer(0, in));
        IntModel a = new IntModel("p", m.input(), List.of(new AvgPool2d("avg", 2, 1)), null, m.metadata());
        assertArrayEquals(new int[] {1, 2, 1, 1}, new GoldenEngine(a).runLayer(0, in));
    }

    @Test
    void argmaxTieGoesToLowestIndex() {
        assertEquals(1, GoldenEngine.argmax(new int[] {5, 7, 7, -1}));
        assertEquals(0, GoldenEngine.argmax(new int[] {-2, -2}));
    }

    @Test
    void roundingAndClampingPrimitives() {
        assertEquals(2, IntOps.roundShift(3, 1));    // 1.5 -> 2
        assertEquals(-1, IntOps.roundShift(-3, 1));  // -1.5 -> -1
        assertEquals(-1, IntOps.roundShift(-5, 2));  // -1.25 -> -1
        assertEquals(-2, IntOps.roundShift(-7, 2));  // -1.75 -> -2
        assertEquals(-7, IntOps.roundShift(-7, 0));
        assertEquals(-1, IntOps.roundDiv(-6, 4));    // -1.5 -> -1
        assertEquals(-2, IntOps.roundDiv(-7, 4));    // -1.75 -> -2
        assertEquals(1, IntOps.roundDiv(5, 9));      // 0.56 -> 1
        assertEquals(0, IntOps.roundDiv(4, 9));      // 0.44 -> 0
        assertEquals(0, Activation.RELU.min(8));
        assertEquals(255, Activation.RELU.max(8));
        assertEquals(-128, Activation.NONE.min(8));
        assertEquals(127, Activation.NONE.max(8));
    }

    @Test
    void accumulatesIn64Bits() {
        // 3 inputs of 65535 x weights 32767: 3 * 2147385345 overflows an int but not a long;
        // bias -2^31, shift 20: (6442156035 - 2147483648) / 2^20 = 4095.6 -> 4096
        Dense d = new Dense("big", 3, 1, 16, IntVector.of(32767, 32767, 32767), IntVector.of(Integer.MIN_VALUE),
                List.of(Requant.shiftOnly(20)), Activation.NONE, 32, null);
        IntModel m = new IntModel("big", new InputSpec(new Shape(3, 1, 1), 16, 0, 0), List.of(d), null,
                Metadata.of("big", "none", "test", 0));
        assertEquals(IntVector.of(4096), new GoldenEngine(m).run(new int[] {65535, 65535, 65535}).logits());
    }

    @Test
    void wrongInputLengthIsRejected() {
        GoldenEngine e = new GoldenEngine(tiny(new MaxPool2d("pool", 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> e.run(new int[15]));
    }
}
