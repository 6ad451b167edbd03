package org.xbarsim.hw.buffer;

import org.xbarsim.hw.common.LayerPlan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.Shape;

/**
 * The part of a tile's input buffer that holds one layer's input for the images in flight, and
 * the data-dependency rule of that layer: a conv output pixel is ready when every input position
 * of its receptive field has all its channels; a dense layer is ready when its whole input has
 * arrived. It also gathers a crossbar's static input row list (im2col with zero padding).
 */
public final class LayerInputModel {
    private final LayerPlan plan;
    private final int channels;
    private final int positions;
    private final int[] prefillIndices;
    private final int[] prefillValues;
    private final boolean[] owned; // output pixels this tile computes (its copies' share), null: all
    private final int ownedCount;
    private final int[] users; // per input position: owned output pixels whose receptive field covers it
    private final Map<Integer, ImageState> images = new HashMap<>(); // looked up, never iterated
    private long heldElements; // arrived input elements (not the prefill) some unissued owned pixel still needs

    private static final class ImageState {
        final int[] x;
        final int[] arrived;
        final int[] remaining;
        final int[] usersLeft; // per position: owned pixels not yet issued that read it
        final int[] held; // per position: arrived elements still held
        int issued;

        ImageState(int size, int positions, int outPixels, int[] users) {
            x = new int[size];
            arrived = new int[positions];
            remaining = new int[outPixels];
            usersLeft = users.clone();
            held = new int[positions];
        }
    }

    /**
     * @param prefillIndices input elements known before any data arrives (outputs of column tiles
     *                       with no crossbar: a constant, the requantized bias), with their values
     */
    public LayerInputModel(LayerPlan plan, int[] prefillIndices, int[] prefillValues) {
        this(plan, prefillIndices, prefillValues, null);
    }

    /**
     * @param owned output pixels this tile computes (the layer's weights have several copies and
     *              this tile holds some of them), null for all: the others never become ready here
     */
    public LayerInputModel(LayerPlan plan, int[] prefillIndices, int[] prefillValues, boolean[] owned) {
        this.plan = plan;
        this.owned = owned == null ? null : owned.clone();
        int n = 0;
        for (int p = 0; owned != null && p < owned.length; p++) {
            n += owned[p] ? 1 : 0;
        }
        this.ownedCount = owned == null ? plan.outputPixels() : n;
        Shape in = plan.inShape();
        this.channels = in.channels();
        this.positions = in.height() * in.width();
        this.prefillIndices = prefillIndices.clone();
        this.prefillValues = prefillValues.clone();
        this.users = new int[positions];
        for (int p = 0; p < plan.outputPixels(); p++) {
            if (this.owned == null || this.owned[p]) {
                forEachPosition(p, pos -> users[pos]++);
            }
        }
    }

    public LayerPlan plan() {
        return plan;
    }

    private ImageState state(int image) {
        ImageState s = images.get(image);
        if (s == null) {
            s = new ImageState(plan.inShape().size(), positions, plan.outputPixels(), users);
            initRemaining(s.remaining);
            images.put(image, s);
        }
        return s;
    }

    private void initRemaining(int[] remaining) {
        if (!(plan.layer() instanceof Conv2d c)) {
            remaining[0] = positions;
            return;
        }
        if (owned != null) {
            java.util.Arrays.fill(remaining, Integer.MAX_VALUE); // another tile's pixel: never ready here
        }
        Shape in = plan.inShape();
        Shape out = plan.outShape();
        for (int oy = 0; oy < out.height(); oy++) {
            int ys = countInside(oy * c.strideH() - c.padH(), c.kernelH(), in.height());
            for (int ox = 0; ox < out.width(); ox++) {
                int xs = countInside(ox * c.strideW() - c.padW(), c.kernelW(), in.width());
                if (owned == null || owned[oy * out.width() + ox]) {
                    remaining[oy * out.width() + ox] = ys * xs;
                }
            }
        }
    }

    /** How many of {@code len} positions from {@code from} lie inside {@code [0, size)}. */
    static int countInside(int from, int len, int size) {
        return Math.max(0, Math.min(from + len, size) - Math.max(from, 0));
    }

    /**
     * Stores arriving input elements; returns the output pixels that became ready, in order.
     *
     * @throws IllegalArgumentException if an element arrives twice
     */
    public List<Integer> accept(int image, int[] indices, int[] values, List<Integer> ready) {
        if (!images.containsKey(image) && prefillIndices.length > 0) {
            store(state(image), image, prefillIndices, prefillValues, ready, false);
        }
        store(state(image), image, indices, values, ready, true);
        return ready;
    }

