package org.xbarsim.hw;

import org.xbarsim.hw.adc.AdcBank;
import org.xbarsim.hw.adc.AdcModel;
import org.xbarsim.hw.buffer.BufferUse;
import org.xbarsim.hw.buffer.InputBuffer;
import org.xbarsim.hw.buffer.InputBufferNeeds;
import org.xbarsim.hw.buffer.LayerInputModel;
import org.xbarsim.hw.buffer.OutputBuffer;
import org.xbarsim.hw.common.LayerPlan;
import org.xbarsim.hw.common.LayerProbe;
import org.xbarsim.hw.crossbar.Crossbar;
import org.xbarsim.hw.crossbar.CrossbarModel;
import org.xbarsim.hw.host.Host;
import org.xbarsim.hw.network.Network;
import org.xbarsim.hw.network.NetworkModel;
import org.xbarsim.hw.network.Routes;
import org.xbarsim.hw.output.OutputUnit;
import org.xbarsim.hw.shiftadd.ShiftAdd;
import org.xbarsim.hw.shiftadd.ShiftAddModel;
import org.xbarsim.hw.tile.TileController;

import org.xbarsim.vocabulary.Action;
import org.xbarsim.vocabulary.ActivityCode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.xbarsim.arch.Chip;
import org.xbarsim.arch.TileSpec;
import org.xbarsim.cost.ActionCounts;
import org.xbarsim.vocabulary.ComponentKind;
import org.xbarsim.mapping.CopyPlan;
import org.xbarsim.mapping.CrossbarPlacement;
import org.xbarsim.mapping.LayerMapping;
import org.xbarsim.mapping.Mapping;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.Layer;
import org.xbarsim.model.Shape;
import org.xbarsim.model.WeightedLayer;
import org.xbarsim.sim.Activity;
import org.xbarsim.sim.ActivitySink;
import org.xbarsim.sim.Address;
import org.xbarsim.sim.Coordinator;
import org.xbarsim.sim.Kernel;
import org.xbarsim.sim.KernelSystem;
import org.xbarsim.sim.Progress;

/**
 * Builds the actor model of a chip running a mapped model, and runs it: one host, one network, per
 * used tile an input buffer (carrying out the tile controller's program), a shift-add unit, an output unit and an output buffer, per allocated
 * crossbar a crossbar actor and its ADC bank. Component ids follow that order, so they are the
 * same on every run.
 */
