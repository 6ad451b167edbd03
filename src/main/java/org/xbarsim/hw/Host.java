package org.xbarsim.hw;

import java.util.List;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Shape;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;

/**
 * The host side of the chip's I/O: streams quantized images, row by row, to the tiles of the first
 * layer (the next image as soon as the first layer has started every pixel of the previous one:
 * back-to-back images overlap in the pipeline) and collects the logits.
 */
public final class Host implements Process<Host.Command> {
    public sealed interface Command permits Start, Credit, Activations {}

    /** Begin streaming images. */
    public record Start() implements Command {}

    /** Tile {@code tile} has started every first-layer pixel of {@code image}. */
    public record Credit(int image, int tile) implements Command {}

    private final List<int[]> images;
    private final Shape inShape;
    private final int inputBits;
    private final List<Integer> firstTiles;
    private final int outputs;
    private final int[] constIndices;
    private final int[] constValues;
    private final Routes routes;
    private final int[][] logits;
    private final int[] received;
    private final int[] credits;
    private final long[] startCycle;
    private final long[] doneCycle;
    private final java.util.concurrent.atomic.AtomicInteger imagesDone;

    /**
     * @param images       quantized inputs (CHW), one per image
     * @param constIndices logits known without computing (column tiles with no crossbar) and their values
     */
    public Host(List<int[]> images, Shape inShape, int inputBits, List<Integer> firstTiles, int outputs, int[] constIndices,
            int[] constValues, Routes routes, java.util.concurrent.atomic.AtomicInteger imagesDone) {
        this.imagesDone = imagesDone;
        this.images = images;
        this.inShape = inShape;
        this.inputBits = inputBits;
        this.firstTiles = List.copyOf(firstTiles);
        this.outputs = outputs;
        this.constIndices = constIndices.clone();
        this.constValues = constValues.clone();
        this.routes = routes;
        int n = images.size();
        logits = new int[n][outputs];
        received = new int[n];
        credits = new int[n];
        startCycle = new long[n];
        doneCycle = new long[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < constIndices.length; k++) {
                logits[i][constIndices[k]] = constValues[k];
            }
            received[i] = constIndices.length;
        }
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Start) {
            if (!images.isEmpty()) {
                send(0, ctx);
            }
        } else if (message instanceof Credit c) {
            if (++credits[c.image()] == firstTiles.size() && c.image() + 1 < images.size()) {
                send(c.image() + 1, ctx);
            }
        } else if (message instanceof Activations a) {
            for (int i = 0; i < a.indices().size(); i++) {
                logits[a.image()][a.indices().get(i)] = a.values().get(i);
            }
            received[a.image()] += a.indices().size();
            if (received[a.image()] == outputs) {
                doneCycle[a.image()] = ctx.now();
                imagesDone.incrementAndGet(); // progress display only
            }
        }
    }

    private void send(int image, Context<Command> ctx) {
        startCycle[image] = ctx.now();
        int[] x = images.get(image);
        int c = inShape.channels();
        int h = inShape.height();
        int w = inShape.width();
        for (int y = 0; y < h; y++) {
            int[] idx = new int[c * w];
            int[] val = new int[c * w];
            int k = 0;
            for (int ch = 0; ch < c; ch++) {
                for (int xx = 0; xx < w; xx++) {
                    idx[k] = (ch * h + y) * w + xx;
                    val[k++] = x[idx[k - 1]];
                }
            }
            long bytes = ((long) k * inputBits + 7) / 8;
            for (int tile : firstTiles) {
                routes.send(ctx, Routes.HOST, tile, ctx.now(), routes.controller(tile),
                        new Activations(image, 0, IntVector.wrap(idx), IntVector.wrap(val)), bytes);
            }
        }
    }

    /** Logits of image {@code i} as the chip computed them. */
    public int[] logits(int i) {
        return logits[i].clone();
    }

    public boolean complete(int i) {
        return received[i] == outputs;
    }

    public long startCycle(int i) {
        return startCycle[i];
    }

    public long doneCycle(int i) {
        return doneCycle[i];
    }
}
