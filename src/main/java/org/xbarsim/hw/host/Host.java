package org.xbarsim.hw.host;

import org.xbarsim.hw.buffer.InputBuffer;
import org.xbarsim.hw.common.Activations;
import org.xbarsim.hw.network.Routes;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Shape;
import org.xbarsim.sim.Context;
import org.xbarsim.sim.Process;

/**
 * The host side of the chip's I/O: takes inference requests as they arrive, queues those the chip
 * cannot take yet, streams each admitted image, row by row, to the tiles of the first layer (the
 * next image as soon as the first layer has started every pixel of the previous one: back-to-back
 * images overlap in the pipeline) and collects the logits. {@code simulate} is the case where every
 * image arrives at cycle 0; a replayed request stream brings its requests at their arrival cycles,
 * pulled one at a time so that memory does not grow with the stream.
 */
public final class Host implements Process<Host.Command> {
    public sealed interface Command permits Start, Credit, Outputs, Arrival {}

    /** Begin taking requests. */
    public record Start() implements Command {}

    /** Tile {@code tile} has started every first-layer pixel of {@code image}. */
    public record Credit(int image, int tile) implements Command {}

    /** The next request of the stream reaches the host now. */
    public record Arrival() implements Command {}

    /** Logits of an image (some or all of them), from the last layer's output buffers. */
    public record Outputs(Activations values) implements Command {}

    /** One inference request: when it reaches the host and its quantized input (CHW). */
    public interface Request {
        long arrivalCycle();

        /** The quantized input; asked for once, when the request is admitted. */
        int[] input();
    }

    /** The requests, in arrival order (cycles never decrease); called on the host's thread. */
    public interface Requests {
        /** The next request, or null when there are no more. */
        Request next();
    }

    /** What became of each request; called on the host's thread, in simulated-time order. */
    public interface Listener {
        /** {@code r} arrived and waits; {@code waiting} requests wait now, {@code r} included. */
        default void queued(Request r, long cycle, int waiting) {
        }

        /** {@code r} arrived to a full queue and is refused. */
        default void rejected(Request r, long cycle) {
        }

        /** {@code r} leaves the queue: the host starts sending it to the chip as image {@code image}. */
        default void admitted(Request r, int image, long cycle, int waiting) {
        }

        /** The last logit of {@code r} reached the host. */
        void finished(Request r, int image, long startCycle, long doneCycle, int[] logits);
    }

    private final Requests requests;
    private final int queueLimit;
    private final int maxInFlight;
    private final Listener listener;
    private final Shape inShape;
    private final int inputBits;
    private final List<Integer> firstTiles;
    private int[][] inputRoutes; // null: every first-layer tile reads the whole image
    private final int outputs;
    private final int[] constIndices;
    private final int[] constValues;
    private final Routes routes;
    private final java.util.concurrent.atomic.AtomicInteger imagesDone;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final Map<Integer, InFlight> inFlight = new HashMap<>(); // looked up, never iterated
    private final Collected collected;
    private Request pending; // pulled, arrives at a later cycle
    private int nextImage;
    private int credits;
    private boolean chipFree = true;

    private static final class InFlight {
        final Request request;
        final long startCycle;
        final int[] logits;
        int received;

        InFlight(Request request, long startCycle, int outputs) {
            this.request = request;
            this.startCycle = startCycle;
            this.logits = new int[outputs];
        }
    }

    /**
     * Images all at cycle 0, results kept for {@link #logits}, {@link #startCycle} and {@link #doneCycle}.
     *
     * @param images       quantized inputs (CHW), one per image
     * @param constIndices logits known without computing (column tiles with no crossbar) and their values
     */
    public Host(List<int[]> images, Shape inShape, int inputBits, List<Integer> firstTiles, int outputs, int[] constIndices,
            int[] constValues, Routes routes, java.util.concurrent.atomic.AtomicInteger imagesDone) {
        this(atCycleZero(images), Integer.MAX_VALUE, Integer.MAX_VALUE, new Collected(images.size()), inShape, inputBits, firstTiles, outputs,
                constIndices, constValues, routes, imagesDone);
    }

