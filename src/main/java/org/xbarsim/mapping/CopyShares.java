package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.xbarsim.model.AvgPool2d;
import org.xbarsim.model.Conv2d;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.MaxPool2d;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;

/**
 * How the copies of a layer's weights share its work, and where its outputs must go. The output
 * plane is cut into windows: the footprint of one pixel after the layer's pooling (2x2 for a 2x2/2
 * max pool, 4x4 after two of them, 1x1 without pooling; the whole plane when a pool overlaps).
 * Windows are numbered in raster order and copy {@code c} of {@code r} takes the contiguous run
 * {@code w * r / windows == c}, so each copy pools its own windows and its inputs are a band of
 * the input plane. Pixels outside every window (the edge a pool drops) go with the nearest window.
 */
public final class CopyShares {
    private CopyShares() {
    }

    /** The unweighted layers after weighted layer {@code layerIndex}, up to the next weighted layer. */
    public static List<Layer> postOps(IntModel model, int layerIndex) {
        List<Layer> out = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = layerIndex + 1; i < layers.size() && !(layers.get(i) instanceof WeightedLayer); i++) {
            out.add(layers.get(i));
        }
        return out;
    }

    /** Window of each output pixel of weighted layer {@code layerIndex}, and the number of windows (last entry). */
    public static int[] windows(IntModel model, int layerIndex) {
        Shape out = model.shapes().get(layerIndex);
        int h = out.height();
        int w = out.width();
        int fh = 1;
        int fw = 1;
        boolean whole = false;
        for (Layer op : postOps(model, layerIndex)) {
            int k = op instanceof MaxPool2d p ? p.kernel() : op instanceof AvgPool2d p ? p.kernel() : 0;
            int s = op instanceof MaxPool2d p ? p.stride() : op instanceof AvgPool2d p ? p.stride() : 0;
            if (k == 0) {
                continue;
            }
            if (k != s) {
                whole = true;
            }
            fh *= k;
            fw *= k;
        }
        int hn = whole ? 1 : Math.max(1, h / fh);
        int wn = whole ? 1 : Math.max(1, w / fw);
        int[] win = new int[h * w + 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int wy = whole ? 0 : Math.min(y / fh, hn - 1);
                int wx = whole ? 0 : Math.min(x / fw, wn - 1);
                win[y * w + x] = wy * wn + wx;
            }
        }
        win[h * w] = hn * wn;
        return win;
    }

    /**
     * The copy (of {@code copies}) that finishes each of the {@code finals} pixels left after the
     * layer's pooling: a final pixel is one window, or (one window for the whole plane) copy 0 finishes all.
     */
    public static int[] finalOwners(int[] windows, int finals, int copies) {
        int[] owner = new int[finals];
        int count = windows[windows.length - 1];
        for (int f = 0; f < finals && count == finals; f++) {
            owner[f] = (int) ((long) f * copies / count);
        }
        return owner;
    }

    /** The copy (of {@code copies}) that computes each output pixel, from {@link #windows}. */
    public static int[] owners(int[] windows, int copies) {
        int n = windows[windows.length - 1];
        int[] owner = new int[windows.length - 1];
        for (int p = 0; p < owner.length; p++) {
            owner[p] = (int) ((long) windows[p] * copies / n);
        }
        return owner;
    }

    /**
     * The plan of weighted layer {@code layerIndex} with {@code copies} copies on the tiles
     * {@code tilesOf(copy)}: which copy computes and finishes each pixel, and where its inputs go.
     */
    public static CopyPlan plan(IntModel model, int layerIndex, int copies, java.util.function.IntFunction<int[]> tilesOf) {
        int[] windows = windows(model, layerIndex);
        return new CopyPlan(owners(windows, copies), finalOwners(windows, finalPixels(model, layerIndex), copies),
                inputRoutes(model, layerIndex, copies, tilesOf));
    }

    /** Pixels per channel left after the layer's pooling (a flatten keeps them). */
    public static int finalPixels(IntModel model, int layerIndex) {
        Shape fin = model.shapes().get(layerIndex);
        for (Layer op : postOps(model, layerIndex)) {
            if (!(op instanceof org.xbarsim.model.Flatten)) {
                fin = op.outputShape(fin);
            }
        }
        return fin.height() * fin.width();
    }

    /** The most output pixels any one copy computes per image. */
    public static int largestShare(int[] windows, int copies) {
        int[] count = new int[copies];
        int most = 0;
        for (int c : owners(windows, copies)) {
            most = Math.max(most, ++count[c]);
        }
        return most;
    }

    /**
     * For each input position (y * width + x) of weighted layer {@code layerIndex}, with {@code copies}
     * copies on the tiles {@code tilesOf(copy)}: the tiles that need its values, ascending (the tiles of
     * every copy that computes an output pixel whose receptive field holds it). Null when every tile of
     * the layer needs every input (one copy, or a dense layer).
     */
    public static int[][] inputRoutes(IntModel model, int layerIndex, int copies, java.util.function.IntFunction<int[]> tilesOf) {
        if (copies == 1 || !(model.layers().get(layerIndex) instanceof Conv2d)) {
            return null;
        }
        return inputRoutes(model, layerIndex, owners(windows(model, layerIndex), copies), copies, tilesOf);
    }

    /**
     * The tiles that need each input position of conv layer {@code layerIndex} when output pixel
     * {@code p} is computed by copy {@code owner[p]} of {@code copies}, held on the tiles {@code tilesOf(copy)}.
     */
    public static int[][] inputRoutes(IntModel model, int layerIndex, int[] owner, int copies,
            java.util.function.IntFunction<int[]> tilesOf) {
        Conv2d c = (Conv2d) model.layers().get(layerIndex);
        Shape in = model.inputShapeOf(layerIndex);
        Shape out = model.shapes().get(layerIndex);
        List<int[]> tilesOfCopy = new ArrayList<>();
        for (int r = 0; r < copies; r++) {
            tilesOfCopy.add(tilesOf.apply(r));
        }
        List<TreeSet<Integer>> need = new ArrayList<>();
        for (int i = 0; i < in.height() * in.width(); i++) {
            need.add(new TreeSet<>());
        }
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                int[] tiles = tilesOfCopy.get(owner[oy * out.width() + ox]);
                for (int ky = 0; ky < c.kernelH(); ky++) {
                    int iy = oy * c.strideH() - c.padH() + ky;
                    for (int kx = 0; kx < c.kernelW(); kx++) {
                        int ix = ox * c.strideW() - c.padW() + kx;
                        if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                            for (int t : tiles) {
                                need.get(iy * in.width() + ix).add(t);
                            }
                        }
                    }
                }
            }
        }
        int[][] routes = new int[need.size()][];
        for (int i = 0; i < routes.length; i++) {
            routes[i] = need.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return routes;
    }
}
