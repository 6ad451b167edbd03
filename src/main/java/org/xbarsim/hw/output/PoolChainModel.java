package org.xbarsim.hw.output;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.model.AvgPool2d;
import org.xbarsim.model.IntOps;
import org.xbarsim.model.Layer;
import org.xbarsim.model.MaxPool2d;
import org.xbarsim.model.Shape;

/**
 * The pooling unit of one column tile: applies the pooling layers that follow a weighted layer,
 * window by window as soon as a window's pixels are all there (flatten changes nothing: the CHW
 * index is kept). Works on the column tile's channels only; all of them arrive together, one
 * output pixel at a time.
 */
public final class PoolChainModel {
    private final int channels;
    private final List<Stage> stages = new ArrayList<>();
    private final Map<Integer, int[][][]> images = new HashMap<>(); // image -> stage -> (values, remaining); looked up only
    private final Map<Integer, Integer> emitted = new HashMap<>(); // image -> final pixels sent so far; looked up only
    private final int expected;

    private record Stage(Shape in, int kernel, int stride, boolean max, Shape out) {
    }

    /** A pixel leaving the chain: position in the final shape and one value per channel. */
    public record Pixel(int y, int x, int[] values) {
    }

    public PoolChainModel(int channels, Shape layerOut, List<Layer> postOps) {
        this(channels, layerOut, postOps, -1);
    }

    /**
     * @param expected final pixels of an image this chain produces (its copy's windows when the
     *                 layer's weights have several copies), or -1 for all of them
     */
    public PoolChainModel(int channels, Shape layerOut, List<Layer> postOps, int expected) {
        this.channels = channels;
        Shape s = layerOut;
        for (Layer l : postOps) {
            if (l instanceof MaxPool2d p) {
                Shape o = p.outputShape(s);
                stages.add(new Stage(s, p.kernel(), p.stride(), true, o));
                s = o;
            } else if (l instanceof AvgPool2d p) {
                Shape o = p.outputShape(s);
                stages.add(new Stage(s, p.kernel(), p.stride(), false, o));
                s = o;
            }
        }
        this.expected = expected < 0 ? s.height() * s.width() : expected;
    }

    public boolean isIdentity() {
        return stages.isEmpty();
    }

    /** Pooling operations (one per input element read) done for the last {@link #accept} call. */
    private long operations;

    public long lastOperations() {
        return operations;
    }

    /** Takes one finished pixel of the layer output; returns the pixels leaving the chain. */
    public List<Pixel> accept(int image, int y, int x, int[] values) {
        operations = 0;
        List<Pixel> current = List.of(new Pixel(y, x, values));
        if (stages.isEmpty()) {
            return current;
        }
        int[][][] st = images.computeIfAbsent(image, k -> newState());
        for (int si = 0; si < stages.size(); si++) {
            Stage s = stages.get(si);
            int[] buf = st[si][0];
            int[] remaining = st[si][1];
            List<Pixel> next = new ArrayList<>();
            for (Pixel p : current) {
                int plane = s.in.height() * s.in.width();
                for (int c = 0; c < channels; c++) {
                    buf[c * plane + p.y * s.in.width() + p.x] = p.values[c];
                }
                int oy0 = Math.max(0, -Math.floorDiv(-(p.y - s.kernel + 1), s.stride));
                int oy1 = Math.min(s.out.height() - 1, Math.floorDiv(p.y, s.stride));
                int ox0 = Math.max(0, -Math.floorDiv(-(p.x - s.kernel + 1), s.stride));
                int ox1 = Math.min(s.out.width() - 1, Math.floorDiv(p.x, s.stride));
                for (int oy = oy0; oy <= oy1; oy++) {
                    for (int ox = ox0; ox <= ox1; ox++) {
                        int o = oy * s.out.width() + ox;
                        if (--remaining[o] == 0) {
                            next.add(new Pixel(oy, ox, pool(s, buf, oy, ox)));
                        }
                    }
                }
            }
            current = next;
        }
        if (!current.isEmpty() && emitted.merge(image, current.size(), Integer::sum) == expected) {
            images.remove(image); // every window of this chain is done: free the image's state
            emitted.remove(image);
        }
        return current;
    }

    private int[] pool(Stage s, int[] buf, int oy, int ox) {
        int[] out = new int[channels];
        int plane = s.in.height() * s.in.width();
        int n = s.kernel * s.kernel;
        for (int c = 0; c < channels; c++) {
            long agg = s.max ? Long.MIN_VALUE : 0;
            for (int ky = 0; ky < s.kernel; ky++) {
                for (int kx = 0; kx < s.kernel; kx++) {
                    int v = buf[c * plane + (oy * s.stride + ky) * s.in.width() + ox * s.stride + kx];
                    agg = s.max ? Math.max(agg, v) : agg + v;
                }
            }
            out[c] = (int) (s.max ? agg : IntOps.roundDiv(agg, n));
        }
        operations += (long) channels * n;
        return out;
    }

    private int[][][] newState() {
        int[][][] st = new int[stages.size()][][];
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            int[] remaining = new int[s.out.height() * s.out.width()];
            for (int oy = 0; oy < s.out.height(); oy++) {
                for (int ox = 0; ox < s.out.width(); ox++) {
                    remaining[oy * s.out.width() + ox] = s.kernel * s.kernel;
                }
            }
            st[i] = new int[][] {new int[channels * s.in.height() * s.in.width()], remaining};
        }
        return st;
    }
}