    /**
     * A stream of requests.
     *
     * @param queueLimit  requests that may wait at once; one more is rejected ({@link Integer#MAX_VALUE}: no limit)
     * @param maxInFlight images the chip may hold at once (admitted, last logit not back yet); {@link Integer#MAX_VALUE}:
     *                    only the first layer paces admission
     */
    public Host(Requests requests, int queueLimit, int maxInFlight, Listener listener, Shape inShape, int inputBits, List<Integer> firstTiles,
            int outputs, int[] constIndices, int[] constValues, Routes routes,
            java.util.concurrent.atomic.AtomicInteger imagesDone) {
        if (queueLimit < 0) {
            throw new IllegalArgumentException("queue limit " + queueLimit + ": must be >= 0");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("images in flight " + maxInFlight + ": must be >= 1");
        }
        this.requests = requests;
        this.queueLimit = queueLimit;
        this.maxInFlight = maxInFlight;
        this.listener = listener;
        this.collected = listener instanceof Collected c ? c : null;
        this.imagesDone = imagesDone;
        this.inShape = inShape;
        this.inputBits = inputBits;
        this.firstTiles = List.copyOf(firstTiles);
        this.outputs = outputs;
        this.constIndices = constIndices.clone();
        this.constValues = constValues.clone();
        this.routes = routes;
    }

    @Override
    public void handle(Command message, Context<Command> ctx) {
        if (message instanceof Start) {
            pull(ctx);
            admit(ctx);
        } else if (message instanceof Arrival) {
            Request r = pending;
            pending = null;
            arrive(r, ctx);
            pull(ctx);
            admit(ctx);
        } else if (message instanceof Credit c) {
            if (c.image() != nextImage - 1) {
                throw new IllegalStateException("credit for image " + c.image() + " while image " + (nextImage - 1)
                        + " is being sent");
            }
            if (++credits == firstTiles.size()) {
                chipFree = true;
                admit(ctx);
            }
        } else if (message instanceof Outputs o) {
            Activations a = o.values();
            InFlight f = inFlight.get(a.image());
            for (int i = 0; i < a.indices().size(); i++) {
                f.logits[a.indices().get(i)] = a.values().get(i);
            }
            f.received += a.indices().size();
            if (f.received == outputs) {
                inFlight.remove(a.image());
                imagesDone.incrementAndGet(); // progress display only
                listener.finished(f.request, a.image(), f.startCycle, ctx.now(), f.logits);
                admit(ctx);
            }
        }
    }

    /** Takes every request that arrives now; schedules the arrival of the first later one. */
    private void pull(Context<Command> ctx) {
        Request r;
        while ((r = requests.next()) != null) {
            if (r.arrivalCycle() < ctx.now()) {
                throw new IllegalStateException("request arriving at cycle " + r.arrivalCycle() + " came after cycle "
                        + ctx.now() + ": requests must come in arrival order");
            }
            if (r.arrivalCycle() > ctx.now()) {
                pending = r;
                ctx.schedule(r.arrivalCycle(), new Arrival());
                return;
            }
            arrive(r, ctx);
        }
    }

    /**
     * A request arriving to an idle chip with nobody waiting goes straight in: it never waits, so it
     * counts against no queue limit (even 0) and in no queue length. Otherwise it waits, or is
     * rejected when {@code queueLimit} requests wait already.
     */
    private void arrive(Request r, Context<Command> ctx) {
        if (waiting.isEmpty() && chipTakesOne()) {
            start(r, ctx);
            return;
        }
        if (waiting.size() >= queueLimit) {
            listener.rejected(r, ctx.now());
            return;
        }
        waiting.add(r);
        listener.queued(r, ctx.now(), waiting.size());
    }

    private boolean chipTakesOne() {
        return chipFree && inFlight.size() < maxInFlight;
    }