public final class Accelerator {
    /**
     * How to run.
     *
     * @param system an actor system started ahead with {@code threads} threads, which the run uses and
     *     stops; null: the run starts and stops its own
     */
    public record Options(boolean idealAdc, int threads, KernelSystem system) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
            }
        }

        public Options(boolean idealAdc, int threads) {
            this(idealAdc, threads, null);
        }
    }

    /**
     * What came out.
     *
     * @param logits        per image, as computed by the simulated data path
     * @param startCycles   per image, when the host began sending it
     * @param doneCycles    per image, when its last logit reached the host
     * @param outcome       kernel totals (events, windows, last event cycle)
     * @param counts        action counts of the whole run
     * @param components    number of simulated components (actors)
     * @param windowCycles  the kernel's narrowest window (its minimum message latency)
     * @param exactAdc      true when every ADC conversion was exact
     * @param inputBuffers  per used tile, in tile order: its input buffer's peak occupancy and waits
     * @param outputBuffers per used tile, in tile order: its output buffer's peak occupancy and waits
     */
    public record Result(List<int[]> logits, long[] startCycles, long[] doneCycles, Coordinator.Outcome outcome,
            ActionCounts.Snapshot counts, int components, long windowCycles, boolean exactAdc, List<BufferUse> inputBuffers,
            List<BufferUse> outputBuffers) {
    }

    private final IntModel model;
    private final Mapping mapping;
    private final Chip chip;
    private final List<LayerPlan> plans;
    private final java.util.concurrent.atomic.AtomicInteger imagesDone = new java.util.concurrent.atomic.AtomicInteger();

    public Accelerator(IntModel model, Mapping mapping, Chip chip) {
        this.model = model;
        this.mapping = mapping;
        this.chip = chip;
        this.plans = plan(model, mapping);
        InputBufferNeeds.check(plans, mapping, chip.tile().inputBuffer());
        InputBufferNeeds.checkOutput(plans, chip.tile().outputBuffer());
    }

    /** Images finished so far in the current run; for progress output only (read from any thread). */
    public int imagesDone() {
        return imagesDone.get();
    }

    public List<LayerPlan> plans() {
        return plans;
    }

    /** The layer plans: shapes, post ops, reducers and consumers of each weighted layer. */
    static List<LayerPlan> plan(IntModel model, Mapping mapping) {
        List<Layer> layers = model.layers();
        List<Shape> shapes = model.shapes();
        List<Integer> weighted = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof WeightedLayer) {
                weighted.add(i);
            } else if (weighted.isEmpty() && !(layers.get(i) instanceof org.xbarsim.model.Flatten)) {
                // a leading flatten is free (values keep their CHW order); anything else would need an
                // input-side unit the modelled chip does not have
                throw new IllegalArgumentException("layer '" + layers.get(i).name() + "' (" + layers.get(i).kind()
                        + ") comes before the first weighted layer; the simulated chip starts with a crossbar layer"
                        + " (only a flatten may come first)");
            }
        }
        if (weighted.isEmpty()) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no weighted layer to put on crossbars");
        }
        List<String> signed = org.xbarsim.mapping.Mapper.signedInputs(model);
        if (!signed.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", signed));
        }
        if (mapping.layers().size() != weighted.size()) {
            throw new IllegalArgumentException("the mapping has " + mapping.layers().size() + " layers, the model "
                    + weighted.size() + " weighted layers");
        }
        int l = mapping.geometry().logicalColumnsPerCrossbar();
        List<LayerPlan> out = new ArrayList<>();
        for (int p = 0; p < weighted.size(); p++) {
            int li = weighted.get(p);
            WeightedLayer w = (WeightedLayer) layers.get(li);
            LayerMapping lm = mapping.layers().get(p);
            if (lm.layerIndex() != li) {
                throw new IllegalArgumentException("mapping layer " + p + " is model layer " + lm.layerIndex() + ", expected " + li);
            }
            int end = p + 1 < weighted.size() ? weighted.get(p + 1) : layers.size();
            List<Layer> post = new ArrayList<>(layers.subList(li + 1, end));
            Shape fin = shapes.get(li);
            for (Layer op : post) {
                if (!(op instanceof org.xbarsim.model.Flatten)) {
                    fin = op.outputShape(fin); // flatten keeps CHW indices: the spatial view is kept
                }
            }
            // the mapping says who reduces each column tile and which tiles send it partial sums
            int cts = lm.columnTiles();
            int[] starts = new int[cts + 1];
            for (int t = 0; t < cts; t++) {
                starts[t] = t * l;
            }
            starts[cts] = w.matrixCols();
            int copies = lm.replicas();
            int[][] reducer = new int[copies][cts];
            int[][] contributors = new int[copies][cts];
            for (int r = 0; r < copies; r++) {
                for (int t = 0; t < cts; t++) {
                    reducer[r][t] = lm.reducerTile(r, t);
                    contributors[r][t] = lm.contributorTiles(r, t);
                }
            }
            // the copy plan too: who computes and finishes each pixel, where the outputs go
            CopyPlan cp = copyPlan(lm);
            int[] pixelCopy = cp.pixelCopy();
            int[] finalCopy = cp.finalCopy();
            Shape out0 = shapes.get(li);
            if (pixelCopy.length != out0.height() * out0.width() || finalCopy.length != fin.height() * fin.width()) {
                throw new IllegalArgumentException("mapping layer '" + lm.layerName() + "': its copy plan covers " + pixelCopy.length
                        + " pixels and " + finalCopy.length + " pooled pixels, the model's layer has "
                        + out0.height() * out0.width() + " and " + fin.height() * fin.width());
            }
            List<Integer> consumers = p + 1 < weighted.size() ? mapping.layers().get(p + 1).tiles() : List.of();
            int[][] routes = p + 1 < weighted.size() ? copyPlan(mapping.layers().get(p + 1)).inputRoutes() : null;
            int bits = p == 0 ? model.input().bits() : ((WeightedLayer) layers.get(weighted.get(p - 1))).outputBits();
            out.add(new LayerPlan(p, li, w, model.inputShapeOf(li), shapes.get(li), bits, post, fin, starts, reducer[0],
                    contributors[0], consumers, pixelCopy, finalCopy, reducer, contributors, routes));
        }
        return out;
    }

    private static CopyPlan copyPlan(LayerMapping lm) {
        if (lm.copyPlan() == null) {
            throw new IllegalArgumentException("mapping layer '" + lm.layerName() + "' has no copy plan (pixel shares and input"
                    + " routes): map the model with Mapper.map or read a mapping file");
        }
        return lm.copyPlan();
    }

    /** Outputs of plan {@code p}'s column tiles that have no crossbar: constants (requantized bias), as final-tensor (index, value). */
    static int[][] constants(LayerPlan p) {
        List<int[]> pairs = new ArrayList<>();
        Shape f = p.finalShape();
        int plane = f.height() * f.width();
        for (int t = 0; t < p.columnTiles(); t++) {
            if (p.reducerTile()[t] >= 0) {
                continue;
            }
            for (int c = p.columnStarts()[t]; c < p.columnStarts()[t + 1]; c++) {
                int v = p.layer().finish(c, 0);
                for (int k = 0; k < plane; k++) {
                    pairs.add(new int[] {c * plane + k, v});
                }
            }
        }
        int[][] out = new int[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }

    /** Output pixels the copies held in {@code local} compute, or null when the layer has one copy. */
    private static boolean[] owned(LayerPlan plan, List<TileController.LocalCrossbar> local) {
        if (plan.replicas() == 1) {
            return null;
        }
        boolean[] here = new boolean[plan.replicas()];
        local.forEach(x -> here[x.copy()] = true);
        boolean[] owned = new boolean[plan.outputPixels()];
        for (int px = 0; px < owned.length; px++) {
            owned[px] = here[plan.pixelCopy()[px]];
        }
        return owned;
    }

    /** The kernel's narrowest window: the smallest positive latency of any message (at least 1 cycle). */
    public static long windowCycles(Chip chip) {
        TileSpec t = chip.tile();
        long[] latencies = {t.crossbar().readLatencyCycles(), t.adc().latencyCycles(), t.shiftAdd().latencyCycles(),
            t.activation().latencyCycles(), chip.network().hopLatencyCycles(), t.inputBuffer().latencyCycles(),
            t.outputBuffer().latencyCycles()};
        long w = Long.MAX_VALUE;
        for (long v : latencies) {
            if (v > 0) {
                w = Math.min(w, v);
            }
        }
        return w == Long.MAX_VALUE ? 1 : w;
    }

    /**
     * Simulates {@code images} (quantized, CHW) back to back.
     *
     * @param sink     receives the recorded activities window by window (the trace), or {@link ActivitySink#NONE}
     * @param probe    keeps every layer's simulated output for diagnosis, or null
     */
    public Result run(List<int[]> images, Options options, ActivitySink sink, Progress progress, LayerProbe probe) {
        return run(images, options, components -> sink, progress, probe);
    }

    /**
     * As {@link #run(List, Options, ActivitySink, Progress, LayerProbe)}, with the sink made once the
     * components are known (a trace header lists them).
     */
    public Result run(List<int[]> images, Options options, java.util.function.Function<List<ComponentInfo>, ActivitySink> sinks,
            Progress progress, LayerProbe probe) {
        Shape in = model.input().shape();
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).length != in.size()) {
                throw new IllegalArgumentException("image " + i + " has " + images.get(i).length + " values, the model expects "
                        + in.size() + " (" + in + ")");
            }
        }
        Host[] made = new Host[1];
        StreamResult s = simulate(hostPort -> made[0] = hostPort.create(images), options, sinks, progress, probe);
        Host host = made[0];
        List<int[]> logits = new ArrayList<>();
        long[] starts = new long[images.size()];
        long[] dones = new long[images.size()];
        for (int i = 0; i < images.size(); i++) {
            if (!host.complete(i)) {
                throw new IllegalStateException("image " + i + " did not finish: the simulation ran out of events");
            }
            logits.add(host.logits(i));
            starts[i] = host.startCycle(i);
            dones[i] = host.doneCycle(i);
        }
        if (probe != null) {
            fillConstantProbes(probe, images.size());
        }
        return new Result(logits, starts, dones, s.outcome(), s.counts(), s.components(), s.windowCycles(), s.exactAdc(),
                s.inputBuffers(), s.outputBuffers());
    }

    /**
     * What came out of a request stream (the per-request results went to the listener).
     *
     * @param outcome      kernel totals (events, windows, last event cycle)
     * @param counts       action counts of the whole run
     * @param components   number of simulated components (actors)
     * @param windowCycles the kernel's narrowest window (its minimum message latency)
     * @param exactAdc     true when every ADC conversion was exact
     * @param inputBuffers per used tile, in tile order: its input buffer's peak occupancy and waits
     * @param outputBuffers per used tile, in tile order: its output buffer's peak occupancy and waits
     */
    public record StreamResult(Coordinator.Outcome outcome, ActionCounts.Snapshot counts, int components, long windowCycles,
            boolean exactAdc, List<BufferUse> inputBuffers, List<BufferUse> outputBuffers) {
    }

    /**
     * Simulates a stream of requests, each brought to the host at its arrival cycle; the host queues
     * those the chip cannot take yet (at most {@code queueLimit} waiting, more are rejected; at most
     * {@code maxInFlight} images in the chip) and tells {@code listener} what became of each. Inputs must have the model's input size.
     */
    public StreamResult run(Host.Requests requests, int queueLimit, int maxInFlight, Host.Listener listener, Options options,
            java.util.function.Function<List<ComponentInfo>, ActivitySink> sinks, Progress progress) {
        return simulate(hostPort -> hostPort.create(requests, queueLimit, maxInFlight, listener), options, sinks, progress, null);
    }

    /** Makes the host once the chip's wiring (first tiles, constant logits, routes) is known. */
    private record HostPort(Shape in, int inputBits, List<Integer> firstTiles, int[][] inputRoutes, int outputs, int[][] constLogits,
            Routes routes, java.util.concurrent.atomic.AtomicInteger imagesDone) {
        Host create(List<int[]> images) {
            Host h = new Host(images, in, inputBits, firstTiles, outputs, constLogits[0], constLogits[1], routes, imagesDone);
            h.routeInputs(inputRoutes);
            return h;
        }

        Host create(Host.Requests requests, int queueLimit, int maxInFlight, Host.Listener listener) {
            Host h = new Host(requests, queueLimit, maxInFlight, listener, in, inputBits, firstTiles, outputs, constLogits[0], constLogits[1],
                    routes, imagesDone);
            h.routeInputs(inputRoutes);
            return h;
        }
    }

    private StreamResult simulate(java.util.function.Function<HostPort, Host> hosts, Options options,
            java.util.function.Function<List<ComponentInfo>, ActivitySink> sinks, Progress progress, LayerProbe probe) {
        Shape in = model.input().shape();
        TileSpec spec = chip.tile();
        long window = windowCycles(chip);
        Kernel k = new Kernel(window);
        List<ComponentInfo> infos = new ArrayList<>();
        Address<Host.Command> hostAddr = k.reserve("host");
        infos.add(new ComponentInfo(hostAddr.id(), "host", -1, List.of()));
        Address<Network.Command> netAddr = k.reserve("network");
        infos.add(new ComponentInfo(netAddr.id(), "network", -1, List.of(ComponentKind.NETWORK)));
        TreeMap<Integer, List<CrossbarPlacement>> byTile = new TreeMap<>();
        for (CrossbarPlacement c : mapping.crossbars()) {
            byTile.computeIfAbsent(c.tile(), t -> new ArrayList<>()).add(c);
        }
        int chipTiles = chip.tiles();
        List<Address<InputBuffer.Command>> inputBuffers = new ArrayList<>();
        List<Address<ShiftAdd.Command>> shiftAdds = new ArrayList<>();
        List<Address<OutputUnit.Command>> outputs = new ArrayList<>();
        List<Address<OutputBuffer.Command>> outputBuffers = new ArrayList<>();
        for (int t = 0; t < chipTiles; t++) {
            boolean used = byTile.containsKey(t);
            inputBuffers.add(used ? k.reserve("tile" + t + "/input-buffer") : null);
            shiftAdds.add(used ? k.reserve("tile" + t + "/shift-add") : null);
            outputs.add(used ? k.reserve("tile" + t + "/output") : null);
            outputBuffers.add(used ? k.reserve("tile" + t + "/output-buffer") : null);
            if (used) {
                infos.add(new ComponentInfo(inputBuffers.get(t).id(), inputBuffers.get(t).name(), t,
                        List.of(ComponentKind.INPUT_BUFFER, ComponentKind.BUS)));
                infos.add(new ComponentInfo(shiftAdds.get(t).id(), shiftAdds.get(t).name(), t, List.of(ComponentKind.SHIFT_ADD)));
                infos.add(new ComponentInfo(outputs.get(t).id(), outputs.get(t).name(), t, List.of(ComponentKind.ACTIVATION,
                        ComponentKind.MULTIPLIER, ComponentKind.POOLING)));
                infos.add(new ComponentInfo(outputBuffers.get(t).id(), outputBuffers.get(t).name(), t,
                        List.of(ComponentKind.OUTPUT_BUFFER)));
            }
        }
        Routes routes = new Routes(netAddr, hostAddr, inputBuffers, outputs, outputBuffers);
        int dacBits = spec.dac().bits();
        int cellBits = spec.crossbar().bitsPerCell();
        AdcModel adcTemplate = new AdcModel(spec.adc().bits(), spec.idealAdcBits(), options.idealAdc(), spec.adc().columnsPerAdc(),
                spec.adc().latencyCycles());

        // per tile: crossbars, shift-add view, input models
        TreeMap<Integer, InputBuffer> tileInputBuffers = new TreeMap<>();
        TreeMap<Integer, OutputBuffer> tileOutputBuffers = new TreeMap<>();
        for (var e : byTile.entrySet()) {
            int t = e.getKey();
            List<List<TileController.LocalCrossbar>> local = new ArrayList<>();
            for (int p = 0; p < plans.size(); p++) {
                local.add(new ArrayList<>());
            }
            List<ShiftAdd.LocalCrossbar> saLocal = new ArrayList<>();
            for (CrossbarPlacement c : e.getValue()) {
                Address<Crossbar.Command> xa = k.reserve("tile" + t + "/xbar" + c.slot());
                Address<AdcBank.Command> aa = k.reserve("tile" + t + "/xbar" + c.slot() + "/adc");
                infos.add(new ComponentInfo(xa.id(), xa.name(), t, List.of(ComponentKind.CROSSBAR, ComponentKind.DAC,
                        ComponentKind.SAMPLE_HOLD, ComponentKind.REGISTER)));
                infos.add(new ComponentInfo(aa.id(), aa.name(), t, List.of(ComponentKind.ADC)));
                int plan = planOf(c.layerIndex());
                k.define(xa, Crossbar.create(CrossbarModel.of(c, cellBits, spec.crossbar().readLatencyCycles(), dacBits), aa,
                        c.layerIndex()));
                k.define(aa, AdcBank.create(adcTemplate.copy(), c.id(), c.usedColumns(), shiftAdds.get(t), c.layerIndex()));
                local.get(plan).add(new TileController.LocalCrossbar(c.id(), c.inputRows().toArray(), xa, c.replica()));
                saLocal.add(new ShiftAdd.LocalCrossbar(c.id(), plan, c.columnTile(), ShiftAddModel.of(c, dacBits), c.replica()));
            }
            LayerInputModel[] inputs = new LayerInputModel[plans.size()];
            for (int p = 0; p < plans.size(); p++) {
                if (!local.get(p).isEmpty()) {
                    int[][] prefill = p == 0 ? new int[2][0] : constants(plans.get(p - 1));
                    inputs[p] = new LayerInputModel(plans.get(p), prefill[0], prefill[1], owned(plans.get(p), local.get(p)));
                }
            }
            InputBuffer ib = InputBuffer.create(t, inputs, new TileController(local), spec.inputBuffer(), routes);
            tileInputBuffers.put(t, ib);
            k.define(inputBuffers.get(t), ib);
            k.define(shiftAdds.get(t), ShiftAdd.create(t, saLocal, plans, spec.shiftAdd(), routes));
            k.define(outputs.get(t), OutputUnit.create(t, plans, spec, routes, probe));
            OutputBuffer ob = new OutputBuffer(t, spec.outputBuffer(), routes);
            tileOutputBuffers.put(t, ob);
            k.define(outputBuffers.get(t), ob);
        }
        LayerPlan last = plans.get(plans.size() - 1);
        int[][] constLogits = constants(last);
        Host host = hosts.apply(new HostPort(in, model.input().bits(), mapping.layers().get(0).tiles(),
                copyPlan(mapping.layers().get(0)).inputRoutes(), last.finalShape().size(),
                constLogits, routes, imagesDone));
        k.define(hostAddr, host);
        k.define(netAddr, Network.create(new NetworkModel(chip.network(), chipTiles)));
        k.seed(hostAddr, 0, new Host.Start());

        CountingSink[] counting = new CountingSink[1];
        List<ComponentInfo> components = List.copyOf(infos);
        k.sinkMadeWhileSpawning(() -> counting[0] = new CountingSink(sinks.apply(components))).progress(progress);
        Coordinator.Outcome outcome = options.system() != null ? k.run(options.system()) : k.run(options.threads());
        List<BufferUse> buffers = new ArrayList<>();
        tileInputBuffers.forEach((t, b) -> buffers.add(new BufferUse(t, spec.inputBuffer().sizeBytes(), b.use().peakBytes(),
                b.use().waits(), b.use().waitCycles())));
        List<BufferUse> outBuffers = new ArrayList<>();
        tileOutputBuffers.forEach((t, b) -> outBuffers.add(new BufferUse(t, spec.outputBuffer().sizeBytes(), b.use().peakBytes(),
                b.use().waits(), b.use().waitCycles())));
        return new StreamResult(outcome, counting[0].counts.snapshot(), k.components(), window, adcTemplate.isExact(), List.copyOf(buffers),
                List.copyOf(outBuffers));
    }

    private void fillConstantProbes(LayerProbe probe, int images) {
        for (LayerPlan p : plans) {
            int plane = p.outShape().height() * p.outShape().width();
            for (int t = 0; t < p.columnTiles(); t++) {
                if (p.reducerTile()[t] >= 0) {
                    continue;
                }
                for (int c = p.columnStarts()[t]; c < p.columnStarts()[t + 1]; c++) {
                    int v = p.layer().finish(c, 0);
                    for (int i = 0; i < images; i++) {
                        for (int k = 0; k < plane; k++) {
                            probe.put(i, p.plan(), c * plane + k, v);
                        }
                    }
                }
            }
        }
    }

    private int planOf(int layerIndex) {
        for (LayerPlan p : plans) {
            if (p.layerIndex() == layerIndex) {
                return p.plan();
            }
        }
        throw new IllegalArgumentException("no weighted layer at index " + layerIndex);
    }

    /** Adds every activity to the action counts, then passes the window on. */
    private static final class CountingSink implements ActivitySink {
        final ActionCounts counts = new ActionCounts();
        final ActivitySink next;

        CountingSink(ActivitySink next) {
            this.next = next;
        }

        @Override
        public void accept(long windowStart, long windowEnd, List<Activity> activities) {
            for (Activity a : activities) {
                if (ActivityCode.action(a.action()).counted()) {
                    counts.add(ActivityCode.kind(a.action()), ActivityCode.action(a.action()), a.count());
                }
            }
            next.accept(windowStart, windowEnd, activities);
        }
    }
}
