package org.xbarsim.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xbarsim.io.Installation;
import org.xbarsim.model.IntModel;
import org.xbarsim.run.RequestReplay;

/**
 * Replaying a request stream ({@code replay --requests}): each repeat replays the same seeded
 * stream of random-pixel requests with Poisson arrivals through {@link RequestReplay}, and reports
 * requests simulated per wall second.
 */
final class ReplayBench implements BenchCase {
    private final Map<String, String> notes = new LinkedHashMap<>();
    private Path dir;
    private Path model;
    private Path config;
    private Path requests;
    private int count;

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String description() {
        return "replay a stream of random-pixel requests with seeded Poisson arrivals (replay --requests): requests "
                + "simulated per wall second";
    }

    @Override
    public boolean quick() {
        return false;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("model", "integer model file (default: a random LeNet-5)",
                "config", "chip config file (default sim-configs/isaac.conf)",
                "requests", "requests in the stream (default 20)",
                "gap-cycles", "mean cycles between arrivals (default 1000000, about 80% of LeNet-5's pace on isaac.conf)",
                "threads", "dispatcher threads of the simulation (default: all processors but one, at most --threads)");
    }

    @Override
    public void setUp(BenchOptions options) {
        count = options.intParam("requests", 20);
        long gap = Long.parseLong(options.params().getOrDefault("gap-cycles", "1000000"));
        config = Installation.resolveBundled(Path.of(options.params().getOrDefault("config", "sim-configs/isaac.conf")));
        try {
            dir = Files.createTempDirectory("xbarsim-bench-replay");
            BenchModelFile chosen = BenchModelFile.of(options, dir);
            model = chosen.file();
            IntModel m = chosen.model();
            requests = dir.resolve("requests.jsonl");
            Files.writeString(requests, stream(m.input().shape().size(), count, gap));
            notes.put("model", m.name() + " (" + model.getFileName() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        notes.put("config", config.toString());
        notes.put("dispatcher threads", Integer.toString(options.simulationThreads()));
        notes.put("requests", count + " random-pixel requests, Poisson arrivals with a mean gap of " + gap + " cycles, seed 1");
    }

    /** A request trace of {@code n} random images, arrivals in cycles with exponential gaps. */
    static String stream(int size, int n, long meanGap) {
        Random r = new Random(1);
        StringBuilder b = new StringBuilder("{\"format\":\"xbarsim-requests\",\"version\":1,\"arrival-unit\":\"cycles\"}\n");
        long t = 0;
        for (int i = 0; i < n; i++) {
            b.append("{\"id\":").append(i).append(",\"arrival\":").append(t).append(",\"pixels\":[");
            for (int k = 0; k < size; k++) {
                b.append(k == 0 ? "" : ",").append(r.nextInt(256));
            }
            b.append("]}\n");
            t += Math.round(-Math.log(1 - r.nextDouble()) * meanGap);
        }
        return b.toString();
    }

    @Override
    public List<Measurement> run(BenchOptions options) {
        int threads = options.simulationThreads();
        Path out = dir.resolve("replay");
        RecostBench.delete(out);
        long t0 = System.nanoTime();
        new RequestReplay(requests, model, config, out).threads(threads).run(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Measurement> list = new ArrayList<>();
        list.add(Measurement.time("replay-seconds", seconds, "s"));
        list.add(Measurement.throughput("requests-simulated-per-second", count / seconds, "requests/s"));
        return list;
    }

    @Override
    public Map<String, String> notes() {
        return notes;
    }

    @Override
    public void tearDown() {
        RecostBench.delete(dir);
    }
}