    private void admit(Context<Command> ctx) {
        if (waiting.isEmpty() || !chipTakesOne()) {
            return;
        }
        start(waiting.poll(), ctx);
    }

    private void start(Request r, Context<Command> ctx) {
        int image = nextImage++;
        chipFree = false;
        credits = 0;
        InFlight f = new InFlight(r, ctx.now(), outputs);
        for (int k = 0; k < constIndices.length; k++) {
            f.logits[constIndices[k]] = constValues[k];
        }
        f.received = constIndices.length;
        inFlight.put(image, f);
        listener.admitted(r, image, ctx.now(), waiting.size());
        send(image, r.input(), ctx);
    }

    /**
     * Sends each first-layer tile only the input positions its copies read: {@code routes[y * width + x]}
     * lists the tiles that need position (y, x), ascending ({@link org.xbarsim.mapping.CopyShares#inputRoutes};
     * without it, every tile gets the whole image).
     */
    public void routeInputs(int[][] routes) {
        this.inputRoutes = routes;
    }

    private void send(int image, int[] x, Context<Command> ctx) {
        int h = inShape.height();
        int w = inShape.width();
        for (int y = 0; y < h; y++) {
            for (int tile : firstTiles) {
                boolean[] take = new boolean[w];
                int taken = 0;
                for (int xx = 0; xx < w; xx++) {
                    take[xx] = inputRoutes == null || java.util.Arrays.binarySearch(inputRoutes[y * w + xx], tile) >= 0;
                    taken += take[xx] ? 1 : 0;
                }
                if (taken > 0) {
                    sendRow(image, x, y, take, taken, tile, ctx);
                }
            }
        }
    }

    /** The positions {@code take} of row {@code y}, every channel, to {@code tile}. */
    private void sendRow(int image, int[] x, int y, boolean[] take, int taken, int tile, Context<Command> ctx) {
        int c = inShape.channels();
        int h = inShape.height();
        int w = inShape.width();
        int[] idx = new int[c * taken];
        int[] val = new int[c * taken];
        int k = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int xx = 0; xx < w; xx++) {
                if (take[xx]) {
                    idx[k] = (ch * h + y) * w + xx;
                    val[k++] = x[idx[k - 1]];
                }
            }
        }
        long bytes = ((long) k * inputBits + 7) / 8;
        routes.send(ctx, Routes.HOST, tile, ctx.now(), routes.inputBuffer(tile),
                new InputBuffer.Write(new Activations(image, 0, IntVector.wrap(idx), IntVector.wrap(val))), bytes);
    }

    private static Requests atCycleZero(List<int[]> images) {
        java.util.Iterator<int[]> it = images.iterator();
        return () -> {
            if (!it.hasNext()) {
                return null;
            }
            int[] x = it.next();
            return new Request() {
                @Override
                public long arrivalCycle() {
                    return 0;
                }

                @Override
                public int[] input() {
                    return x;
                }
            };
        };
    }

    /** Keeps every result, by image (for runs of a known, held set of images). */
    static final class Collected implements Listener {
        final int[][] logits;
        final long[] startCycle;
        final long[] doneCycle;

        Collected(int images) {
            logits = new int[images][];
            startCycle = new long[images];
            doneCycle = new long[images];
        }

        @Override
        public void admitted(Request r, int image, long cycle, int waiting) {
            startCycle[image] = cycle;
        }

        @Override
        public void finished(Request r, int image, long start, long done, int[] l) {
            logits[image] = l.clone();
            doneCycle[image] = done;
        }
    }

    private Collected collected() {
        if (collected == null) {
            throw new IllegalStateException("this host streams its results to a listener and keeps none");
        }
        return collected;
    }

    /** Logits of image {@code i} as the chip computed them. */
    public int[] logits(int i) {
        return collected().logits[i].clone();
    }

    public boolean complete(int i) {
        return collected().logits[i] != null;
    }

    public long startCycle(int i) {
        return collected().startCycle[i];
    }

    public long doneCycle(int i) {
        return collected().doneCycle[i];
    }
}