    /** Stores elements; {@code buffered}: they take room in the buffer (the prefill is a constant the controller supplies). */
    private void store(ImageState s, int image, int[] indices, int[] values, List<Integer> ready, boolean buffered) {
        for (int i = 0; i < indices.length; i++) {
            int idx = indices[i];
            s.x[idx] = values[i];
            int pos = idx % positions;
            if (buffered && s.usersLeft[pos] > 0) {
                s.held[pos]++; // an element no owned pixel reads is dropped as it arrives
                heldElements++;
            }
            if (++s.arrived[pos] > channels) {
                throw new IllegalArgumentException("layer " + plan.name() + ", image " + image + ": input element " + idx
                        + " arrived twice");
            }
            if (s.arrived[pos] == channels) {
                positionComplete(s, pos, ready);
            }
        }
    }

    private void positionComplete(ImageState s, int pos, List<Integer> ready) {
        if (!(plan.layer() instanceof Conv2d c)) {
            if (--s.remaining[0] == 0) {
                ready.add(0);
            }
            return;
        }
        Shape in = plan.inShape();
        Shape out = plan.outShape();
        int iy = pos / in.width();
        int ix = pos % in.width();
        int oy0 = Math.max(0, ceilDiv(iy + c.padH() - c.kernelH() + 1, c.strideH()));
        int oy1 = Math.min(out.height() - 1, Math.floorDiv(iy + c.padH(), c.strideH()));
        int ox0 = Math.max(0, ceilDiv(ix + c.padW() - c.kernelW() + 1, c.strideW()));
        int ox1 = Math.min(out.width() - 1, Math.floorDiv(ix + c.padW(), c.strideW()));
        for (int oy = oy0; oy <= oy1; oy++) {
            for (int ox = ox0; ox <= ox1; ox++) {
                int p = oy * out.width() + ox;
                if (--s.remaining[p] == 0) {
                    ready.add(p);
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** The inputs of matrix rows {@code rows} for output pixel {@code pixel} (zero outside the image). */
    public int[] gather(int image, int pixel, int[] rows) {
        ImageState s = images.get(image);
        int[] out = new int[rows.length];
        if (!(plan.layer() instanceof Conv2d c)) {
            for (int a = 0; a < rows.length; a++) {
                out[a] = s.x[rows[a]];
            }
            return out;
        }
        Shape in = plan.inShape();
        int ow = plan.outShape().width();
        int oy = pixel / ow;
        int ox = pixel % ow;
        int k = c.kernelH() * c.kernelW();
        for (int a = 0; a < rows.length; a++) {
            int r = rows[a];
            int ci = r / k;
            int ky = (r % k) / c.kernelW();
            int kx = r % c.kernelW();
            int iy = oy * c.strideH() - c.padH() + ky;
            int ix = ox * c.strideW() - c.padW() + kx;
            if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                out[a] = s.x[(ci * in.height() + iy) * in.width() + ix];
            }
        }
        return out;
    }

    /**
     * Marks output pixel {@code pixel} issued (its inputs read): the input positions no other unissued
     * owned pixel reads are freed. Returns true when the image is finished here.
     */
    public boolean issued(int image, int pixel) {
        ImageState s = images.get(image);
        forEachPosition(pixel, pos -> {
            if (--s.usersLeft[pos] == 0) {
                heldElements -= s.held[pos];
                s.held[pos] = 0;
            }
        });
        if (++s.issued == ownedCount) {
            images.remove(image);
            return true;
        }
        return false;
    }

    /** Input elements held in the buffer for this layer: arrived, and still read by an owned pixel not yet issued. */
    public long heldElements() {
        return heldElements;
    }

    /** Calls {@code action} with each input position (inside the image) output pixel {@code pixel} reads. */
    private void forEachPosition(int pixel, java.util.function.IntConsumer action) {
        if (!(plan.layer() instanceof Conv2d c)) {
            for (int pos = 0; pos < positions; pos++) {
                action.accept(pos);
            }
            return;
        }
        Shape in = plan.inShape();
        int ow = plan.outShape().width();
        int y0 = (pixel / ow) * c.strideH() - c.padH();
        int x0 = (pixel % ow) * c.strideW() - c.padW();
        for (int iy = Math.max(0, y0); iy < Math.min(in.height(), y0 + c.kernelH()); iy++) {
            for (int ix = Math.max(0, x0); ix < Math.min(in.width(), x0 + c.kernelW()); ix++) {
                action.accept(iy * in.width() + ix);
            }
        }
    }
}
